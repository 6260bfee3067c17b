import { expect } from "chai";
import { checkResource, checkStack, expectConfigRefused, unknown, urnOf } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";
import { internalOriginConfiguration } from "../../infra/components/packageGroups";

const policy = "codeartifact-internal-namespaces-blocked";
const config = { internalNamespaces: ["maven/com.nextwork"] };

type Mode = "ALLOW" | "BLOCK" | "ALLOW_SPECIFIC_REPOSITORIES" | "INHERIT";
const origin = (externalUpstream?: Mode) => ({
    restrictions: {
        publish: { restrictionMode: "ALLOW_SPECIFIC_REPOSITORIES", repositories: ["nextwork-packages"] },
        ...(externalUpstream ? { externalUpstream: { restrictionMode: externalUpstream } } : {}),
        internalUpstream: { restrictionMode: "ALLOW" },
    },
});
const group = (pattern: unknown, originConfiguration: unknown, name = "group", domainName = "nextwork") => ({
    type: resourceTypes.codeartifactPackageGroup,
    name,
    props: { domainName, domainOwner: "123456789012", pattern, ...(originConfiguration === undefined ? {} : { originConfiguration }) },
});
const store = (connection = "public:maven-central", domain = "nextwork", name = "maven-central-store") => ({
    type: resourceTypes.codeartifactRepository,
    name,
    props: { domain, repository: name, externalConnections: { externalConnectionName: connection } },
});
const team = { type: resourceTypes.codeartifactRepository, name: "team", props: { domain: "nextwork", repository: "nextwork-packages", upstreams: [{ repositoryName: "maven-central-store" }] } };

