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

    describe('fences that leave "*" to service principals or named principals', () => {
        const read = (Condition: unknown) => repositoryPolicy(allow("*", "codeartifact:ReadFromRepository", Condition));
        const fenced: [string, unknown][] = [
            ["aws:SourceAccount", { StringEquals: { "aws:SourceAccount": ACCOUNT } }],
            ["aws:SourceArn (ArnEquals)", { ArnEquals: { "aws:SourceArn": `arn:aws:codebuild:eu-west-1:${ACCOUNT}:project/build` } }],
            ["aws:SourceArn (ArnLike, wildcard in the resource part)", { ArnLike: { "aws:SourceArn": `arn:aws:codebuild:eu-west-1:${ACCOUNT}:project/*` } }],
            ["aws:SourceArn of an S3 bucket (no account in the ARN)", { StringEquals: { "aws:SourceArn": "arn:aws:s3:::build-artifacts" } }],
            ["aws:SourceOrgID", { StringEquals: { "aws:SourceOrgID": "o-abcdefghij" } }],
            ["aws:userid naming a role's sessions and a user", { StringLike: { "aws:userid": ["AROAEXAMPLEROLEID12345:*", "AIDAEXAMPLEUSERID12345"] } }],
            ["aws:PrincipalArn naming a role (ArnEquals)", { ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/reader` } }],
            ["aws:PrincipalArn (ArnLike, wildcard after the account)", { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/build-*` } }],
            ["aws:PrincipalArn (StringEquals)", { StringEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/reader` } }],
        ];
        for (const [situation, condition] of fenced) {
            it(`accepts Principal "*" fenced by ${situation}`, async () => {
                expect((await checkResource(policy, read(condition))).violations).to.deep.equal([]);
            });
        }

        const open: [string, unknown][] = [
            ["aws:SourceIp: every AWS account on that network gets in", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }],
            ["aws:SourceVpce", { StringEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } }],
            ["...IfExists: a request without the key (an IAM principal's own) passes", { StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } }],
            ["a negated operator", { StringNotEquals: { "aws:SourceAccount": OTHER_ACCOUNT } }],
            ["ForAllValues: an absent key is an empty set, which passes", { "ForAllValues:StringEquals": { "aws:SourceAccount": ACCOUNT } }],
            ["a wildcarded account", { StringLike: { "aws:SourceAccount": "*" } }],
            ["a wildcard in the account of aws:SourceArn", { ArnLike: { "aws:SourceArn": "arn:aws:codebuild:eu-west-1:*:project/*" } }],
            ["a policy variable", { StringEquals: { "aws:SourceAccount": "${aws:PrincipalAccount}" } }],
            ["aws:userid with a wildcard in the id", { StringLike: { "aws:userid": "AROA*" } }],
            ["an Arn operator on a key that is no ARN", { ArnEquals: { "aws:PrincipalAccount": ACCOUNT } }],
            ["a wildcard in the account of aws:PrincipalArn", { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/reader" } }],
            ["aws:PrincipalArn that is no IAM principal's", { ArnLike: { "aws:PrincipalArn": "arn:aws:*" } }],
            ["aws:PrincipalArn, negated", { ArnNotEquals: { "aws:PrincipalArn": `arn:aws:iam::${OTHER_ACCOUNT}:role/reader` } }],
        ];
        for (const [situation, condition] of open) {
            it(`rejects Principal "*" with ${situation}`, async () => {
                expect((await checkResource(policy, read(condition))).violations, JSON.stringify(condition)).to.have.length(1);
            });
        }

        it("accepts writes by services acting for the owning account, and refuses them for another", async () => {
            const own = { StringEquals: { "aws:SourceAccount": ACCOUNT } };
            expect((await checkResource(policy, repositoryPolicy(allow("*", "codeartifact:PublishPackageVersion", own)))).violations).to.deep.equal([]);
            const other = { ArnEquals: { "aws:SourceArn": `arn:aws:codebuild:eu-west-1:${OTHER_ACCOUNT}:project/build` } };
            expect((await checkResource(policy, repositoryPolicy(allow("*", "codeartifact:PublishPackageVersion", other)))).violations[0]).to.contain(`account ${OTHER_ACCOUNT}`);
        });

        it("accepts writes by a named service principal fenced to the owning account, and refuses them unfenced", async () => {
            const service = { Service: "codebuild.amazonaws.com" };
            const own = { StringEquals: { "aws:SourceAccount": ACCOUNT } };
            expect((await checkResource(policy, repositoryPolicy(allow(service, "codeartifact:PublishPackageVersion", own)))).violations).to.deep.equal([]);
            expect((await checkResource(policy, repositoryPolicy(allow(service, "codeartifact:PublishPackageVersion")))).violations[0]).to.contain("only the owning account may write");
        });

        it("accepts writes fenced by aws:PrincipalArn to the owning account's principals, and refuses them for another's", async () => {
            const own = { ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/publisher` } };
            expect((await checkResource(policy, repositoryPolicy(allow("*", "codeartifact:PublishPackageVersion", own)))).violations).to.deep.equal([]);
            const other = { ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${OTHER_ACCOUNT}:role/publisher` } };
            expect((await checkResource(policy, repositoryPolicy(allow("*", "codeartifact:PublishPackageVersion", other)))).violations[0]).to.contain(`account ${OTHER_ACCOUNT}`);
        });

        it("refuses writes fenced only by aws:userid: a unique id does not say which account it is in", async () => {
            const byId = { StringEquals: { "aws:userid": "AIDAEXAMPLEUSERID12345" } };
            expect((await checkResource(policy, repositoryPolicy(allow("*", "codeartifact:PublishPackageVersion", byId)))).violations[0]).to.contain("other accounts may only read");
        });
    });
});
