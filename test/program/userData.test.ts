import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TokenRequest } from "../../infra/host/authToken";
import { mavenServerId, renderMavenSettings } from "../../infra/host/mavenSettings";
import { BUILD_PACKAGES, DNF_ATTEMPTS, TOKEN_WRAPPER_PATH, renderTokenWrapper, renderUserData } from "../../infra/host/userData";
import { parseXmlDocuments, textsAt } from "../support/xml";

const TOKEN: TokenRequest = { domainName: "nextwork", domainOwner: "123456789012", region: "us-east-1", durationSeconds: 1800 };
const SETTINGS = renderMavenSettings({
    serverId: mavenServerId("nextwork", "nextwork-packages"),
    repositoryUrl: "https://nextwork-123456789012.d.codeartifact.us-east-1.amazonaws.com/maven/nextwork-packages/",
});
/** The token request, written out by hand. */
const AWS_ARGS = "aws codeartifact get-authorization-token --domain nextwork --domain-owner 123456789012 --region us-east-1" +
    " --duration-seconds 1800 --query authorizationToken --output text";
const FAKE_TOKEN = "eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.fake-token-value";

/**
 * Runs the user data as first boot would, but inside `sandbox`: root-only commands (dnf, useradd,
 * chown, install -o) become logging stubs and absolute paths move under the sandbox. Bash itself
 * processes the heredocs, so what lands on disk is what the host would get.
 */
function bootInSandbox(userData: string, sandbox: string, options: { dnfFailures?: number } = {}): { log: string[]; status: number | null; stderr: string } {
    const root = path.join(sandbox, "root");
    fs.mkdirSync(path.join(root, "usr/local/bin"), { recursive: true });
    fs.mkdirSync(path.join(root, "home"), { recursive: true });
    const logFile = path.join(sandbox, "boot.log");
    const stubs = [
        `log() { printf '%s\\n' "$*" >> ${logFile}; }`,
        // dnf fails its first `dnfFailures` calls (a mirror that is down), then succeeds.
        `dnf_calls=0`,
        `dnf() { log dnf "$@"; dnf_calls=$((dnf_calls + 1)); [ "$dnf_calls" -gt ${options.dnfFailures ?? 0} ]; }`,
        `sleep() { log sleep "$@"; }`,
        `useradd() { log useradd "$@"; mkdir -p ${root}/home/builder; }`,
        `id() { return 1; }`,
        `chown() { log chown "$@"; }`,
        // install -d -m MODE -o U -g G DIR: make the directory with the mode; ownership is logged.
        `install() { log install "$@"; local dir="\${@: -1}"; mkdir -p "$dir"; chmod "$3" "$dir"; }`,
    ].join("\n");
    const script = userData
        .replace(/^#!\/bin\/bash\n/, `#!/bin/bash\n${stubs}\n`)
        .split("/home/").join(`${root}/home/`)
        .split("/usr/local/bin/").join(`${root}/usr/local/bin/`);
    const file = path.join(sandbox, "user-data.sh");
    fs.writeFileSync(file, script);
    const run = spawnSync("bash", [file], { encoding: "utf8" });
    if (options.dnfFailures === undefined && run.status !== 0) throw new Error(`first boot failed: ${run.stderr}`);
    return { log: fs.readFileSync(logFile, "utf8").trim().split("\n"), status: run.status, stderr: run.stderr };
}

/** Every file under `dir` whose content contains `needle`. */
function filesContaining(dir: string, needle: string): string[] {
    const hits: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) hits.push(...filesContaining(full, needle));
        else if (entry.isFile() && fs.readFileSync(full, "utf8").includes(needle)) hits.push(full);
    }
    return hits;
}