describe(policy, () => {
    describe("per package group", () => {
        it("accepts the group PackageRepository creates", async () => {
            const outcome = await checkResource(policy, group("/maven/com.nextwork/*", internalOriginConfiguration("nextwork-packages")), { config });
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.notApplicable).to.deep.equal([]);
        });

        for (const mode of ["ALLOW", "ALLOW_SPECIFIC_REPOSITORIES", "INHERIT"] as const) {
            it(`rejects an internal namespace's group whose external upstream is ${mode}`, async () => {
                const { violations } = await checkResource(policy, group("/maven/com.nextwork/*", origin(mode)), { config });
                expect(violations).to.have.length(1);
                expect(violations[0]).to.contain('"/maven/com.nextwork/*" decides over internal namespace maven/com.nextwork').and.contain(`${mode}, not BLOCK`);
            });
        }

        it("rejects a group with no external-upstream restriction, or no origin configuration (both inherit)", async () => {
            for (const originConfiguration of [origin(), undefined, { restrictions: {} }]) {
                const { violations } = await checkResource(policy, group("/maven/com.nextwork/*", originConfiguration), { config });
                expect(violations, JSON.stringify(originConfiguration)).to.have.length(1);
                expect(violations[0]).to.contain("INHERIT, not BLOCK");
            }
        });

        it("rejects a more specific group inside the namespace that lets the public registry in (the most specific group wins)", async () => {
            for (const pattern of ["/maven/com.nextwork/billing$", "/maven/com.nextwork/bill*", "/maven/com.nextwork/billing"]) {
                const { violations } = await checkResource(policy, group(pattern, origin("ALLOW")), { config });
                expect(violations, pattern).to.have.length(1);
            }
        });

        it("accepts groups for other namespaces, formats and broader scopes (a namespace group overrides them)", async () => {
            for (const pattern of ["/maven/org.apache/*", "/maven/com.nextwork.tools/*", "/npm/com.nextwork/*", "/maven/*", "/*"]) {
                const { violations } = await checkResource(policy, group(pattern, origin("ALLOW")), { config });
                expect(violations, pattern).to.deep.equal([]);
            }
        });

        it("reads a percent-encoded pattern and an upper-case format", async () => {
            const { violations } = await checkResource(policy, group("/MAVEN/com%2Enextwork/*", origin("ALLOW")), { config });
            expect(violations).to.have.length(1);
        });

        it("rejects a pattern it cannot read unless it blocks external upstreams", async () => {
            expect((await checkResource(policy, group("maven/com.nextwork", origin("ALLOW")), { config })).violations[0]).to.contain("is not one the pack can read");
            expect((await checkResource(policy, group("/maven/com.next*/*", origin("ALLOW")), { config })).violations).to.have.length(1);
            expect((await checkResource(policy, group("maven/com.nextwork", origin("BLOCK")), { config })).violations).to.deep.equal([]);
        });

        it("does nothing without internal namespaces in its config", async () => {
            expect((await checkResource(policy, group("/maven/com.nextwork/*", origin("ALLOW")))).violations).to.deep.equal([]);
        });

        it("cannot run in preview when the pattern is unknown", async () => {
            const outcome = await checkResource(policy, group(unknown.string, origin("ALLOW")), { config });
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.cantRun).to.have.length(1);
        });

        it("does not apply to other resource types", async () => {
            const outcome = await checkResource(policy, store(), { config });
            expect(outcome.notApplicable).to.have.length(1);
        });
    });

    describe("per stack", () => {
        const blocking = group("/maven/com.nextwork/*", origin("BLOCK"));

        it("accepts a store behind a group that blocks the internal namespace", async () => {
            expect((await checkStack(policy, [store(), team, blocking], { config })).violations).to.deep.equal([]);
        });

        it("rejects a store with an external connection when no group blocks an internal namespace, on the store", async () => {
            const outcome = await checkStack(policy, [store(), team], { config: { internalNamespaces: ["maven/com.nextwork", "maven/com.nextwork.tools"] } });
            expect(outcome.violations).to.have.length(1);
            expect(outcome.violations[0]).to.contain('repository "maven-central-store" (domain "nextwork") pulls from public:maven-central')
                .and.contain("internal namespaces maven/com.nextwork, maven/com.nextwork.tools")
                .and.contain("dependency confusion");
            expect(outcome.diagnostics[0].urn).to.equal(urnOf(resourceTypes.codeartifactRepository, "maven-central-store"));
        });

        it("does not count a group in another domain, or one that does not block", async () => {
            for (const other of [group("/maven/com.nextwork/*", origin("BLOCK"), "g", "elsewhere"), group("/maven/com.nextwork/*", origin("ALLOW"))]) {
                expect((await checkStack(policy, [store(), other], { config })).violations).to.have.length(1);
            }
        });

        it("follows inheritance: an inheriting namespace group under a blocking format group is blocked", async () => {
            const resources = [store(), group("/maven/*", origin("BLOCK"), "maven"), group("/maven/com.nextwork/*", origin("INHERIT"))];
            expect((await checkStack(policy, resources, { config })).violations).to.deep.equal([]);
            const allowing = [store(), group("/maven/*", origin("BLOCK"), "maven"), group("/maven/com.nextwork/*", origin("ALLOW"))];
            expect((await checkStack(policy, allowing, { config })).violations).to.have.length(1);
        });

        it("ignores repositories without an external connection, and connections that cannot serve the format", async () => {
            expect((await checkStack(policy, [team], { config })).violations).to.deep.equal([]);
            expect((await checkStack(policy, [store("public:npmjs", "nextwork", "npmjs-store")], { config })).violations).to.deep.equal([]);
            expect((await checkStack(policy, [store("public:maven-clojars", "nextwork", "clojars-store")], { config })).violations).to.have.length(1);
        });

        it("judges aws-native repositories too", async () => {
            const nativeStore = { type: resourceTypes.nativeCodeartifactRepository, name: "native-store", props: { domainName: "nextwork", repositoryName: "s", externalConnections: ["public:maven-central"] } };
            expect((await checkStack(policy, [nativeStore], { config })).violations).to.have.length(1);
            expect((await checkStack(policy, [nativeStore, blocking], { config })).violations).to.deep.equal([]);
        });

        it("is off when the groups are managed elsewhere, and without internal namespaces", async () => {
            expect((await checkStack(policy, [store()], { config: { ...config, groupsManagedElsewhere: true } })).violations).to.deep.equal([]);
            expect((await checkStack(policy, [store()])).violations).to.deep.equal([]);
        });

        it("judges the other repositories when one is unknown in preview, then says it could not run", async () => {
            const unknownStore = { ...store("public:maven-central", unknown.string, "unknown-store") };
            const outcome = await checkStack(policy, [unknownStore, store()], { config });
            expect(outcome.violations).to.have.length(1);
            expect(outcome.cantRun).to.have.length(1);
        });
    });

    it("refuses config that is not FORMAT/NAMESPACE of a namespaced format, or repeats itself", () => {
        expectConfigRefused(policy, "internalNamespaces", [["com.nextwork"], ["pypi/x"], ["maven/com.*"], ["maven/a", "maven/a"], "maven/a"]);
        expectConfigRefused(policy, "groupsManagedElsewhere", ["yes"]);
    });
});
