import { expect } from "chai";
import { PackagePublisher, PackagePublisherArgs } from "../../infra/components/packagePublisher";
import { EXPECTED_READER_STATEMENTS } from "../support/expectedPolicies";
import { newStore } from "../support/componentFixtures";
import { UNKNOWN, ofType, policyInput, single } from "../support/registrationQueries";
import { StackRun, orThrow, runInMockStack } from "../support/mockStack";

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const NAMESPACES = [{ format: "maven" as const, namespace: "com.nextwork" }];

async function runPublisher(args: Partial<PackagePublisherArgs> = {}, preview = false): Promise<StackRun> {
    return orThrow(await runInMockStack(() => {
        const { repository } = newStore();
        new PackagePublisher("publisher", { repository, namespaces: NAMESPACES, ...args });
    }, { preview }));
}

describe("PackagePublisher", () => {
    let run: StackRun;
    before(async () => { run = await runPublisher(); });

    it("declares a named role, its publish policy and the exclusivity guards, as children of the component", () => {
        const component = single(run.registrations, "secure-packages:index:PackagePublisher");
        expect(run.registrations.filter((r) => r.parent === component.urn).map((r) => `${r.type}::${r.name}`)).to.have.members([
            `${ROLE}::publisher-role`,
            `${ROLE_POLICY}::publisher-codeartifact-publish`,
            "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive::publisher-inline-policies",
            "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive::publisher-managed-policies",
        ]);
        expect(ofType(run.registrations, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).to.have.length(0);
        expect(single(run.registrations, "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive").inputs.policyArns).to.deep.equal([]);
        expect(single(run.registrations, "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive").inputs.policyNames).to.deep.equal(["codeartifact-publish"]);
    });

    it("names the role <domain>-publisher and lets only this account assume it, by default", () => {
        const role = single(run.registrations, ROLE);
        expect(role.inputs.name).to.equal("nextwork-publisher");
        expect(policyInput(role, "assumeRolePolicy").Statement).to.deep.equal([
            { Effect: "Allow", Principal: { AWS: ["arn:aws:iam::123456789012:root"] }, Action: ["sts:AssumeRole"] },
        ]);
    });

    it("uses the configured name and trusted principals", async () => {
        const custom = await runPublisher({ roleName: "ci-publisher", trustedPrincipalArns: ["arn:aws:iam::111122223333:role/ci"] });
        const role = single(custom.registrations, ROLE);
        expect(role.inputs.name).to.equal("ci-publisher");
        expect(policyInput(role, "assumeRolePolicy").Statement[0].Principal).to.deep.equal({ AWS: ["arn:aws:iam::111122223333:role/ci"] });
    });

    it("grants reading plus publishing into the team's namespaces only", () => {
        const statements = policyInput(single(run.registrations, ROLE_POLICY), "policy").Statement;
        expect(statements.slice(0, 3)).to.deep.equal(EXPECTED_READER_STATEMENTS);
        expect(statements.slice(3)).to.deep.equal([{
            Sid: "PublishToTeamNamespaces",
            Effect: "Allow",
            Action: ["codeartifact:PublishPackageVersion", "codeartifact:PutPackageMetadata"],
            Resource: ["arn:aws:codeartifact:us-east-1:123456789012:package/nextwork/nextwork-packages/maven/com.nextwork/*"],
        }]);
    });

    it("during preview, the policy names its role and both documents are known", async () => {
        const preview = await runPublisher({}, true);
        const policy = single(preview.registrations, ROLE_POLICY);
        expect(policy.inputs.role).to.equal("nextwork-publisher");
        expect(policy.inputs.role).not.to.equal(UNKNOWN);
        expect(policy.inputs.name).to.equal("codeartifact-publish");
        expect(policyInput(policy, "policy").Statement).to.have.length(4);
        expect(policyInput(single(preview.registrations, ROLE), "assumeRolePolicy").Statement).to.have.length(1);
    });

    it("refuses to exist without a namespace", async () => {
        const empty = await runInMockStack(() => {
            const { repository } = newStore();
            new PackagePublisher("publisher", { repository, namespaces: [] });
        });
        expect(String(empty.error)).to.match(/at least one namespace/);
        expect(ofType(empty.registrations, ROLE)).to.have.length(0);
    });
});
