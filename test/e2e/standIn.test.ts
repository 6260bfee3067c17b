// The stand-in's own rules, checked without Maven: the end-to-end tests are only as good as these.
import { expect } from "chai";
import { readPolicyDocument } from "../../policy-pack/iam/document";
import { parseMavenPath } from "./support/codeArtifactStandIn";
import { isAllowed } from "../support/iamDecision";
import { groupsAllow, matchingGroups } from "./support/packageOrigins";
import { PackageGroup, Restriction } from "./support/stackModel";

const allow: Restriction = { mode: "ALLOW", repositories: [] };
const inherit: Restriction = { mode: "INHERIT", repositories: [] };
const block: Restriction = { mode: "BLOCK", repositories: [] };
const group = (pattern: string, restrictions: Partial<Omit<PackageGroup, "pattern">> = {}): PackageGroup =>
    ({ pattern, publish: inherit, externalUpstream: inherit, internalUpstream: inherit, ...restrictions });
const billing = { format: "maven", namespace: "com.nextwork", name: "billing" };

describe("CodeArtifact stand-in rules", () => {
    describe("package groups", () => {
        it("apply the most specific matching pattern first", () => {
            const groups = [group("/*"), group("/maven/*"), group("/maven/com.nextwork/*"), group("/maven/com.nextwork/bill*"), group("/maven/com.next*"), group("/maven/com.nextwork/billing$")];
            expect(matchingGroups(groups, billing).map((g) => g.pattern)).to.deep.equal([
                "/maven/com.nextwork/billing$", "/maven/com.nextwork/bill*", "/maven/com.nextwork/*", "/maven/com.next*", "/maven/*", "/*",
            ]);
            expect(matchingGroups(groups, { ...billing, namespace: "com.nextwork.tools" }).map((g) => g.pattern)).to.deep.equal(["/maven/com.next*", "/maven/*", "/*"]);
        });

        it("follow INHERIT to the next group, and allow everything when none decides (the root group)", () => {
            const groups = [group("/maven/*", { externalUpstream: block }), group("/maven/com.nextwork/*", { publish: allow })];
            expect(groupsAllow(groups, billing, "externalUpstream", "store")).to.equal(false);
            expect(groupsAllow(groups, billing, "internalUpstream", "team")).to.equal(true);
            expect(groupsAllow([], billing, "externalUpstream", "store")).to.equal(true);
        });

        it("ALLOW_SPECIFIC_REPOSITORIES allows only the listed repositories", () => {
            const groups = [group("/maven/com.nextwork/*", { publish: { mode: "ALLOW_SPECIFIC_REPOSITORIES", repositories: ["team"] } })];
            expect(groupsAllow(groups, billing, "publish", "team")).to.equal(true);
            expect(groupsAllow(groups, billing, "publish", "store")).to.equal(false);
        });
    });

    describe("Maven paths", () => {
        it("name an asset, its checksum, or a package's metadata", () => {
            expect(parseMavenPath("com/nextwork/billing/1.0.0/billing-1.0.0.jar.sha1")).to.deep.equal({
                kind: "asset", coordinates: { groupId: "com.nextwork", artifactId: "billing", version: "1.0.0" }, file: "billing-1.0.0.jar", checksum: "sha1",
            });
            expect(parseMavenPath("com/nextwork/billing/maven-metadata.xml")).to.deep.include({ kind: "metadata", coordinates: { groupId: "com.nextwork", artifactId: "billing", version: "" } });
        });

        it("refuse traversal, files of another artifact and SNAPSHOT metadata (not modelled)", () => {
            expect(parseMavenPath("com/../billing/1.0.0/billing-1.0.0.jar")).to.equal(undefined);
            expect(parseMavenPath("com/nextwork/billing/1.0.0/ledger-1.0.0.jar")).to.equal(undefined);
            expect(parseMavenPath("com/nextwork/billing/1.0-SNAPSHOT/maven-metadata.xml")).to.equal(undefined);
        });
    });

    describe("IAM decisions", () => {
        const arn = "arn:aws:codeartifact:us-east-1:123456789012:package/nextwork/team/maven/com.nextwork/billing";
        const doc = (statements: object[]) => readPolicyDocument({ Version: "2012-10-17", Statement: statements });

        it("expand action patterns from the Service Authorization Reference and match resources as written", async () => {
            const grant = doc([{ Effect: "Allow", Action: "codeartifact:Publish*", Resource: "arn:aws:codeartifact:us-east-1:123456789012:package/nextwork/team/maven/com.nextwork/*" }]);
            expect(await isAllowed([grant], { action: "codeartifact:PublishPackageVersion", resource: arn })).to.equal(true);
            expect(await isAllowed([grant], { action: "codeartifact:PutPackageMetadata", resource: arn })).to.equal(false);
            expect(await isAllowed([grant], { action: "codeartifact:PublishPackageVersion", resource: arn.replace("com.nextwork", "com.example") })).to.equal(false);
        });

        it("let an explicit Deny win, NotResource exclude, and a condition hold only on a matching request", async () => {
            const documents = [
                doc([{ Effect: "Allow", Action: "codeartifact:*", NotResource: "arn:aws:codeartifact:*:*:domain/*" }]),
                doc([{ Effect: "Deny", Action: "codeartifact:PublishPackageVersion", Resource: "*" }]),
                doc([{ Effect: "Allow", Action: "sts:GetServiceBearerToken", Resource: "*", Condition: { StringEquals: { "sts:AWSServiceName": "codeartifact.amazonaws.com" } } }]),
            ];
            expect(await isAllowed(documents, { action: "codeartifact:PublishPackageVersion", resource: arn })).to.equal(false);
            expect(await isAllowed(documents, { action: "codeartifact:PutPackageMetadata", resource: arn })).to.equal(true);
            expect(await isAllowed(documents, { action: "codeartifact:GetAuthorizationToken", resource: "arn:aws:codeartifact:us-east-1:123456789012:domain/nextwork" })).to.equal(false);
            expect(await isAllowed(documents, { action: "sts:GetServiceBearerToken", resource: "*", context: { "sts:AWSServiceName": "codeartifact.amazonaws.com" } })).to.equal(true);
            expect(await isAllowed(documents, { action: "sts:GetServiceBearerToken", resource: "*", context: { "sts:AWSServiceName": "lambda.amazonaws.com" } })).to.equal(false);
            expect(await isAllowed(documents, { action: "sts:GetServiceBearerToken", resource: "*" })).to.equal(false);
        });
    });
});
