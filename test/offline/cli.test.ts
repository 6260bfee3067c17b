// `npm start` as a user runs it: a child process, its exit code, stdout and stderr. Each spawn loads
// the SDKs (~1.5 s), so only what needs a process is tested here; offlineCheck.test.ts covers the rest.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const READER = "test/fixtures/reader-stack/index.ts";

// The fixtures are type-checked by npm test's tsc; programs.test.ts tests the check's own type check,
// which costs seconds per program on a fresh clone.
function npmStart(...args: string[]) {
    return npmStartFrom(undefined, ...args, "--transpile-only");
}

/**
 * What `npm start` runs (package.json), without npm's own start-up time: from the project root, and,
 * when `shellDir` is given, with the variables npm sets to say where the user typed the command.
 */
function npmStartFrom(shellDir: string | undefined, ...args: string[]) {
    const env = { ...process.env }; // npm test's own INIT_CWD would say where the tests were started
    delete env.INIT_CWD;
    delete env.npm_lifecycle_event;
    if (shellDir) Object.assign(env, { INIT_CWD: shellDir, npm_lifecycle_event: "start" });
    const result = spawnSync(process.execPath, [path.join(ROOT, "offline/start.js"), ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 60000 });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm start (the offline check's command line)", function () {
    this.timeout(60000);

    it("exits 0 and prints exactly one JSON object of the documented shape with --json", () => {
        const { code, stdout, stderr } = npmStart("--program", READER, "--stack", "compliant", "--json");
        expect(code, stderr).to.equal(0);
        const report = JSON.parse(stdout);
        expect(Object.keys(report)).to.deep.equal(["program", "stack", "runs"]);
        expect(report).to.include({ program: READER, stack: "compliant" });
        expect(report.runs.map((r: { mode: string }) => r.mode)).to.deep.equal(["preview", "update"]);
        for (const run of report.runs) {
            expect(Object.keys(run)).to.deep.equal(["mode", "resources", "violations", "notRun"]);
            for (const resource of run.resources) expect(Object.keys(resource)).to.deep.equal(["urn", "type", "name", "parent", "dependencies", "protect", "props"]);
            expect(run.violations).to.deep.equal([]);
            expect(run.notRun).to.deep.equal([]);
        }
        expect(stderr).to.include("reader fixture: variant compliant"); // the program's output, kept off stdout
    });

    it("exits 1 on a mandatory violation, naming policy and resource", () => {
        const { code, stdout } = npmStart("--program", READER, "--stack", "imdsv1", "--mode", "preview");
        expect(code).to.equal(1);
        expect(stdout).to.match(/\[mandatory\] ec2-imdsv2-required {2}aws:ec2\/instance:Instance reader/);
        expect(stdout).to.include("preview: FAIL");
    });

    it("exits 2 on a bad argument, with the usage", () => {
        const { code, stderr } = npmStart("--mode", "apply");
        expect(code).to.equal(2);
        expect(stderr).to.match(/^error: --mode apply: must be preview, update or both\nusage: npm start/);
    });

    it("exits 2 on a stack that has no config file and needs values, saying how to give them and naming the stacks there are", () => {
        const { code, stderr } = npmStart("--stack", "nosuchstack");
        expect(code).to.equal(2);
        expect(stderr).to.match(/error: bad stack configuration: [\s\S]*missing configuration values 'domainName' and 'repositoryName'.*--config domainName=VALUE --config repositoryName=VALUE/);
        expect(stderr).to.match(/no stack file Pulumi\.nosuchstack\.yaml: .*this project has stack files for: dev, prod/);
    });

    it("exits 2 naming the StackReference when an export waits on its outputs (the run stalls in-process; the engine would stop)", () => {
        const { code, stderr } = npmStart("--program", "test/fixtures/stack-reference/exports-output.ts", "--stack", "dev");
        expect(code).to.equal(2);
        expect(stderr).to.include(`StackReference 'network' reads the outputs of stack 'acme/network/prod', which the offline check cannot fetch: pass --stack-outputs FILE`);
        expect(stderr).not.to.include("promises were still active");
    });

    it("exits 2 when the program throws, with its message and where it threw", () => {
        const { code, stderr } = npmStart("--program", "test/fixtures/failing-program/index.ts", "--stack", "throws");
        expect(code).to.equal(2);
        expect(stderr).to.include("failed: domainName must be set (fixture failure)");
        expect(stderr).to.match(/failing-program\/index\.ts:10:\d+/);
    });

    it("resolves --program, --policy-config and --stack-outputs against the folder the user ran npm start in", () => {
        const fixtures = path.join(ROOT, "test/fixtures");
        const { code, stderr, stdout } = npmStartFrom(fixtures, "--program", "stack-reference", "--stack-outputs", "stack-reference/stack-outputs.json", "--policy-config", "../../policy-pack/config/dev.json", "--mode", "preview", "--transpile-only");
        expect(code, stderr).to.equal(0);
        expect(stdout).to.include("Offline check of stack-reference/index.ts");
    });

    it("exits 2 on a --program that does not exist, as a bad --program", () => {
        const { code, stderr } = npmStart("--program", "test/fixtures/no-such-stack/index.ts");
        expect(code).to.equal(2);
        expect(stderr).to.match(/^error: bad --program: test\/fixtures\/no-such-stack\/index\.ts: no such file or folder/m);
    });

    it("prints the secret placeholder warning before the program's error, and --config supplies a stand-in", () => {
        const failed = npmStart("--program", "test/fixtures/secret-config", "--mode", "preview");
        expect(failed.code).to.equal(2);
        const warningAt = failed.stderr.indexOf("warning: secret-config-fixture:dbPassword is encrypted (secure:)");
        expect(warningAt).to.be.greaterThan(-1);
        expect(failed.stderr.indexOf("error: the program test/fixtures/secret-config/index.ts failed: dbPassword must be 20 or more")).to.be.greaterThan(warningAt);
        const passed = npmStart("--program", "test/fixtures/secret-config", "--mode", "preview", "--config", "dbPassword=abcdefghijklmnopqrstu12");
        expect(passed.code, passed.stderr).to.equal(0);
    });

    it("exits 2 on a malformed --config or --stack-outputs, saying what is expected", () => {
        expect(npmStart("--config", "dbPassword").stderr).to.match(/^error: --config dbPassword: expected KEY=VALUE/);
        expect(npmStart("--stack-outputs", "package.json").stderr).to.match(/^error: --stack-outputs package\.json: expected \{"<stack name>": \{"<output>": <value>, \.\.\.\}, \.\.\.\}; "name" is not an object/);
    });
});
