import { expect } from "chai";
import { checkResource, expectConfigRefused, unknown } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";

const policy = "codeartifact-external-connections-allowed";
const repository = (props: Record<string, unknown>) => ({
    type: resourceTypes.codeartifactRepository,
    props: { repository: "maven-central-store", domain: "packages", ...props },
});
const connection = (externalConnectionName: unknown) => ({ externalConnections: { externalConnectionName } });

describe(policy, () => {
    it("accepts a store repository connected to Maven Central (the default allow-list)", async () => {
        const outcome = await checkResource(policy, repository(connection("public:maven-central")));
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.notApplicable).to.deep.equal([]);
    });

    it("accepts a repository with no external connection, however it says so", async () => {
        for (const props of [{}, { externalConnections: null }, { externalConnections: [] }]) {
            const { violations } = await checkResource(policy, repository(props));
            expect(violations, JSON.stringify(props)).to.deep.equal([]);
        }
    });

    it("rejects a connection to a source that is not on the allow-list", async () => {
        const { violations } = await checkResource(policy, repository(connection("public:npmjs")));
        expect(violations).to.deep.equal([
            'externalConnections.externalConnectionName is "public:npmjs", which is not approved (allowed: "public:maven-central", config allowedExternalConnections).',
        ]);
    });

    it("compares names exactly: a different case is a different name", async () => {
        const { violations } = await checkResource(policy, repository(connection("public:Maven-Central")));
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain('"public:Maven-Central", which is not approved');
    });

    it("accepts the connection arriving as a one-element list", async () => {
        const { violations } = await checkResource(policy, repository({ externalConnections: [{ externalConnectionName: "public:maven-central" }] }));
        expect(violations).to.deep.equal([]);
    });

    it("judges the element of a one-element list, and names it by index", async () => {
        const { violations } = await checkResource(policy, repository({ externalConnections: [{ externalConnectionName: "public:pypi" }] }));
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain('externalConnections[0].externalConnectionName is "public:pypi"');
    });

    it("rejects several connections: a repository has at most one", async () => {
        const { violations } = await checkResource(
            policy,
            repository({ externalConnections: [{ externalConnectionName: "public:maven-central" }, { externalConnectionName: "public:npmjs" }] }),
        );
        expect(violations).to.deep.equal(['externalConnections is a list of 2 items; expected one object { externalConnectionName: "..." }.']);
    });

    it("rejects a connection that is not an object, without crashing", async () => {
        for (const [externalConnections, found] of [
            ["public:maven-central", '"public:maven-central"'],
            [["public:maven-central"], 'a list holding "public:maven-central"'],
            [3, "3"],
        ] as const) {
            const { violations } = await checkResource(policy, repository({ externalConnections }));
            expect(violations, found).to.deep.equal([`externalConnections is ${found}; expected one object { externalConnectionName: "..." }.`]);
        }
    });

    it("rejects a connection without a usable name", async () => {
        for (const [externalConnectionName, found] of [
            [undefined, "absent"],
            [42, "42"],
        ] as const) {
            const { violations } = await checkResource(policy, repository({ externalConnections: externalConnectionName === undefined ? {} : { externalConnectionName } }));
            expect(violations, found).to.have.length(1);
            expect(violations[0]).to.contain(`externalConnections.externalConnectionName is ${found}; expected the name of an approved source`);
        }
    });

    describe("in preview", () => {
        it("cannot judge an external connection that is unknown", async () => {
            const { violations, cantRun } = await checkResource(policy, repository({ externalConnections: unknown.object }));
            expect(violations).to.deep.equal([]);
            expect(cantRun).to.have.length(1);
            expect(cantRun[0]).to.contain("Object value at .externalConnections can't be known during preview");
        });

        it("cannot judge a connection name that is unknown", async () => {
            const { cantRun } = await checkResource(policy, repository(connection(unknown.string)));
            expect(cantRun[0]).to.contain("string value at .externalConnections.externalConnectionName can't be known");
        });

        it("does not wait on the domain, owner or upstreams, unknown until the domain exists", async () => {
            const outcome = await checkResource(
                policy,
                repository({ domain: unknown.string, domainOwner: unknown.string, upstreams: unknown.array, ...connection("public:maven-central") }),
            );
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.cantRun).to.deep.equal([]);
        });
    });

    describe("config allowedExternalConnections", () => {
        const config = { allowedExternalConnections: ["public:maven-central", "public:npmjs"] };

        it("accepts every listed source", async () => {
            for (const name of config.allowedExternalConnections) {
                const { violations } = await checkResource(policy, repository(connection(name)), { config });
                expect(violations, name).to.deep.equal([]);
            }
        });

        it("rejects a source not listed, and lists the allowed ones", async () => {
            const { violations } = await checkResource(policy, repository(connection("public:pypi")), { config });
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain('allowed: "public:maven-central", "public:npmjs"');
        });

        it("replaces the default: Maven Central is refused when the list does not name it", async () => {
            const { violations } = await checkResource(policy, repository(connection("public:maven-central")), {
                config: { allowedExternalConnections: ["public:npmjs"] },
            });
            expect(violations).to.have.length(1);
        });

        it("allows no source at all when empty", async () => {
            const { violations } = await checkResource(policy, repository(connection("public:maven-central")), { config: { allowedExternalConnections: [] } });
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain("none are allowed");
        });

        it("is refused when it is not a list of distinct public:NAME strings", () => {
            expectConfigRefused(policy, "allowedExternalConnections", ["public:maven-central", ["maven-central"], [42], ["public:npmjs", "public:npmjs"]]);
        });
    });

    it("does not apply to other resource types", async () => {
        const outcome = await checkResource(policy, { type: resourceTypes.codeartifactDomain, props: { domain: "packages" } });
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.notApplicable).to.deep.equal([`Policy only applies to resources of type '${resourceTypes.codeartifactRepository}'`]);
    });
});
