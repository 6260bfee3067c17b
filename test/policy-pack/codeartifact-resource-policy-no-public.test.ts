import { expect } from "chai";
import { checkResource } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";
import { ACCOUNT, OTHER_ACCOUNT, document } from "../support/iamFixtures";

const policy = "codeartifact-resource-policy-no-public";
const repositoryPolicy = (statement: Record<string, unknown>, domainOwner: string | null = ACCOUNT) => ({
    type: resourceTypes.codeartifactRepositoryPermissionsPolicy,
    props: { domain: "nextwork", repository: "nextwork-packages", ...(domainOwner ? { domainOwner } : {}), policyDocument: document(statement) },
});
const domainPolicy = (statement: Record<string, unknown>) => ({
    type: resourceTypes.codeartifactDomainPermissions,
    props: { domain: "nextwork", domainOwner: ACCOUNT, policyDocument: document(statement) },
});
const allow = (Principal: unknown, Action: unknown, Condition?: unknown) => ({ Effect: "Allow", Principal, Action, Resource: "*", ...(Condition ? { Condition } : {}) });
const orgFence = { StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij" } };

describe(policy, () => {
    it("accepts organization-wide read fenced by aws:PrincipalOrgID", async () => {
        expect((await checkResource(policy, domainPolicy(allow("*", "codeartifact:GetAuthorizationToken", orgFence)))).violations).to.deep.equal([]);
        expect((await checkResource(policy, repositoryPolicy(allow("*", "codeartifact:ReadFromRepository", orgFence)))).violations).to.deep.equal([]);
    });

    it("accepts read for named accounts, and writes for the owning account", async () => {
        expect((await checkResource(policy, repositoryPolicy(allow({ AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, "codeartifact:ReadFromRepository")))).violations).to.deep.equal([]);
        expect((await checkResource(policy, repositoryPolicy(allow({ AWS: `arn:aws:iam::${ACCOUNT}:role/ci` }, "codeartifact:PublishPackageVersion")))).violations).to.deep.equal([]);
    });

    it('rejects Principal "*" without a fence, for reads too', async () => {
        const [violation] = (await checkResource(policy, repositoryPolicy(allow("*", "codeartifact:ReadFromRepository")))).violations;
        expect(violation).to.contain('allows Principal "*" with no aws:PrincipalOrgID, aws:PrincipalOrgPaths or aws:PrincipalAccount condition');
    });

    it('rejects {"AWS": "*"} with an unrelated condition, or a wildcard fence', async () => {
        expect((await checkResource(policy, domainPolicy(allow({ AWS: "*" }, "codeartifact:GetAuthorizationToken", { Bool: { "aws:SecureTransport": "true" } })))).violations).to.have.length(1);
        expect((await checkResource(policy, domainPolicy(allow("*", "codeartifact:GetAuthorizationToken", { StringLike: { "aws:PrincipalOrgID": "o-*" } })))).violations).to.have.length(1);
    });

    it("rejects NotPrincipal", async () => {
        const { violations } = await checkResource(policy, domainPolicy({ Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "codeartifact:GetAuthorizationToken", Resource: "*" }));
        expect(violations.join("\n")).to.contain("NotPrincipal");
    });

    it("rejects writes to another account, however the principal is named", async () => {
        for (const principal of [{ AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, { AWS: OTHER_ACCOUNT }, { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:role/ci` }]) {
            const [violation] = (await checkResource(policy, repositoryPolicy(allow(principal, "codeartifact:PublishPackageVersion")))).violations;
            expect(violation, JSON.stringify(principal)).to.contain("only the owning account may write");
        }
    });

    it("rejects writes to an organization, even a fenced one", async () => {
        const [violation] = (await checkResource(policy, repositoryPolicy(allow("*", "codeartifact:Pu*", orgFence)))).violations;
        expect(violation).to.contain("principals in other accounts");
    });

    it("accepts writes fenced to the owning account only, and rejects a fence naming another", async () => {
        const own = { StringEquals: { "aws:PrincipalAccount": ACCOUNT } };
        expect((await checkResource(policy, repositoryPolicy(allow("*", "codeartifact:PublishPackageVersion", own)))).violations).to.deep.equal([]);
        const other = { StringEquals: { "aws:PrincipalAccount": [ACCOUNT, OTHER_ACCOUNT] } };
        expect((await checkResource(policy, repositoryPolicy(allow("*", "codeartifact:PublishPackageVersion", other)))).violations[0]).to.contain(`account ${OTHER_ACCOUNT}`);
    });

    it("rejects writes when it cannot tell the owning account (no domainOwner)", async () => {
        const [violation] = (await checkResource(policy, repositoryPolicy(allow({ AWS: `arn:aws:iam::${ACCOUNT}:role/ci` }, "codeartifact:DeletePackageVersions"), null))).violations;
        expect(violation).to.contain("set domainOwner");
    });

    it("does not apply to identity policies", async () => {
        expect((await checkResource(policy, { type: resourceTypes.rolePolicy, props: { role: "r", policy: document(allow("*", "codeartifact:*")) } })).notApplicable).to.have.length(1);
    });

    it("rejects a fence written as a policy variable: it always equals the caller's own account or organization", async () => {
        for (const [key, value] of [["aws:PrincipalAccount", "${aws:PrincipalAccount}"], ["aws:PrincipalOrgID", "${aws:PrincipalOrgID}"]]) {
            const { violations } = await checkResource(policy, repositoryPolicy(allow("*", "codeartifact:ReadFromRepository", { StringEquals: { [key]: value } })));
            expect(violations, key).to.have.length(1);
        }
    });

    it("accepts an organizational-unit fence (aws:PrincipalOrgPaths under a literal organization)", async () => {
        const ou = { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-abcdefghij/r-ab12/ou-ab12-11111111/*"] } };
        expect((await checkResource(policy, repositoryPolicy(allow("*", "codeartifact:ReadFromRepository", ou)))).violations).to.deep.equal([]);
        const anyOrg = { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-*"] } };
        expect((await checkResource(policy, repositoryPolicy(allow("*", "codeartifact:ReadFromRepository", anyOrg)))).violations).to.have.length(1);
    });
});
