import { expect } from "chai";
import { expandPatterns, isReadOnly, serviceActions, statementActions } from "../../../policy-pack/iam/actions";
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
});
