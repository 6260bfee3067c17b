import { expect } from "chai";
import { PackageRepository } from "../../infra/components/packageRepository";
import { EXPECTED_READER_STATEMENTS, REPOSITORY_ARN } from "../support/expectedPolicies";
import { newStore, StoreOptions } from "../support/componentFixtures";
import { UNKNOWN, containsUnknown, ofType, policyInput, single } from "../support/registrationQueries";
import { StackRun, orThrow, runInMockStack } from "../support/mockStack";

const REPOSITORY = "aws:codeartifact/repository:Repository";
const PERMISSIONS = "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy";
const PACKAGE_GROUP = "aws-native:codeartifact:PackageGroup";
const INTERNAL = [{ format: "maven", namespace: "com.nextwork" }, { format: "npm", namespace: "web" }] as const;

async function runStore(options: StoreOptions = {}, preview = false): Promise<{ run: StackRun; repository: PackageRepository }> {
    let repository!: PackageRepository;
    const run = orThrow(await runInMockStack(() => { ({ repository } = newStore(options)); }, { preview }));
    return { run, repository };
}

describe("PackageRepository", () => {
    let run: StackRun;
    let repository: PackageRepository;
    before(async () => { ({ run, repository } = await runStore({ repository: { upstreams: ["public:maven-central", "public:npmjs"] } })); });

    it("creates one store per upstream, each with its single external connection", () => {
        const stores = ofType(run.registrations, REPOSITORY).filter((r) => r.name !== "repository");
        expect(stores.map((r) => [r.inputs.repository, r.inputs.externalConnections])).to.deep.equal([
            ["maven-central-store", { externalConnectionName: "public:maven-central" }],
            ["npmjs-store", { externalConnectionName: "public:npmjs" }],
        ]);
        expect(repository.storeNames).to.deep.equal(["maven-central-store", "npmjs-store"]);
    });

    it("chains the team repository to the stores in order, after they exist", () => {
        const team = single(run.registrations, REPOSITORY, "repository");
        expect(team.inputs.repository).to.equal("nextwork-packages");
        expect(team.inputs.upstreams).to.deep.equal([{ repositoryName: "maven-central-store" }, { repositoryName: "npmjs-store" }]);
        expect(team.inputs).not.to.have.property("externalConnections");
        const storeUrns = ["repository-maven-central-store", "repository-npmjs-store"].map((name) => single(run.registrations, REPOSITORY, name).urn);
        expect(team.propertyDependencies.upstreams).to.have.members(storeUrns);
    });

    it("puts every repository in the domain, owned by the account, as children of the component", () => {
        const component = single(run.registrations, "secure-packages:index:PackageRepository");
        const domainUrn = single(run.registrations, "aws:codeartifact/domain:Domain").urn;
        for (const repo of ofType(run.registrations, REPOSITORY)) {
            expect(repo.inputs, repo.name).to.deep.include({ domain: "nextwork", domainOwner: "123456789012" });
            expect(repo.propertyDependencies.domain, repo.name).to.deep.equal([domainUrn]);
            expect(repo.parent, repo.name).to.equal(component.urn);
        }
    });

    it("protects every repository explicitly, and none when protect is off", async () => {
        for (const repo of ofType(run.registrations, REPOSITORY)) expect(repo.protect, repo.name).to.equal(true);
        expect(single(run.registrations, "secure-packages:index:PackageRepository").protect).to.equal(false);
        const { run: unprotected } = await runStore({ repository: { protect: false } });
        for (const repo of ofType(unprotected.registrations, REPOSITORY)) expect(repo.protect, repo.name).to.equal(false);
    });

    it("defaults to Maven Central", async () => {
        const { repository: defaults } = await runStore();
        expect(defaults.storeNames).to.deep.equal(["maven-central-store"]);
    });

    it("exposes its ARN and endpoint, built from names", () => {
        expect(repository.arn).to.equal(REPOSITORY_ARN);
        expect(repository.endpointUrl("maven")).to.equal("https://nextwork-123456789012.d.codeartifact.us-east-1.amazonaws.com/maven/nextwork-packages/");
        expect(repository.endpointUrl("npm")).to.match(/\/npm\/nextwork-packages\/$/);
    });

    it("grants reading with exactly the minimal statements", () => {
        expect(JSON.parse(repository.readerPolicy())).to.deep.equal({ Version: "2012-10-17", Statement: EXPECTED_READER_STATEMENTS });
    });

    it("grants publishing only into the given namespaces of this repository", () => {
        const statements = JSON.parse(repository.publisherPolicy([{ format: "maven", namespace: "com.nextwork" }])).Statement;
        expect(statements.slice(0, 3)).to.deep.equal(EXPECTED_READER_STATEMENTS);
        expect(statements[3].Action).to.deep.equal(["codeartifact:PublishPackageVersion", "codeartifact:PutPackageMetadata"]);
        expect(statements[3].Resource).to.deep.equal(["arn:aws:codeartifact:us-east-1:123456789012:package/nextwork/nextwork-packages/maven/com.nextwork/*"]);
        expect(() => repository.publisherPolicy([])).to.throw(/at least one namespace/);
    });

    it("has no resource policy without cross-account readers", () => {
        expect(ofType(run.registrations, PERMISSIONS)).to.have.length(0);
    });

    it("lets configured readers read from the team repository, and nothing else", async () => {
        const readers = { organizationId: "o-abcdefghij", accountIds: ["111122223333"] };
        const { run: shared } = await runStore({ repository: { readers } });
        const permissions = single(shared.registrations, PERMISSIONS);
        expect(permissions.inputs).to.deep.include({ domain: "nextwork", domainOwner: "123456789012", repository: "nextwork-packages" });
        expect(permissions.propertyDependencies.repository).to.deep.equal([single(shared.registrations, REPOSITORY, "repository").urn]);
        expect(policyInput(permissions, "policyDocument").Statement).to.deep.equal([
            {
                Sid: "OrganizationReadFromRepository", Effect: "Allow", Principal: "*",
                Action: ["codeartifact:ReadFromRepository"], Resource: [REPOSITORY_ARN],
                Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij" } },
            },
            {
                Sid: "AccountsReadFromRepository", Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111122223333:root"] },
                Action: ["codeartifact:ReadFromRepository"], Resource: [REPOSITORY_ARN],
            },
        ]);
    });

    it("its resource policy is a known value during preview", async () => {
        const { run: preview } = await runStore({ repository: { readers: { accountIds: ["111122223333"] } } }, true);
        expect(policyInput(single(preview.registrations, PERMISSIONS), "policyDocument").Statement[0].Resource).to.deep.equal([REPOSITORY_ARN]);
    });

    describe("package groups (dependency-confusion defence)", () => {
        let grouped: StackRun;
        before(async () => { ({ run: grouped } = await runStore({ repository: { internalNamespaces: INTERNAL, tags: { team: "platform" } } })); });

        it("creates one group per internal namespace, blocking external upstreams, publishing only to the team repository", () => {
            const groups = ofType(grouped.registrations, PACKAGE_GROUP);
            expect(groups.map((g) => [g.name, g.inputs.pattern])).to.deep.equal([
                ["repository-group-maven-com.nextwork", "/maven/com.nextwork/*"],
                ["repository-group-npm-web", "/npm/web/*"],
            ]);
            for (const group of groups) {
                expect(group.inputs.originConfiguration, group.name).to.deep.equal({
                    restrictions: {
                        publish: { restrictionMode: "ALLOW_SPECIFIC_REPOSITORIES", repositories: ["nextwork-packages"] },
                        externalUpstream: { restrictionMode: "BLOCK" },
                        internalUpstream: { restrictionMode: "ALLOW" },
                    },
                });
                expect(group.inputs).to.deep.include({ domainName: "nextwork", domainOwner: "123456789012", tags: [{ key: "team", value: "platform" }] });
            }
        });

        it("puts each group in the domain, after the team repository it names, as a protected child of the component", () => {
            const component = single(grouped.registrations, "secure-packages:index:PackageRepository");
            const domainUrn = single(grouped.registrations, "aws:codeartifact/domain:Domain").urn;
            const teamUrn = single(grouped.registrations, REPOSITORY, "repository").urn;
            for (const group of ofType(grouped.registrations, PACKAGE_GROUP)) {
                expect(group.parent, group.name).to.equal(component.urn);
                expect(group.propertyDependencies.domainName, group.name).to.deep.equal([domainUrn]);
                expect(group.dependencies, group.name).to.include(teamUrn);
                expect(group.protect, group.name).to.equal(true);
            }
            expect(repository.packageGroups).to.have.length(0);
        });

        it("follows protect: off, and creates no group without internal namespaces", async () => {
            const { run: unprotected } = await runStore({ repository: { internalNamespaces: INTERNAL, protect: false } });
            for (const group of ofType(unprotected.registrations, PACKAGE_GROUP)) expect(group.protect, group.name).to.equal(false);
            expect(ofType(run.registrations, PACKAGE_GROUP)).to.deep.equal([]);
        });

        it("its pattern and origin controls are known in preview (the pack judges them there), its ARN is not", async () => {
            const { run: preview } = await runStore({ repository: { internalNamespaces: INTERNAL } }, true);
            const group = ofType(preview.registrations, PACKAGE_GROUP)[0];
            expect(containsUnknown(group.inputs.pattern)).to.equal(false);
            expect(containsUnknown(group.inputs.originConfiguration)).to.equal(false);
            expect(group.state!.arn).to.equal(UNKNOWN);
            const updated = ofType(grouped.registrations, PACKAGE_GROUP)[0];
            expect(updated.state!.arn).to.equal("arn:aws:codeartifact:us-east-1:123456789012:package-group/nextwork/maven/com.nextwork/*");
        });
    });
});
