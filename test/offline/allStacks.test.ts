// `npm start -- --stack all`: every stack file checked in one run, the worst exit code returned.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { checkEveryStack, stackNames } from "../../offline/allStacks";

const ROOT = path.resolve(__dirname, "../..");
const READER_DIR = path.join(ROOT, "test/fixtures/reader-stack");

function npmStart(...args: string[]) {
    const result = spawnSync(process.execPath, [path.join(ROOT, "offline/start.js"), ...args], { cwd: ROOT, encoding: "utf8", timeout: 90000 });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function stackFilesIn(dir: string): string[] {
    return fs.readdirSync(dir).filter((f) => /^Pulumi\..+\.yaml$/.test(f)).map((f) => f.slice("Pulumi.".length, -".yaml".length)).sort();
}

describe("npm start -- --stack all", function () {
    this.timeout(90000);

    it("finds one stack per Pulumi.NAME.yaml, and not the project file", () => {
        expect(stackNames(READER_DIR)).to.deep.equal(stackFilesIn(READER_DIR)).and.to.include("compliant");
        expect(stackNames(ROOT)).to.deep.equal(stackFilesIn(ROOT)).and.to.include.members(["dev", "prod"]);
    });

    it("returns the worst exit code, after checking every stack", async () => {
        const checked: string[] = [];
        const codes: Record<string, number> = { a: 0, b: 2, c: 1 };
        const printed: string[] = [];
        const code = await checkEveryStack(["a", "b", "c"], async (stack) => (checked.push(stack), codes[stack]), (s) => printed.push(s));
        expect(code).to.equal(2);
        expect(checked).to.deep.equal(["a", "b", "c"]);
        expect(printed[printed.length - 1]).to.equal("=== 3 stacks: a pass, b ERROR (not checked), c FAIL (mandatory violations)\n");
    });

    it("checks every stack of this project with 0 violations and 0 not run, as one JSON array", () => {
        const { code, stdout, stderr } = npmStart("--stack", "all", "--json");
        expect(code, stderr).to.equal(0);
        const reports = JSON.parse(stdout) as { stack: string; runs: { violations: unknown[]; notRun: unknown[] }[] }[];
        expect(reports.map((r) => r.stack)).to.deep.equal(stackFilesIn(ROOT));
        for (const report of reports) {
            expect(report.runs).to.have.length(2);
            for (const run of report.runs) expect({ stack: report.stack, violations: run.violations, notRun: run.notRun }).to.deep.equal({ stack: report.stack, violations: [], notRun: [] });
        }
    });

    it("exits 1 when one stack of several has a mandatory violation, naming each stack's verdict", () => {
        const { code, stdout } = npmStart("--stack", "all", "--program", "test/fixtures/reader-stack/index.ts", "--mode", "preview");
        expect(code).to.equal(1);
        const summary = stdout.trim().split("\n").pop();
        expect(summary).to.match(/^=== \d+ stacks: compliant pass, imdsv1 FAIL \(mandatory violations\), /);
        for (const stack of stackFilesIn(READER_DIR)) expect(stdout).to.include(`=== stack ${stack}\n`);
    });
});
