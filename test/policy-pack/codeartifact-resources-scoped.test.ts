import { expect } from "chai";
import { checkResource } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";
import { ACCOUNT, DOMAIN_ARN, PACKAGES_ARN, REPOSITORY_ARN, document, readerDocument, rolePolicy } from "../support/iamFixtures";

const policy = "codeartifact-resources-scoped";
const violationsOf = async (...statements: Record<string, unknown>[]) => (await checkResource(policy, rolePolicy(document(...statements)))).violations;
const grant = (Action: unknown, Resource: unknown) => ({ Effect: "Allow", Action, Resource });

describe(policy, () => {
    it("accepts the reader statements: token on the domain, read on the repository, bearer token on *", async () => {
        expect((await checkResource(policy, rolePolicy(readerDocument))).violations).to.deep.equal([]);
    });

    it("accepts wildcard-only actions on *: they take no resource", async () => {
        expect(await violationsOf(grant(["codeartifact:ListDomains", "codeartifact:ListRepositories"], "*"))).to.deep.equal([]);
    });

    it("accepts a wildcard inside the package part of a named repository", async () => {
        expect(await violationsOf(grant("codeartifact:DescribePackageVersion", PACKAGES_ARN("maven", "*", "*")))).to.deep.equal([]);
        expect(await violationsOf(grant("codeartifact:DescribePackageVersion", `${REPOSITORY_ARN.replace(":repository/", ":package/")}/*`))).to.deep.equal([]);
    });

    it("accepts one statement for both the domain and the repository when each action finds its type", async () => {
        expect(await violationsOf(grant(["codeartifact:GetAuthorizationToken", "codeartifact:ReadFromRepository"], [DOMAIN_ARN, REPOSITORY_ARN]))).to.deep.equal([]);
    });

    it("ignores ARNs of other services in a mixed statement", async () => {
        expect(await violationsOf(grant(["codeartifact:ReadFromRepository", "s3:GetObject"], [REPOSITORY_ARN, "arn:aws:s3:::assets/*"]))).to.deep.equal([]);
    });

    it('rejects Resource "*" for an action that takes a resource', async () => {
        const [violation] = await violationsOf(grant("codeartifact:ReadFromRepository", "*"));
        expect(violation).to.contain('grants codeartifact:ReadFromRepository on "*"').and.contain("every resource in every account");
    });

    it("rejects GetAuthorizationToken on * (a token for every domain)", async () => {
        const violations = await violationsOf(grant("codeartifact:GetAuthorizationToken", "*"));
        expect(violations).to.have.length(1);
    });

    const broad: [string, string, string][] = [
        ["every region and account", "arn:aws:codeartifact:*:*:repository/*", "the region is wildcarded"],
        ["every account", `arn:aws:codeartifact:us-east-1:*:repository/nextwork/nextwork-packages`, "the account is wildcarded"],
        ["every partition", `arn:*:codeartifact:us-east-1:${ACCOUNT}:repository/nextwork/nextwork-packages`, "the partition is wildcarded"],
        ["every domain", `arn:aws:codeartifact:us-east-1:${ACCOUNT}:repository/*`, "the domain is wildcarded"],
        ["every repository of the domain", `arn:aws:codeartifact:us-east-1:${ACCOUNT}:repository/nextwork/*`, "the repository is wildcarded"],
        ["a ? in the domain", `arn:aws:codeartifact:us-east-1:${ACCOUNT}:repository/nextwor?/nextwork-packages`, "the domain is wildcarded"],
        ["every resource type", `arn:aws:codeartifact:us-east-1:${ACCOUNT}:*`, "the resource type is wildcarded"],
        ["no resource part", "arn:aws:codeartifact:*", "fewer than six ARN segments"],
        ["everything after arn:", "arn:*", "fewer than six ARN segments"],
        ["a short pattern skipping the service", `arn:*:${ACCOUNT}:domain/nextwork`, "fewer than six ARN segments"],
        ["a policy variable for the domain", `arn:aws:codeartifact:us-east-1:${ACCOUNT}:repository/\${aws:PrincipalTag/domain}/nextwork-packages`, "the domain is a policy variable"],
        ["a wildcarded service", `arn:aws:code*:us-east-1:${ACCOUNT}:repository/nextwork/nextwork-packages`, "the service is wildcarded"],
        ["a pattern that is not an ARN", "arn*", "can match any ARN"],
    ];
    for (const [situation, resource, problem] of broad) {
        it(`rejects an ARN wildcarded across ${situation}`, async () => {
            const violations = await violationsOf(grant("codeartifact:ReadFromRepository", resource));
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain(problem);
        });
    }

    it("rejects an action given only ARNs of another resource type: as written it grants nothing", async () => {
        const [violation] = await violationsOf(grant("codeartifact:GetAuthorizationToken", REPOSITORY_ARN));
        expect(violation).to.contain("grants codeartifact:GetAuthorizationToken on repository ARNs only; it takes domain ARNs");
    });

    it("does not hold a wildcard's extra expansions to that rule (Describe* on a repository is about DescribeRepository)", async () => {
        expect(await violationsOf(grant("codeartifact:Describe*", REPOSITORY_ARN))).to.deep.equal([]);
    });

    it("rejects NotResource with CodeArtifact actions", async () => {
        const [violation] = await violationsOf({ Effect: "Allow", Action: "codeartifact:ReadFromRepository", NotResource: REPOSITORY_ARN });
        expect(violation).to.contain("NotResource");
    });

    it("judges mixed-case action names and NotAction the same way", async () => {
        expect(await violationsOf(grant("CODEARTIFACT:readFromRepository", "*"))).to.have.length(1);
        expect(await violationsOf({ Effect: "Allow", NotAction: "s3:*", Resource: "*" })).to.have.length(1);
    });

    it("ignores Deny statements", async () => {
        expect(await violationsOf({ Effect: "Deny", Action: "codeartifact:*", Resource: "*" })).to.deep.equal([]);
    });

    it("leaves resource policies alone: there Resource * means the domain or repository it is attached to", async () => {
        const outcome = await checkResource(policy, {
            type: resourceTypes.codeartifactRepositoryPermissionsPolicy,
            props: { policyDocument: document({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "codeartifact:ReadFromRepository", Resource: "*" }) },
        });
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.notApplicable).to.have.length(1);
    });

    it("judges an action the data lacks by its resources alone: refused on *, accepted on a named repository", async () => {
        expect(await violationsOf(grant("codeartifact:GetFutureThing", REPOSITORY_ARN))).to.deep.equal([]);
        const [violation] = await violationsOf(grant("codeartifact:GetFutureThing", "*"));
        expect(violation).to.contain("lacks codeartifact:GetFutureThing (Read)");
    });
});