describe("reader host user data", () => {
    const userData = renderUserData({ settingsXml: SETTINGS, token: TOKEN });
    let sandbox: string;
    let root: string;
    let bootLog: string[];

    before(() => {
        sandbox = fs.mkdtempSync(path.join(os.tmpdir(), "user-data-"));
        root = path.join(sandbox, "root");
        ({ log: bootLog } = bootInSandbox(userData, sandbox));
    });
    after(() => fs.rmSync(sandbox, { recursive: true, force: true }));

    it("is a strict bash script that parses (bash -n)", () => {
        expect(userData.startsWith("#!/bin/bash\n")).to.equal(true);
        expect(userData).to.include("\nset -euo pipefail\n");
        const check = spawnSync("bash", ["-n"], { input: userData, encoding: "utf8" });
        expect(check.status, check.stderr).to.equal(0);
        expect(spawnSync("bash", ["-n"], { input: renderTokenWrapper(TOKEN), encoding: "utf8" }).status).to.equal(0);
    });

    it("installs the Corretto 17 JDK and AL2023's Maven bound to it with dnf, once when dnf succeeds, and creates the build user", () => {
        expect(bootLog.filter((line) => line.startsWith("dnf "))).to.deep.equal([`dnf install -y ${BUILD_PACKAGES.join(" ")}`]);
        expect(BUILD_PACKAGES).to.deep.equal(["java-17-amazon-corretto-devel", "maven-amazon-corretto17"]);
        expect(bootLog.some((line) => line.startsWith("sleep"))).to.equal(false);
    });

    it("names the line and command when any other step fails", () => {
        const broken = fs.mkdtempSync(path.join(os.tmpdir(), "user-data-"));
        try {
            const boot = bootInSandbox(userData.replace(/^(chmod 755 .*)$/m, "false\n$1"), broken, { dnfFailures: 0 });
            expect(boot.status).to.not.equal(0);
            expect(boot.stderr).to.match(/first boot FAILED: line \d+: false exited 1; the host has no working codeartifact-mvn/);
        } finally {
            fs.rmSync(broken, { recursive: true, force: true });
        }
        expect(bootLog).to.include("useradd --create-home --shell /bin/bash builder");
    });

    it("retries dnf when a mirror fails, waiting longer each time, and then finishes the boot", () => {
        const retried = fs.mkdtempSync(path.join(os.tmpdir(), "user-data-"));
        try {
            const boot = bootInSandbox(userData, retried, { dnfFailures: DNF_ATTEMPTS - 1 });
            expect(boot.status, boot.stderr).to.equal(0);
            expect(boot.log.filter((line) => line.startsWith("dnf "))).to.have.length(DNF_ATTEMPTS);
            expect(boot.log.filter((line) => line.startsWith("sleep"))).to.deep.equal(["sleep 10", "sleep 20", "sleep 30", "sleep 40"].slice(0, DNF_ATTEMPTS - 1));
            expect(boot.stderr).to.include(`dnf install ${BUILD_PACKAGES.join(" ")} failed (attempt 1 of ${DNF_ATTEMPTS}); retrying in 10 s`);
            expect(fs.existsSync(path.join(retried, "root", TOKEN_WRAPPER_PATH))).to.equal(true);
        } finally {
            fs.rmSync(retried, { recursive: true, force: true });
        }
    });

    it("fails the boot loudly, naming the command, when dnf keeps failing: nothing after it runs", () => {
        const failed = fs.mkdtempSync(path.join(os.tmpdir(), "user-data-"));
        try {
            const boot = bootInSandbox(userData, failed, { dnfFailures: DNF_ATTEMPTS });
            expect(boot.status).to.not.equal(0);
            expect(boot.log.filter((line) => line.startsWith("dnf "))).to.have.length(DNF_ATTEMPTS);
            expect(boot.stderr).to.include(`failed ${DNF_ATTEMPTS} times`).and.include(`first boot FAILED: dnf install ${BUILD_PACKAGES.join(" ")} failed ${DNF_ATTEMPTS} times`);
            expect(boot.log.some((line) => line.startsWith("useradd"))).to.equal(false);
            expect(fs.existsSync(path.join(failed, "root", TOKEN_WRAPPER_PATH))).to.equal(false);
        } finally {
            fs.rmSync(failed, { recursive: true, force: true });
        }
    });

    it("writes settings.xml verbatim (the token expression stays literal), mode 600, owned by the build user", () => {
        const settingsPath = path.join(root, "home/builder/.m2/settings.xml");
        expect(fs.readFileSync(settingsPath, "utf8")).to.equal(SETTINGS);
        expect(fs.statSync(settingsPath).mode & 0o777).to.equal(0o600);
        expect(fs.statSync(path.join(root, "home/builder/.m2")).mode & 0o777).to.equal(0o700);
        expect(bootLog).to.include(`chown builder:builder ${settingsPath}`);
        expect(bootLog.some((line) => line.startsWith("install -d -m 700 -o builder -g builder"))).to.equal(true);
    });

    it("embeds a well-formed settings.xml whose server id equals its mirror id", function () {
        this.timeout(30000);
        const [parsed] = parseXmlDocuments([fs.readFileSync(path.join(root, "home/builder/.m2/settings.xml"), "utf8")]);
        expect(parsed.error).to.equal(undefined);
        const serverIds = textsAt(parsed.leaves!, "settings/servers/server/id");
        expect(serverIds).to.have.length(1);
        expect(textsAt(parsed.leaves!, "settings/mirrors/mirror/id")).to.deep.equal(serverIds);
    });

    it(`installs ${TOKEN_WRAPPER_PATH}, executable, exactly as rendered`, () => {
        const wrapper = path.join(root, TOKEN_WRAPPER_PATH);
        expect(fs.readFileSync(wrapper, "utf8")).to.equal(renderTokenWrapper(TOKEN));
        expect(fs.statSync(wrapper).mode & 0o777).to.equal(0o755);
    });

    it("never contains a token or a key, only the command that fetches one", () => {
        expect(userData).not.to.match(/AKIA|aws_secret_access_key|authorizationToken"\s*:/);
        expect(userData).to.include(AWS_ARGS);
    });

    describe("codeartifact-mvn, run with stub aws and mvn", () => {
        let work: string;
        let result: ReturnType<typeof spawnSync>;
        before(() => {
            work = path.join(sandbox, "work");
            const bin = path.join(sandbox, "bin");
            fs.mkdirSync(work, { recursive: true });
            fs.mkdirSync(bin, { recursive: true });
            // aws records how it was asked (no secret in that) and prints the token, as the CLI does.
            fs.writeFileSync(path.join(bin, "aws"), `#!/bin/bash\nprintf '%s\\n' "$*" > ${sandbox}/aws-args\necho ${FAKE_TOKEN}\n`, { mode: 0o755 });
            // mvn reports what it received on stdout only.
            fs.writeFileSync(path.join(bin, "mvn"), `#!/bin/bash\necho "token=$CODEARTIFACT_AUTH_TOKEN"\necho "args=$*"\n`, { mode: 0o755 });
            result = spawnSync(path.join(root, TOKEN_WRAPPER_PATH), ["-B", "package"], {
                cwd: work,
                encoding: "utf8",
                env: { PATH: `${bin}:/usr/bin:/bin`, HOME: path.join(root, "home/builder") },
            });
        });

        it("asks for a token through the instance role with the configured domain, owner, region and lifetime", () => {
            expect(result.status, String(result.stderr)).to.equal(0);
            expect(`aws ${fs.readFileSync(path.join(sandbox, "aws-args"), "utf8").trim()}`).to.equal(AWS_ARGS);
        });

        it("hands the token to mvn in its environment, with mvn's own arguments", () => {
            expect(String(result.stdout)).to.equal(`token=${FAKE_TOKEN}\nargs=-B package\n`);
        });

        it("writes the token nowhere", () => {
            // Everything but the stub that plays AWS (which has to know the token to hand it out).
            const stubs = path.join(sandbox, "bin") + path.sep;
            expect(filesContaining(sandbox, FAKE_TOKEN).filter((file) => !file.startsWith(stubs))).to.deep.equal([]);
            expect(filesContaining(path.join(sandbox, "bin"), FAKE_TOKEN)).to.deep.equal([path.join(sandbox, "bin", "aws")]);
        });

        it("fails, without running mvn, when no token comes back", () => {
            const bin = path.join(sandbox, "bin-empty");
            fs.mkdirSync(bin, { recursive: true });
            fs.writeFileSync(path.join(bin, "aws"), "#!/bin/bash\necho\n", { mode: 0o755 });
            fs.writeFileSync(path.join(bin, "mvn"), "#!/bin/bash\necho ran-mvn\n", { mode: 0o755 });
            const empty = spawnSync(path.join(root, TOKEN_WRAPPER_PATH), [], { encoding: "utf8", env: { PATH: `${bin}:/usr/bin:/bin` } });
            expect(empty.status).not.to.equal(0);
            expect(empty.stdout).not.to.include("ran-mvn");
            expect(empty.stderr).to.include("no authorization token");
        });
    });

    it("refuses content that would end its heredoc early", () => {
        expect(() => renderUserData({ settingsXml: "<a/>\nSETTINGS_XML\n", token: TOKEN })).to.throw(/heredoc delimiter/);
    });
});
