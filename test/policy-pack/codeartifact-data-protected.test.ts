import { expect } from "chai";
import { analyzer, checkResource, unknown } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";

const policy = "codeartifact-data-protected";
const domain = { type: resourceTypes.codeartifactDomain, props: { domain: "packages", encryptionKey: "arn:aws:kms:eu-west-1:123456789012:key/k" } };
const repository = { type: resourceTypes.codeartifactRepository, props: { repository: "team", domain: "packages" } };

describe(policy, () => {
    it("accepts a protected domain and a protected repository", async () => {
        for (const resource of [domain, repository]) {
            const outcome = await checkResource(policy, { ...resource, protect: true });
            expect(outcome.violations, resource.type).to.deep.equal([]);
            expect(outcome.notApplicable, resource.type).to.deep.equal([]);
        }
    });

    it("rejects an unprotected domain: deleting it deletes every package", async () => {
        const { violations } = await checkResource(policy, { ...domain, protect: false });
        expect(violations).to.have.length(1);
        expect(violations[0])
            .to.contain("the resource option protect is false")
            .and.contain("deleting this CodeArtifact domain deletes every package in it, with no undo")
            .and.contain("`protect: true`")
            .and.contain("secure-packages:protect");
    });

    it("rejects an unprotected repository, naming it a repository", async () => {
        const { violations } = await checkResource(policy, repository);
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain("deleting this CodeArtifact repository deletes every package in it");
    });

    it("judges protection in preview whatever props are unknown: it never reads them", async () => {
        const props = { domain: unknown.string, encryptionKey: unknown.string, tags: unknown.object };
        const unprotected = await checkResource(policy, { type: resourceTypes.codeartifactDomain, props });
        expect(unprotected.violations).to.have.length(1);
        expect(unprotected.cantRun).to.deep.equal([]);
        const isProtected = await checkResource(policy, { type: resourceTypes.codeartifactDomain, props, protect: true });
        expect(isProtected.violations).to.deep.equal([]);
        expect(isProtected.cantRun).to.deep.equal([]);
    });

    it("has no config", () => {
        expect(analyzer().policies.find((p) => p.name === policy)?.configSchema).to.equal(undefined);
    });

    it("does not apply to other resource types, including the domain's key and permissions", async () => {
        for (const type of [resourceTypes.kmsKey, resourceTypes.codeartifactDomainPermissions]) {
            const outcome = await checkResource(policy, { type, props: {} });
            expect(outcome.violations, type).to.deep.equal([]);
            expect(outcome.notApplicable, type).to.deep.equal([
                `applies only to ${resourceTypes.codeartifactDomain}, ${resourceTypes.codeartifactRepository}`,
            ]);
        }
    });
});
