import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TokenRequest } from "../../infra/host/authToken";
import { renderMavenSettings } from "../../infra/host/mavenSettings";
import { renderPublishWrapper } from "../../infra/host/publishWrapper";
import { parseXmlDocuments, textsAt } from "../support/xml";

const ROLE_ARN = "arn:aws:iam::123456789012:role/nextwork-publisher";
const TOKEN: TokenRequest = { domainName: "nextwork", domainOwner: "123456789012", region: "us-east-1", durationSeconds: 7200 };
const URL = "https://nextwork-123456789012.d.codeartifact.us-east-1.amazonaws.com/maven/nextwork-packages/";

describe("codeartifact-publish (the publisher's wrapper)", () => {
    const script = renderPublishWrapper({ token: TOKEN, publisherRoleArn: ROLE_ARN });
    let sandbox: string;
    before(() => {
        sandbox = fs.mkdtempSync(path.join(os.tmpdir(), "publish-wrapper-"));
        fs.writeFileSync(path.join(sandbox, "codeartifact-publish"), script, { mode: 0o755 });
    });
    after(() => fs.rmSync(sandbox, { recursive: true, force: true }));

    /** Runs the wrapper with a stub aws (logging its calls and the credentials each saw) and a stub mvn. */
    function runWrapper(awsBody: string): ReturnType<typeof spawnSync> & { awsLog: string[]; home: string } {
        const bin = fs.mkdtempSync(path.join(sandbox, "bin-"));
        const home = fs.mkdtempSync(path.join(sandbox, "home-"));
        fs.mkdirSync(path.join(home, ".m2"));
        fs.writeFileSync(path.join(home, ".m2", "codeartifact-publisher-settings.xml"), "<settings/>");
        fs.writeFileSync(path.join(bin, "aws"), `#!/bin/bash\nprintf '%s key=%s\\n' "$*" "\${AWS_ACCESS_KEY_ID:-none}" >> ${bin}/aws.log\n${awsBody}\n`, { mode: 0o755 });
        fs.writeFileSync(path.join(bin, "mvn"), `#!/bin/bash\necho "token=$CODEARTIFACT_AUTH_TOKEN key=\${AWS_ACCESS_KEY_ID:-none} args=$*"\n`, { mode: 0o755 });
        const result = spawnSync(path.join(sandbox, "codeartifact-publish"), ["-B", "deploy"], {
            encoding: "utf8",
            env: { PATH: `${bin}:/usr/bin:/bin`, HOME: home, AWS_ACCESS_KEY_ID: "AKIAOWNKEY" },
        });
        const logFile = path.join(bin, "aws.log");
        return { ...result, home, awsLog: fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").trim().split("\n") : [] };
    }

    it("is a strict bash script that parses (bash -n)", () => {
        expect(script.startsWith("#!/bin/bash\n")).to.equal(true);
        expect(script).to.include("\nset -euo pipefail\n");
        expect(spawnSync("bash", ["-n"], { input: script }).status).to.equal(0);
    });

    it("assumes the role with the caller's keys, asks the token with the role's, and runs mvn with the token only", () => {
        const run = runWrapper(`case "$1 $2" in
  "sts assume-role") printf 'ASIAROLEKEY\\tsecret\\tsession\\n' ;;
  "codeartifact get-authorization-token") echo publisher-token ;;
esac`);
        expect(run.status, String(run.stderr)).to.equal(0);
        expect(run.awsLog).to.deep.equal([
            `sts assume-role --role-arn ${ROLE_ARN} --role-session-name codeartifact-publish --duration-seconds 3600 --region us-east-1 --query Credentials.[AccessKeyId,SecretAccessKey,SessionToken] --output text key=AKIAOWNKEY`,
            "codeartifact get-authorization-token --domain nextwork --domain-owner 123456789012 --region us-east-1 --duration-seconds 3600 --query authorizationToken --output text key=ASIAROLEKEY",
        ]);
        // The role's keys never reach Maven; the caller's own environment is left as it was.
        expect(String(run.stdout).trim()).to.equal(`token=publisher-token key=AKIAOWNKEY args=-s ${run.home}/.m2/codeartifact-publisher-settings.xml -B deploy`);
    });

    it("stops before Maven when the role cannot be assumed", () => {
        const run = runWrapper(`[ "$1" = sts ] && { echo "AccessDenied" >&2; exit 254; }; echo token`);
        expect(run.status).not.to.equal(0);
        expect(String(run.stdout)).not.to.include("token=");
        expect(run.awsLog).to.have.length(1);
    });

    it("stops when no token comes back", () => {
        const run = runWrapper(`[ "$1" = sts ] && printf 'K\\tS\\tT\\n'; true`);
        expect(run.status).not.to.equal(0);
        expect(String(run.stderr)).to.include("no authorization token");
        expect(String(run.stdout)).not.to.include("token=");
    });
});

describe("publisher settings.xml", () => {
    it("adds altDeploymentRepository under the server id that carries the token, and nothing else", function () {
        this.timeout(30000);
        const serverId = "nextwork-nextwork-packages";
        const reader = renderMavenSettings({ serverId, repositoryUrl: URL });
        const publisher = renderMavenSettings({ serverId, repositoryUrl: URL, deploy: true });
        const [readerXml, publisherXml] = parseXmlDocuments([reader, publisher]);
        expect(textsAt(publisherXml.leaves!, "settings/profiles/profile/properties/altDeploymentRepository")).to.deep.equal([`${serverId}::default::${URL}`]);
        expect(textsAt(readerXml.leaves!, "settings/profiles/profile/properties/altDeploymentRepository")).to.deep.equal([]);
        expect(textsAt(publisherXml.leaves!, "settings/servers/server/id")).to.deep.equal([serverId]);
        const withoutProperty = publisher.replace(/\n\s*<properties>[\s\S]*?<\/properties>/, "");
        expect(withoutProperty).to.equal(reader);
    });
});
