import { expect } from "chai";
import { checkResource, unknown } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";
import {
    ACCOUNT,
    DOMAIN_ARN,
    PACKAGES_ARN,
    PACKAGE_GROUP_ARN,
    REPOSITORY_ARN,
    bearerStatement,
    document,
    publishStatement,
    readStatement,
    readerDocument,
    readerStatements,
    rolePolicy,
    tokenStatement,
} from "../support/iamFixtures";

const policy = "codeartifact-read-only";
const publishers = [{ role: "nextwork-publisher", namespaces: ["maven/com.nextwork"] }];

async function violationsOf(policyDocument: unknown, role: unknown = "reader-role", config?: Record<string, unknown>) {
    return (await checkResource(policy, rolePolicy(policyDocument, role), { config })).violations;
}

describe(policy, () => {
    describe("readers", () => {
        it("accepts the reader statements", async () => {
            expect(await violationsOf(readerDocument)).to.deep.equal([]);
        });

        it("accepts lower-case action names", async () => {
            expect(await violationsOf(document({ Effect: "Allow", Action: ["codeartifact:readfromrepository", "codeartifact:getauthorizationtoken"], Resource: "*" }))).to.deep.equal([]);
        });

        it("accepts read and list wildcards: Get*, Describe*, List*", async () => {
            expect(await violationsOf(document({ Effect: "Allow", Action: ["codeartifact:Get*", "codeartifact:Describe*", "codeartifact:List*"], Resource: REPOSITORY_ARN }))).to.deep.equal([]);
        });

        it("accepts Deny statements with wildcards: a Deny never grants", async () => {
            expect(await violationsOf(document(...readerStatements, { Effect: "Deny", Action: "codeartifact:*", Resource: "*" }))).to.deep.equal([]);
        });

        it("does not read the role's name for a read-only document (it may be unknown in preview)", async () => {
            const outcome = await checkResource(policy, rolePolicy(readerDocument, unknown.string));
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.cantRun).to.deep.equal([]);
        });
    });

    describe("writes, however they are spelled", () => {
        const cases: [string, Record<string, unknown>, string[]][] = [
            ["a write named outright", { Effect: "Allow", Action: "codeartifact:DeletePackageVersions", Resource: REPOSITORY_ARN }, ["codeartifact:DeletePackageVersions"]],
            ["mixed-case action names", { Effect: "Allow", Action: "CodeArtifact:deleteREPOSITORY", Resource: REPOSITORY_ARN }, ["codeartifact:DeleteRepository"]],
            ["codeartifact:Pu*", { Effect: "Allow", Action: "codeartifact:Pu*", Resource: REPOSITORY_ARN }, ["codeartifact:PutDomainPermissionsPolicy", "codeartifact:PutRepositoryPermissionsPolicy"]],
            ["codeartifact:*Package*", { Effect: "Allow", Action: "codeartifact:*Package*", Resource: REPOSITORY_ARN }, ["codeartifact:DeletePackage"]],
            ["a ? wildcard", { Effect: "Allow", Action: "codeartifact:Delete?omain", Resource: DOMAIN_ARN }, ["codeartifact:DeleteDomain"]],
            ["a wildcarded service", { Effect: "Allow", Action: "code*:Update*", Resource: REPOSITORY_ARN }, ["codeartifact:UpdateRepository"]],
            ["everything", { Effect: "Allow", Action: "*", Resource: "*" }, ["codeartifact:CreateDomain"]],
            ["NotAction", { Effect: "Allow", NotAction: "codeartifact:Get*", Resource: "*" }, ["codeartifact:AssociateExternalConnection", "more"]],
            ["a tagging action", { Effect: "Allow", Action: "codeartifact:TagResource", Resource: REPOSITORY_ARN }, ["codeartifact:TagResource"]],
            // Package groups hold the dependency-confusion defence: loosening one is a write like any other.
            ["a package group's origin controls", { Effect: "Allow", Action: "codeartifact:UpdatePackageGroupOriginConfiguration", Resource: PACKAGE_GROUP_ARN("maven", "com.nextwork") }, ["codeartifact:UpdatePackageGroupOriginConfiguration"]],
            ["creating a package group (wildcard-only, so on *)", { Effect: "Allow", Action: "codeartifact:CreatePackageGroup", Resource: "*" }, ["codeartifact:CreatePackageGroup"]],
            ["*PackageGroup* on a group", { Effect: "Allow", Action: "codeartifact:*PackageGroup*", Resource: PACKAGE_GROUP_ARN("maven", "com.nextwork") }, ["codeartifact:DeletePackageGroup", "codeartifact:UpdatePackageGroup"]],
        ];
        for (const [situation, statement, named] of cases) {
            it(`rejects ${situation}`, async () => {
                const violations = await violationsOf(document(...readerStatements, statement));
                expect(violations).to.have.length(1);
                for (const action of named) expect(violations[0]).to.contain(action);
                expect(violations[0]).to.contain("statement 4");
            });
        }

        it("rejects a write hidden in a second statement", async () => {
            const violations = await violationsOf(document(tokenStatement, { Effect: "Allow", Action: ["codeartifact:ReadFromRepository", "codeartifact:CopyPackageVersions"], Resource: REPOSITORY_ARN }));
            expect(violations).to.have.length(1);
            expect(violations[0]).to.match(/^policy statement 2 allows codeartifact:CopyPackageVersions \(Write\)/);
        });

        it("rejects a write behind an unrelated condition: a condition narrows a grant, it does not remove it", async () => {
            const violations = await violationsOf(
                document({ Effect: "Allow", Action: "codeartifact:DeleteRepository", Resource: REPOSITORY_ARN, Condition: { Bool: { "aws:SecureTransport": "true" } } }),
            );
            expect(violations).to.have.length(1);
        });

        it("rejects permissions-management actions and names the access level", async () => {
            const [violation] = await violationsOf(document({ Effect: "Allow", Action: "codeartifact:DeleteDomainPermissionsPolicy", Resource: DOMAIN_ARN }));
            expect(violation).to.contain("Permissions management, Write");
        });

        it("rejects a policy given as an object, with Statement as a single object", async () => {
            const violations = await violationsOf({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "codeartifact:PublishPackageVersion", Resource: PACKAGES_ARN("maven", "com.nextwork") } });
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain("no publishers are configured");
        });

        it("rejects a write in a role's inline policy (Role.inlinePolicies)", async () => {
            const { violations } = await checkResource(policy, {
                type: resourceTypes.role,
                name: "reader-role",
                props: {
                    assumeRolePolicy: "{}",
                    inlinePolicies: [
                        { name: "read", policy: readerDocument },
                        { name: "sneaky", policy: document({ Effect: "Allow", Action: "codeartifact:DeletePackageVersions", Resource: REPOSITORY_ARN }) },
                    ],
                },
            });
            expect(violations).to.have.length(1);
            expect(violations[0]).to.match(/^inlinePolicies\[1\]\.policy statement 1 allows codeartifact:DeletePackageVersions/);
        });

        for (const [type, holder] of [
            [resourceTypes.iamPolicy, "managed policy"],
            [resourceTypes.userPolicy, "user"],
            [resourceTypes.groupPolicy, "group"],
        ]) {
            it(`rejects a write in an ${holder}'s document (${type})`, async () => {
                const { violations } = await checkResource(policy, { type, props: { policy: document({ Effect: "Allow", Action: "codeartifact:DeleteRepository", Resource: REPOSITORY_ARN }), user: "u", group: "g" } });
                expect(violations).to.have.length(1);
            });
        }

        it("rejects a write granted by a repository permissions policy", async () => {
            const { violations } = await checkResource(policy, {
                type: resourceTypes.codeartifactRepositoryPermissionsPolicy,
                props: {
                    domain: "nextwork",
                    repository: "nextwork-packages",
                    policyDocument: document({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ci` }, Action: "codeartifact:DeletePackageVersions", Resource: "*" }),
                },
            });
            expect(violations).to.have.length(1);
        });
    });

    describe("publishers (named only by the pack's config)", () => {
        const publisherDocument = document(...readerStatements, publishStatement(PACKAGES_ARN("maven", "com.nextwork")));

        it("accepts a configured publisher publishing inside its namespace", async () => {
            expect(await violationsOf(publisherDocument, "nextwork-publisher", { publishers })).to.deep.equal([]);
        });

        it("matches the publisher's role by pattern, case-insensitively, and by role ARN", async () => {
            const config = { publishers: [{ role: "*-PUBLISHER", namespaces: ["maven/com.nextwork"] }] };
            expect(await violationsOf(publisherDocument, "nextwork-publisher", config)).to.deep.equal([]);
            expect(await violationsOf(publisherDocument, `arn:aws:iam::${ACCOUNT}:role/ci/nextwork-publisher`, config)).to.deep.equal([]);
        });

        it("rejects the same grant on a role that is not a configured publisher", async () => {
            const violations = await violationsOf(publisherDocument, "reader-role", { publishers });
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain('the role "reader-role" is not a configured publisher');
        });

        it("rejects publishing outside the publisher's namespaces", async () => {
            for (const resource of [PACKAGES_ARN("maven", "com.other"), PACKAGES_ARN("npm", "com.nextwork"), PACKAGES_ARN("maven", "com.next*"), REPOSITORY_ARN, "*"]) {
                const violations = await violationsOf(document(publishStatement(resource)), "nextwork-publisher", { publishers });
                expect(violations, resource).to.have.length(1);
                expect(violations[0]).to.contain('is outside what "nextwork-publisher" may publish to (maven/com.nextwork)');
            }
        });

        it("rejects any other write for a publisher, even inside its namespace", async () => {
            const violations = await violationsOf(
                document({ Effect: "Allow", Action: ["codeartifact:PublishPackageVersion", "codeartifact:DeletePackageVersions"], Resource: PACKAGES_ARN("maven", "com.nextwork") }),
                "nextwork-publisher",
                { publishers },
            );
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain("codeartifact:DeletePackageVersions may not be granted");
        });

        it("rejects a publisher changing its own namespace's package group", async () => {
            const violations = await violationsOf(
                document(publishStatement(PACKAGES_ARN("maven", "com.nextwork")), { Effect: "Allow", Action: "codeartifact:UpdatePackageGroupOriginConfiguration", Resource: PACKAGE_GROUP_ARN("maven", "com.nextwork") }),
                "nextwork-publisher",
                { publishers },
            );
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain("codeartifact:UpdatePackageGroupOriginConfiguration may not be granted");
        });

        it("never exempts a managed policy: it can be attached to anyone", async () => {
            const { violations } = await checkResource(policy, { type: resourceTypes.iamPolicy, name: "nextwork-publisher", props: { policy: publisherDocument } }, { config: { publishers } });
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain("a managed policy can be attached to anyone");
        });

        it("exempts an auto-named publisher role's own inline policies, matched by its resource name", async () => {
            const { violations } = await checkResource(
                policy,
                { type: resourceTypes.role, name: "nextwork-publisher", props: { assumeRolePolicy: "{}", inlinePolicies: [{ name: "publish", policy: publisherDocument }] } },
                { config: { publishers } },
            );
            expect(violations).to.deep.equal([]);
        });

        it("matches a role that sets its IAM name by that name only, not by its resource name", async () => {
            const role = (name: string, iamName: string) => ({
                type: resourceTypes.role,
                name,
                props: { assumeRolePolicy: "{}", name: iamName, inlinePolicies: [{ name: "publish", policy: publisherDocument }] },
            });
            expect((await checkResource(policy, role("anything", "nextwork-publisher"), { config: { publishers } })).violations).to.deep.equal([]);
            const [violation] = (await checkResource(policy, role("nextwork-publisher", "ci-deployer"), { config: { publishers } })).violations;
            expect(violation).to.contain('the role "ci-deployer" is not a configured publisher');
        });

        it("keeps a publisher to its repositories when the config names them", async () => {
            const config = { publishers: [{ ...publishers[0], repositories: ["nextwork/nextwork-packages"] }] };
            expect(await violationsOf(publisherDocument, "nextwork-publisher", config)).to.deep.equal([]);
            const intoStore = document(publishStatement(PACKAGES_ARN("maven", "com.nextwork").replace("/nextwork-packages/", "/maven-central-store/")));
            const [violation] = await violationsOf(intoStore, "nextwork-publisher", config);
            expect(violation).to.contain("maven/com.nextwork in nextwork/nextwork-packages");
        });

        it("cannot run in preview when a publish grant's role is unknown, and says which value it could not see", async () => {
            const outcome = await checkResource(policy, rolePolicy(publisherDocument, unknown.string), { config: { publishers } });
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.cantRun).to.have.length(1);
            expect(outcome.cantRun[0]).to.contain("string value at .role can't be known during preview");
        });

        it("refuses a publishers config that does not say FORMAT/NAMESPACE", async () => {
            for (const namespaces of [["com.nextwork"], ["maven/com.*"], []]) {
                let error: unknown;
                try {
                    await violationsOf(publisherDocument, "nextwork-publisher", { publishers: [{ role: "p", namespaces }] });
                } catch (e) {
                    error = e;
                }
                expect(String(error), JSON.stringify(namespaces)).to.contain("codeartifact-read-only: publishers.0.namespaces");
            }
        });
    });

    it("reports a document it cannot read instead of passing it", async () => {
        const violations = await violationsOf("{not json");
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain("policy is not a readable IAM policy document: not valid JSON");
    });

    it("cannot run in preview when the document itself is unknown, and says so", async () => {
        const outcome = await checkResource(policy, rolePolicy(unknown.string));
        expect(outcome.cantRun[0]).to.contain("string value at .policy can't be known during preview");
    });

    it("does not apply to resources that hold no IAM document", async () => {
        const outcome = await checkResource(policy, { type: resourceTypes.ec2Instance, props: {} });
        expect(outcome.notApplicable).to.have.length(1);
    });

    it("uses the reader statements that the rest of the tests rely on", () => {
        expect(readerStatements).to.deep.equal([tokenStatement, readStatement, bearerStatement]);
    });
});
