import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { escapeXml, mavenServerId, renderMavenSettings } from "../../infra/host/mavenSettings";
import { ParsedXml, XmlLeaf, parseXmlDocuments, textsAt } from "../support/xml";

const URL = "https://nextwork-123456789012.d.codeartifact.us-east-1.amazonaws.com/maven/nextwork-packages/";

describe("Maven settings.xml", () => {
    const settings = renderMavenSettings({ serverId: mavenServerId("nextwork", "nextwork-packages"), repositoryUrl: URL });
    const awkward = renderMavenSettings({ serverId: `a&b<c>"d'`, repositoryUrl: "https://example.com/maven/r/?x=1&y=<2>" });
    let parsed: ParsedXml[];
    before(function () {
        this.timeout(30000); // one JVM start for every document of this spec
        parsed = parseXmlDocuments([settings, awkward, "<settings><servers></settings>"]);
    });
    const leavesOf = (index: number): XmlLeaf[] => {
        expect(parsed[index].error, parsed[index].error).to.equal(undefined);
        return parsed[index].leaves!;
    };

    it("is well-formed XML (and the parser does reject malformed XML)", () => {
        expect(leavesOf(0)).to.have.length.greaterThan(0);
        expect(parsed[2].error).to.match(/must be terminated/);
    });

    it("authenticates the mirror: the server id equals the mirror id", () => {
        const leaves = leavesOf(0);
        expect(textsAt(leaves, "settings/servers/server/id")).to.deep.equal(["nextwork-nextwork-packages"]);
        expect(textsAt(leaves, "settings/mirrors/mirror/id")).to.deep.equal(["nextwork-nextwork-packages"]);
    });

    it("sends everything through the repository endpoint", () => {
        const leaves = leavesOf(0);
        expect(textsAt(leaves, "settings/mirrors/mirror/mirrorOf")).to.deep.equal(["*"]);
        expect(textsAt(leaves, "settings/mirrors/mirror/url")).to.deep.equal([URL]);
        expect(textsAt(leaves, "settings/profiles/profile/repositories/repository/url")).to.deep.equal([URL]);
        expect(textsAt(leaves, "settings/activeProfiles/activeProfile")).to.deep.equal(textsAt(leaves, "settings/profiles/profile/id"));
    });

    it("holds no secret: user aws, password read from the environment by Maven", () => {
        const leaves = leavesOf(0);
        expect(textsAt(leaves, "settings/servers/server/username")).to.deep.equal(["aws"]);
        expect(textsAt(leaves, "settings/servers/server/password")).to.deep.equal(["${env.CODEARTIFACT_AUTH_TOKEN}"]);
    });

    it("escapes XML special characters in ids and URLs", () => {
        const leaves = leavesOf(1);
        expect(textsAt(leaves, "settings/servers/server/id")).to.deep.equal([`a&b<c>"d'`]);
        expect(textsAt(leaves, "settings/mirrors/mirror/url")).to.deep.equal(["https://example.com/maven/r/?x=1&y=<2>"]);
        expect(escapeXml(`<&>"'`)).to.equal("&lt;&amp;&gt;&quot;&apos;");
    });

    it("is accepted by Maven itself (offline validate of an empty project)", function () {
        this.timeout(30000);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mvn-settings-"));
        try {
            fs.writeFileSync(path.join(dir, "settings.xml"), settings);
            fs.writeFileSync(path.join(dir, "pom.xml"),
                `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>` +
                `<groupId>t</groupId><artifactId>t</artifactId><version>1</version><packaging>pom</packaging></project>`);
            const output = execFileSync("mvn", ["-B", "-o", "-s", "settings.xml", `-Dmaven.repo.local=${path.join(dir, "repo")}`, "validate"], {
                cwd: dir,
                encoding: "utf8",
                env: { ...process.env, CODEARTIFACT_AUTH_TOKEN: "test-token" },
            });
            expect(output).to.include("BUILD SUCCESS");
            expect(output).not.to.match(/WARNING.*settings|Non-parseable/i);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
