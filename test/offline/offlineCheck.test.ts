// The offline check run in-process on fixture programs (test/fixtures/reader-stack: one stack per
// deliberate mistake) and on the project's own program.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UNKNOWN } from "../../offline/aws/resourceModel";
import { offlineCheck, OfflineReport, RunReport } from "../../offline/offlineCheck";
import { engineUrn, ProgramError } from "../../offline/program/runProgram";

const ROOT = path.resolve(__dirname, "../..");
const READER = path.join(ROOT, "test/fixtures/reader-stack/index.ts");
const FAILING = path.join(ROOT, "test/fixtures/failing-program/index.ts");

// The fixtures here are type-checked by npm test's tsc already; programs.test.ts tests the type check.
function check(stack: string, program = READER, extra: Parameters<typeof offlineCheck>[0] = {}): Promise<OfflineReport> {
    return offlineCheck({ program, stack, cwd: ROOT, transpileOnly: true, ...extra });
}

function run(report: OfflineReport, mode: "preview" | "update"): RunReport {
    const found = report.runs.find((r) => r.mode === mode);
    if (!found) throw new Error(`no ${mode} run`);
    return found;
}

const mandatory = (r: RunReport) => r.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policy);

describe("offline check", () => {
    describe("the compliant reader fixture", () => {
        let report: OfflineReport;
        before(async () => {
            report = await check("compliant");
        });

        it("passes in preview and in update, with every policy able to run", () => {
            expect(report.runs.map((r) => r.mode)).to.deep.equal(["preview", "update"]);
            for (const r of report.runs) {
                expect(r.violations, r.mode).to.deep.equal([]);
                expect(r.notRun, r.mode).to.deep.equal([]);
            }
        });

        it("lists what the engine holds: the stack, the resources under it, and the default provider it adds", () => {
            const { resources } = run(report, "update");
            const stack = resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
            expect(stack.urn).to.equal("urn:pulumi:compliant::reader-fixture::pulumi:pulumi:Stack::reader-fixture-compliant");
            const provider = resources.find((r) => r.type === "pulumi:providers:aws")!;
            expect(provider.name).to.equal("default_7_48_0");
            expect(provider.parent).to.equal(undefined);
            expect(provider.props).to.include({ region: "eu-west-1", version: "7.48.0" });
            const domain = resources.find((r) => r.type === "aws:codeartifact/domain:Domain")!;
            expect(domain).to.deep.include({ urn: "urn:pulumi:compliant::reader-fixture::aws:codeartifact/domain:Domain::domain", parent: stack.urn, protect: true });
            const host = resources.find((r) => r.type === "aws:ec2/instance:Instance")!;
            expect(host.dependencies).to.include(resources.find((r) => r.type === "aws:codeartifact/repository:Repository")!.urn);
        });

        it("shows the pack what pulumi preview shows it: outputs of other resources unknown, invoke results known", () => {
            const preview = run(report, "preview").resources;
            const update = run(report, "update").resources;
            const domain = (rs: typeof preview) => rs.find((r) => r.type === "aws:codeartifact/domain:Domain")!.props;
            expect(domain(preview).encryptionKey).to.equal(UNKNOWN);
            expect(domain(update).encryptionKey).to.match(/^arn:aws:kms:eu-west-1:123456789012:key\//);
            const policy = preview.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy")!.props;
            expect(JSON.parse(policy.policy as string).Statement[0]).to.deep.include({ Resource: "arn:aws:codeartifact:eu-west-1:123456789012:domain/fixture" });
        });
    });

    const broken: [string, string][] = [
        ["write-action", "codeartifact-read-only"],
        ["imdsv1", "ec2-imdsv2-required"],
        ["wildcard-resource", "codeartifact-resources-scoped"],
        ["unencrypted-root", "ec2-ebs-volumes-encrypted"],
        ["unprotected-domain", "codeartifact-data-protected"],
    ];
    for (const [variant, policy] of broken) {
        it(`fails a reader with ${variant} on ${policy}, in preview and in update`, async () => {
            const report = await check(variant);
            expect(mandatory(run(report, "preview"))).to.include(policy);
            expect(mandatory(run(report, "update"))).to.include(policy);
        });
    }

    it("lists a policy document built from a resource output as not run in preview, and judges it in update", async () => {
        const report = await check("output-policy");
        const preview = run(report, "preview");
        expect(preview.violations).to.deep.equal([]);
        expect(preview.notRun).to.deep.include({
            policy: "codeartifact-read-only",
            urn: "urn:pulumi:output-policy::reader-fixture::aws:iam/rolePolicy:RolePolicy::reader-read",
            reason: "string value at .policy can't be known during preview",
        });
        expect(mandatory(run(report, "update"))).to.include("codeartifact-read-only");
    });

    it("applies a policy config file: a policy turned advisory reports without failing", async () => {
        const report = await check("imdsv1", READER, { policyConfig: { "ec2-imdsv2-required": "advisory" }, modes: ["preview"] });
        expect(run(report, "preview").violations).to.deep.include.members([
            { policy: "ec2-imdsv2-required", enforcementLevel: "advisory", urn: "urn:pulumi:imdsv1::reader-fixture::aws:ec2/instance:Instance::reader", message: 'metadataOptions.httpTokens is "optional"; expected "required" (IMDSv2 only).' },
        ]);
        expect(mandatory(run(report, "preview"))).to.deep.equal([]);
    });

    it("checks a program outside this project whose packages are not installed, with this project's, and says so", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "team-program-"));
        for (const file of fs.readdirSync(path.dirname(READER))) fs.copyFileSync(path.join(path.dirname(READER), file), path.join(dir, file));
        const report = await offlineCheck({ program: path.join(dir, "index.ts"), stack: "imdsv1", modes: ["preview"], transpileOnly: true });
        expect(mandatory(run(report, "preview"))).to.deep.equal(["ec2-imdsv2-required"]);
        expect(report.warnings.join("\n")).to.match(/@pulumi\/aws is not installed in .*team-program-.*; the program runs with the offline check's own @pulumi\/aws \d+\.\d+\.\d+\. Run npm install in /);
    });

    describe("a failing program is the program's fault, reported as such", () => {
        it("a throw", async () => {
            const error = await check("throws", FAILING).catch((e) => e);
            expect(error).to.be.instanceOf(ProgramError);
            expect(error.message).to.match(/the program .*index\.ts failed: domainName must be set \(fixture failure\)/);
        });

        it("an invoke the mocks do not model, named", async () => {
            const error = await check("unknown-invoke", FAILING).catch((e) => e);
            expect(error).to.be.instanceOf(ProgramError);
            expect(error.message).to.include("does not model the invoke 'aws:rds/getInstance:getInstance'");
        });

        it("a rejected promise nobody awaits", async () => {
            const error = await check("unhandled-rejection", FAILING).catch((e) => e);
            expect(error).to.be.instanceOf(ProgramError);
            expect(error.message).to.include("nobody awaited this (fixture failure)");
        });

        it("a RunError, from any copy of the SDK: its message alone, as the language host shows it", async () => {
            const error = await check("foreign-run-error", FAILING).catch((e) => e);
            expect(error).to.be.instanceOf(ProgramError);
            expect(error.message).to.equal("repositoryName must be set (fixture failure)");
        });
    });

    it("builds URNs as the engine does: parent types qualified, the stack's left out", () => {
        const stack = engineUrn("dev", "p", undefined, "pulumi:pulumi:Stack", "p-dev");
        const outer = engineUrn("dev", "p", stack, "p:index:Outer", "o");
        const inner = engineUrn("dev", "p", outer, "p:index:Inner", "i");
        expect(outer).to.equal("urn:pulumi:dev::p::p:index:Outer::o");
        expect(inner).to.equal("urn:pulumi:dev::p::p:index:Outer$p:index:Inner::i");
        expect(engineUrn("dev", "p", inner, "aws:s3/bucket:Bucket", "b")).to.equal("urn:pulumi:dev::p::p:index:Outer$p:index:Inner$aws:s3/bucket:Bucket::b");
    });

    // The project's own program with the dev stack and its policy config, type-checked as npm start does.
    it("passes the project's program on the dev stack in both modes, with nothing left unjudged and nothing to warn about", async () => {
        const report = await offlineCheck({ cwd: ROOT });
        expect(report.policyConfigFile).to.equal(path.join("policy-pack", "config", "dev.json"));
        expect(report.warnings).to.deep.equal([]);
        for (const r of report.runs) {
            expect(r.violations, r.mode).to.deep.equal([]);
            expect(r.notRun, r.mode).to.deep.equal([]);
            // The dependency-confusion defence is in the tree, on the aws-native default provider the engine adds.
            const group = r.resources.find((res) => res.type === "aws-native:codeartifact:PackageGroup");
            expect(group?.props, r.mode).to.deep.include({ pattern: "/maven/com.nextwork/*" });
            const nativeProvider = r.resources.find((res) => res.type === "pulumi:providers:aws-native");
            expect(nativeProvider?.urn, r.mode).to.match(/::pulumi:providers:aws-native::default_1_\d+_\d+$/);
            expect(nativeProvider?.props, r.mode).to.deep.include({ region: "us-east-1" });
        }
    });

    it("refuses the dev stack's store when its package group is gone (the stack half of codeartifact-internal-namespaces-blocked)", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "no-groups-"));
        try {
            fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
            const stackFile = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8").replace(/^ *secure-packages:publisherNamespaces:\n( +- .*\n)+/m, "");
            fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), stackFile);
            const policyConfig = JSON.parse(fs.readFileSync(path.join(ROOT, "policy-pack", "config", "dev.json"), "utf8"));
            // The project's own program, run from a folder whose stack file lacks publisherNamespaces.
            fs.writeFileSync(path.join(dir, "index.js"), `module.exports = require(${JSON.stringify(path.join(ROOT, "index.ts"))});\n`);
            const report = await offlineCheck({ program: "index.js", cwd: dir, policyConfig, modes: ["preview"] });
            const [preview] = report.runs;
            expect(preview.resources.some((res) => res.type === "aws-native:codeartifact:PackageGroup")).to.equal(false);
            expect(preview.violations.map((v) => [v.policy, v.urn.split("::").pop()])).to.deep.equal([
                ["codeartifact-internal-namespaces-blocked", "repository-maven-central-store"],
            ]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
