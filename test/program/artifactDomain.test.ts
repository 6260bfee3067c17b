import { expect } from "chai";
import { ArtifactDomain } from "../../infra/components/artifactDomain";
import { DOMAIN_ARN } from "../support/expectedPolicies";
import { ofType, policyInput, single } from "../support/registrationQueries";
import { FAKE_CONTEXT, StackRun, orThrow, runInMockStack } from "../support/mockStack";

const KEY = "aws:kms/key:Key";
const ALIAS = "aws:kms/alias:Alias";
const DOMAIN = "aws:codeartifact/domain:Domain";
const PERMISSIONS = "aws:codeartifact/domainPermissions:DomainPermissions";
/** The ARN the mocks give the domain's key in an update. */
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/bd0df4d8-5cf5-41d3-a96a-1b762a6dc480";

async function runDomain(args: Partial<ConstructorParameters<typeof ArtifactDomain>[1]> = {}, preview = false): Promise<StackRun> {
    return orThrow(await runInMockStack(() => {
        new ArtifactDomain("domain", { domainName: "nextwork", context: FAKE_CONTEXT, tags: { team: "platform" }, ...args });
    }, { preview }));
}

describe("ArtifactDomain", () => {
    let run: StackRun;
    before(async () => { run = await runDomain(); });

    it("is a secure-packages:index:ArtifactDomain component whose children all name it as parent", () => {
        const component = single(run.registrations, "secure-packages:index:ArtifactDomain", "domain");
        const children = run.registrations.filter((r) => r.custom);
        expect(children.map((r) => r.type)).to.have.members([KEY, ALIAS, DOMAIN]);
        for (const child of children) expect(child.parent, child.name).to.equal(component.urn);
    });

    it("encrypts with its own customer-managed key, rotated yearly, with a 30-day deletion window", () => {
        const key = single(run.registrations, KEY);
        expect(key.inputs).to.deep.include({ enableKeyRotation: true, deletionWindowInDays: 30, tags: { team: "platform" } });
        expect(key.inputs.description).to.be.a("string").and.include("nextwork");
        const domain = single(run.registrations, DOMAIN);
        expect(domain.inputs).to.deep.include({ domain: "nextwork", tags: { team: "platform" } });
        expect(domain.inputs.encryptionKey).to.equal(KEY_ARN);
        expect(domain.propertyDependencies.encryptionKey).to.deep.equal([key.urn]);
    });

    it("names the key alias/codeartifact/<domain>", () => {
        const alias = single(run.registrations, ALIAS);
        expect(alias.inputs.name).to.equal("alias/codeartifact/nextwork");
        expect(alias.propertyDependencies.targetKeyId).to.deep.equal([single(run.registrations, KEY).urn]);
    });

    it("protects the key and the domain themselves, not the component or the alias", () => {
        expect(single(run.registrations, KEY).protect).to.equal(true);
        expect(single(run.registrations, DOMAIN).protect).to.equal(true);
        expect(single(run.registrations, ALIAS).protect).to.equal(false);
        expect(single(run.registrations, "secure-packages:index:ArtifactDomain").protect).to.equal(false);
    });

    it("protects nothing when protect is off", async () => {
        const unprotected = await runDomain({ protect: false });
        expect(unprotected.registrations.filter((r) => r.protect).map((r) => r.name)).to.deep.equal([]);
    });

    it("has no resource policy without cross-account readers", () => {
        expect(ofType(run.registrations, PERMISSIONS)).to.have.length(0);
    });

    it("lets configured readers fetch tokens for this domain, and nothing else", async () => {
        const withReaders = await runDomain({ readers: { organizationId: "o-abcdefghij", accountIds: ["111122223333"] } });
        const permissions = single(withReaders.registrations, PERMISSIONS);
        expect(permissions.inputs.domainOwner).to.equal("123456789012");
        expect(permissions.propertyDependencies.domain).to.deep.equal([single(withReaders.registrations, DOMAIN).urn]);
        const policy = policyInput(permissions, "policyDocument");
        expect(policy.Statement).to.deep.equal([
            {
                Sid: "OrganizationGetAuthorizationToken", Effect: "Allow", Principal: "*",
                Action: ["codeartifact:GetAuthorizationToken"], Resource: [DOMAIN_ARN],
                Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij" } },
            },
            {
                Sid: "AccountsGetAuthorizationToken", Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111122223333:root"] },
                Action: ["codeartifact:GetAuthorizationToken"], Resource: [DOMAIN_ARN],
            },
        ]);
        expect(permissions.protect).to.equal(false);
    });

    it("grants an organization alone through the condition only", async () => {
        const orgOnly = await runDomain({ readers: { organizationId: "o-abcdefghij" } });
        const statements = policyInput(single(orgOnly.registrations, PERMISSIONS), "policyDocument").Statement;
        expect(statements).to.have.length(1);
        expect(statements[0].Principal).to.equal("*");
        expect(statements[0].Condition).to.deep.equal({ StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij" } });
    });

    it("its resource policy is a known value during preview", async () => {
        const preview = await runDomain({ readers: { accountIds: ["111122223333"] } }, true);
        expect(policyInput(single(preview.registrations, PERMISSIONS), "policyDocument").Statement[0].Resource).to.deep.equal([DOMAIN_ARN]);
    });

    it("registers its outputs", () => {
        const outputs = single(run.registrations, "secure-packages:index:ArtifactDomain").outputs;
        expect(outputs).to.deep.include({ domainName: "nextwork", arn: DOMAIN_ARN, keyArn: KEY_ARN });
    });
});
