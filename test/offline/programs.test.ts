// Other teams' programs, run as `pulumi preview` runs them (test/fixtures/<one per situation>): from
// their project folder, with their own packages, compiler options and module type, type-checked, with
// what the check cannot know (other stacks' outputs, secrets) supplied by the user or asked for by name.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UNKNOWN } from "../../offline/aws/resourceModel";
import { offlineCheck, OfflineCheckOptions, OfflineReport, ProgramPathError, ReportResource } from "../../offline/offlineCheck";
import { foldSerializingPrefixes } from "../../offline/program/programErrors";
import { readProgramProject } from "../../offline/program/programProject";
import { ProgramError } from "../../offline/program/runProgram";

const ROOT = path.resolve(__dirname, "../..");
const FIXTURES = path.join(ROOT, "test/fixtures");

/** The fixture's program, checked from this project's root; no type check unless asked (see "type check"). */
function check(fixture: string, extra: OfflineCheckOptions = {}): Promise<OfflineReport> {
    return offlineCheck({ program: path.join(FIXTURES, fixture), cwd: ROOT, transpileOnly: true, ...extra });
}

function failure(promise: Promise<unknown>): Promise<Error> {
    return promise.then(
        () => {
            throw new Error("expected the check to fail");
        },
        (e: Error) => e,
    );
}

function resource(report: OfflineReport, mode: "preview" | "update", type: string): ReportResource {
    const found = report.runs.find((r) => r.mode === mode)?.resources.find((r) => r.type === type);
    if (!found) throw new Error(`no ${type} in ${mode}`);
    return found;
}

describe("offline check of other projects' programs", function () {
    this.timeout(60_000);

    it("runs a program from its project folder, so a file it reads by a relative path is found, and restores the working directory", async () => {
        const report = await check("reads-file");
        expect(resource(report, "update", "aws:s3/bucketObject:BucketObject").props.content).to.equal("<h1>fixture site</h1>\n");
        expect(process.cwd()).to.equal(ROOT);
    });

    it("reports a --program that does not exist as such, not as bad stack configuration", async () => {
        const error = await failure(check("no-such-program/index.ts"));
        expect(error).to.be.instanceOf(ProgramPathError);
        expect(error.message).to.match(/^no-such-program\/index\.ts: no such file or folder|test\/fixtures\/no-such-program\/index\.ts: no such file or folder/);
    });

    describe("its own packages", () => {
        it("imports a package only its project installed and a local module, and gives an unmodelled provider's resources the generic behaviour, with one note", async () => {
            const report = await check("own-packages");
            expect(resource(report, "preview", "aws:s3/bucket:Bucket").props.tags).to.deep.equal({ team: "platform", greeting: "hello", pet: UNKNOWN });
            expect(resource(report, "update", "aws:s3/bucket:Bucket").props.tags).to.deep.equal({ team: "platform", greeting: "hello" });
            expect(resource(report, "preview", "acme-pets:index/randomPet:RandomPet").props).to.deep.equal({ length: 2 });
            expect(report.warnings).to.have.length(1);
            expect(report.warnings[0]).to.match(/^acme-pets:index:Kennel, acme-pets:index\/randomPet:RandomPet: the offline check does not model these resources of the 'acme-pets' provider; they get their inputs back/);
            expect(report.warnings[0]).to.match(/; its components' children, which its plugin builds, are not created$/);
        });

        it("names a package that is not installed and says where npm install fixes it, at run time and in the type check", async () => {
            const atRun = await failure(check("missing-package"));
            expect(atRun).to.be.instanceOf(ProgramError);
            expect(atRun.message).to.equal(
                `the program test/fixtures/missing-package/index.ts cannot run: the program imports '@acme/not-installed', which its package.json lists (^2.0.0) but is not installed: run npm install in ${path.join(FIXTURES, "missing-package")}`,
            );
            const atCheck = await failure(check("missing-package", { transpileOnly: false }));
            expect(atCheck.message).to.include("index.ts:2:28 - error TS2307: Cannot find module '@acme/not-installed'");
            expect(atCheck.message).to.include(`'@acme/not-installed', which its package.json lists (^2.0.0) but is not installed: run npm install in ${path.join(FIXTURES, "missing-package")}`);
        });

        it("sets the mocks on the @pulumi/pulumi the program loads when its project has its own copy", async () => {
            // A project with its own copy of @pulumi/pulumi (its dependencies resolve from here, noted),
            // whose setMocks records that it was called.
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "own-sdk-"));
            const sdk = path.join(dir, "node_modules", "@pulumi", "pulumi");
            fs.cpSync(path.join(ROOT, "node_modules", "@pulumi", "pulumi"), sdk, { recursive: true });
            fs.appendFileSync(path.join(sdk, "runtime", "mocks.js"), "\nconst __setMocks = exports.setMocks;\nexports.setMocks = (...args) => { global.__ownSdkMocked = true; return __setMocks(...args); };\n");
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: own-sdk\nruntime: nodejs\n");
            fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  aws:region: us-east-1\n");
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "own-sdk", dependencies: { "@pulumi/pulumi": "^3.0.0" } }));
            fs.writeFileSync(path.join(dir, "index.js"), `const pulumi = require("@pulumi/pulumi");\nnew pulumi.CustomResource("aws:sns/topic:Topic", "alerts", { name: "alerts" });\n`);
            const global_ = global as unknown as { __ownSdkMocked?: boolean };
            delete global_.__ownSdkMocked;
            const report = await offlineCheck({ program: path.join(dir, "index.js"), cwd: dir, modes: ["preview"] });
            expect(global_.__ownSdkMocked).to.equal(true);
            expect(resource(report, "preview", "aws:sns/topic:Topic").props).to.deep.equal({ name: "alerts" });
            expect(report.warnings.join("\n")).to.match(/is not installed in .*own-sdk-.*the program runs with the offline check's own/);
            fs.rmSync(dir, { recursive: true, force: true });
        });
    });

    it("takes an optional peer dependency its package falls back from (typescript for @pulumi/pulumi, supports-color for debug) without a note", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "optional-peer-"));
        const pkg = (name: string, meta: object) => {
            fs.mkdirSync(path.join(dir, "node_modules", name), { recursive: true });
            fs.writeFileSync(path.join(dir, "node_modules", name, "package.json"), JSON.stringify({ name, main: "index.js", ...meta }));
            fs.writeFileSync(path.join(dir, "node_modules", name, "index.js"), `try { module.exports = require("yaml").stringify({ ok: 1 }); } catch { module.exports = "vendored"; }\n`);
        };
        pkg("with-optional-peer", { peerDependencies: { yaml: "*" }, peerDependenciesMeta: { yaml: { optional: true } } });
        pkg("with-plain-dependency", { dependencies: { yaml: "*" } });
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: optional-peer\nruntime: nodejs\nconfig:\n  aws:region: us-east-1\n");
        const yamlNotes = async (requires: string) => {
            fs.writeFileSync(path.join(dir, "index.js"), requires);
            const report = await offlineCheck({ program: dir, cwd: dir, modes: ["preview"] });
            return report.warnings.filter((w) => w.startsWith("yaml is not installed"));
        };
        expect(await yamlNotes(`require("with-optional-peer");\n`)).to.deep.equal([]);
        expect(await yamlNotes(`require("with-plain-dependency");\n`)).to.have.length(1); // a dependency it needs: noted
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("runs a Lambda from a closure (CallbackFunction) on this Node, without 'Could not include required dependency' noise", async () => {
        const warnings: string[] = [];
        const warn = console.warn;
        console.warn = (...args: unknown[]) => warnings.push(args.join(" "));
        let report: OfflineReport;
        try {
            report = await check("closure");
        } finally {
            console.warn = warn;
        }
        expect(warnings).to.deep.equal([]);
        const code = resource(report, "update", "aws:lambda/function:Function").props.code as Record<string, unknown>;
        expect(Object.keys((code.assets ?? {}) as object)).to.include("__index.js");
    });

    it("runs an ES module program with its own tsconfig: a .js specifier naming a .ts file, top-level await, import.meta, both runs", async () => {
        const report = await check("esm-program");
        for (const mode of ["preview", "update"] as const) {
            expect(resource(report, mode, "aws:s3/bucketAcl:BucketAcl").props.acl).to.equal("private");
            expect(resource(report, mode, "aws:s3/bucket:Bucket").props.tags).to.deep.equal({ owner: "123456789012", entry: "index.ts" });
        }
    });

    it("reports an ES module program's failure at its TypeScript line and column, not the compiled module's URL", async () => {
        const error = await failure(check("esm-program/throws.ts"));
        expect(error.message).to.include("fixture failure in an ES module");
        expect(error.message).to.match(/\n\s+at .*test\/fixtures\/esm-program\/throws\.ts:11:11\b/);
        expect(error.message).not.to.include("offline-run");
    });

    describe("a project without a stack file (as pulumi new leaves it)", () => {
        it("without aws:region: says to pass --config aws:region, offering the template's default, which the CLI does not apply", async () => {
            const saved = { AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION, AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE };
            delete process.env.AWS_REGION;
            delete process.env.AWS_DEFAULT_REGION;
            process.env.AWS_CONFIG_FILE = path.join(FIXTURES, "no-such-aws-config"); // this machine's ~/.aws/config would answer
            try {
                const error = await failure(check("no-stack-file", { stack: "dev" }));
                expect(error.message).to.match(/^aws:region is not set: the AWS provider needs a region\. Pass --config aws:region=us-west-2 to this check \(the default Pulumi\.yaml's template offers/);
            } finally {
                for (const [key, value] of Object.entries(saved)) {
                    if (value === undefined) delete process.env[key];
                    else process.env[key] = value;
                }
            }
        });

        it("a config.require of a key the stack lacks: names --config, with the template's default when it offers one", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "template-default-"));
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: sized\nruntime: nodejs\nconfig:\n  aws:region: us-east-1\ntemplate:\n  config:\n    instanceType:\n      default: t3.micro\n");
            fs.writeFileSync(path.join(dir, "index.js"), `const pulumi = require("@pulumi/pulumi");\nnew pulumi.Config().require("instanceType");\n`);
            const error = await failure(offlineCheck({ program: dir, cwd: dir, modes: ["preview"] }));
            expect(error.message).to.include("Missing required configuration variable 'sized:instanceType'");
            expect(error.message).to.include("or, for the offline check, pass --config sized:instanceType=t3.micro (the default Pulumi.yaml's template offers; the CLI does not apply template defaults to a stack)");
            fs.rmSync(dir, { recursive: true, force: true });
        });

        it("with --config aws:region: runs on empty stack config, with a one-line note; an export of a value only AWS computes is one note, not the SDK's blame", async () => {
            const report = await check("no-stack-file", { stack: "dev", config: { "aws:region": "eu-west-1" } });
            expect(report.warnings).to.deep.equal([
                "no stack file Pulumi.dev.yaml: stack 'dev' runs with no stack config, as the CLI runs a stack without one (only Pulumi.yaml's config and --config KEY=VALUE)",
                "stack output websiteDomain is undefined in the offline update: the check leaves values only the provider computes (AWS, or one it does not model) unset there, so policies that read them see nothing (pulumi up would have them)",
            ]);
            expect(resource(report, "update", "pulumi:providers:aws").props.region).to.equal("eu-west-1");
        });
    });

    describe("where the program is: Pulumi.yaml main, package.json main", () => {
        /** A project in a temp folder: Pulumi.yaml (plus `extra`), and a one-topic program at `file`. */
        function tempProject(extra: string, file: string, packageJson?: object): string {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "program-main-"));
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: main-fixture\nruntime: nodejs\nconfig:\n  aws:region: us-east-1\n${extra}`);
            if (packageJson) fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(packageJson));
            fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
            fs.writeFileSync(path.join(dir, file), `const pulumi = require("@pulumi/pulumi");\nnew pulumi.CustomResource("aws:sns/topic:Topic", "${file}", { name: "t" });\n`);
            return dir;
        }
        const topicName = (report: OfflineReport) => report.runs[0].resources.find((r) => r.type === "aws:sns/topic:Topic")?.urn.split("::").pop();

        it("runs the folder Pulumi.yaml's main names, and says plainly when it names nothing", async () => {
            const dir = tempProject("main: src/\n", "src/index.js");
            expect(topicName(await offlineCheck({ program: dir, cwd: dir, modes: ["preview"] }))).to.equal("src/index.js");
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: main-fixture\nruntime: nodejs\nconfig:\n  aws:region: us-east-1\nmain: app/\n");
            const error = await failure(offlineCheck({ program: dir, cwd: dir, modes: ["preview"] }));
            expect(error.message).to.equal(`Pulumi.yaml sets main: app, which does not exist in ${dir} (it names the program's folder or file, relative to Pulumi.yaml)`);
            fs.rmSync(dir, { recursive: true, force: true });
        });

        it("resolves package.json main as Node does, a main without its extension included", async () => {
            const dir = tempProject("", "app.js", { name: "m", main: "app" });
            expect(topicName(await offlineCheck({ program: dir, cwd: dir, modes: ["preview"] }))).to.equal("app.js");
            fs.rmSync(dir, { recursive: true, force: true });
        });
    });

    describe("a StackReference", () => {
        it("without --stack-outputs: fails naming the reference, the stack and the option", async () => {
            const error = await failure(check("stack-reference"));
            expect(error.message).to.include(
                `StackReference 'network' reads the outputs of stack 'acme/network/prod', which the offline check cannot fetch: pass --stack-outputs FILE, a JSON file keyed by stack name: {"acme/network/prod": {"outputName": "value", ...}}`,
            );
        });

        it("with --stack-outputs: reads the outputs given for that stack", async () => {
            const report = await check("stack-reference", { stackOutputs: { "acme/network/prod": { vpcId: "vpc-0abc123" } } });
            for (const mode of ["preview", "update"] as const) expect(resource(report, mode, "aws:ec2/securityGroup:SecurityGroup").props.vpcId).to.equal("vpc-0abc123");
        });

        it("with --stack-outputs lacking that stack: says which stacks the file has", async () => {
            const error = await failure(check("stack-reference", { stackOutputs: { "acme/network/dev": {} } }));
            expect(error.message).to.include(`the --stack-outputs file has no entry "acme/network/prod" (it has: acme/network/dev)`);
        });
    });

    describe("a secret config value", () => {
        it("without --config: warns that it is a placeholder before the program's own error", async () => {
            const seen: string[] = [];
            const error = await failure(check("secret-config", { onWarning: (w) => seen.push(w) }));
            expect(seen[0]).to.match(/^secret-config-fixture:dbPassword is encrypted \(secure:\) in Pulumi\.dev\.yaml; .* the program sees a placeholder/);
            expect(error.message).to.include("dbPassword must be 20 or more letters and digits");
        });

        it("with --config: the program gets the plaintext stand-in, still as a secret", async () => {
            const report = await check("secret-config", { config: { dbPassword: "abcdefghijklmnopqrstu12" } });
            const value = resource(report, "update", "aws:ssm/parameter:Parameter").props.value as Record<string, unknown>;
            expect(value).to.deep.equal({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "abcdefghijklmnopqrstu12" });
            expect(report.warnings.join("\n")).not.to.include("placeholder");
        });
    });

    describe("type check and errors", () => {
        it("reports a syntax error at file:line:col", async () => {
            const error = await failure(check("syntax-error", { transpileOnly: false }));
            expect(error.message).to.equal("the program test/fixtures/syntax-error/index.ts has a syntax error:\n  test/fixtures/syntax-error/index.ts:4:57 - error TS1005: ',' expected.");
        });

        it("reports a syntax error at file:line:col without the type check too", async () => {
            const error = await failure(check("syntax-error"));
            expect(error.message).to.equal("the program test/fixtures/syntax-error/index.ts has a syntax error: test/fixtures/syntax-error/index.ts:4:57 - error TS1005: ',' expected.");
        });

        it("reports a JavaScript program's syntax error at file:line:col too", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "js-syntax-"));
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: js-syntax\nruntime: nodejs\n");
            fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  aws:region: us-east-1\n");
            fs.writeFileSync(path.join(dir, "index.js"), "const tags = { team: 'platform' ;\n");
            const error = await failure(offlineCheck({ program: dir, cwd: dir }));
            expect(error.message).to.equal("the program index.js has a syntax error: index.js:1:33 - Unexpected token ';'");
            fs.rmSync(dir, { recursive: true, force: true });
        });

        it("type-checks as pulumi preview does, reporting file:line:col, and --transpile-only skips it", async () => {
            const error = await failure(check("type-error", { transpileOnly: false }));
            expect(error.message).to.match(/has type errors \(pulumi preview type-checks TypeScript too; --transpile-only skips the check\):\n {2}test\/fixtures\/type-error\/index\.ts:4:7 - error TS2322: Type 'string' is not assignable to type 'number'\.$/);
            await check("type-error"); // runs
        });

        it("only warns about type errors against packages the program's project has not installed (this project's versions may be the cause)", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "not-installed-"));
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: not-installed\nruntime: nodejs\n");
            fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  aws:region: us-east-1\n");
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "not-installed", dependencies: { "@pulumi/pulumi": "^2.0.0" } }));
            fs.writeFileSync(path.join(dir, "index.ts"), `import * as pulumi from "@pulumi/pulumi";\nexport const replicas: number = new pulumi.Config().get("replicas");\n`);
            const warnings: string[] = [];
            await offlineCheck({ program: dir, cwd: dir, modes: ["preview"], onWarning: (w) => warnings.push(w) });
            expect(warnings.join("\n")).to.include(`the program index.ts has type errors against this project's @pulumi/pulumi, which its project has not installed (run npm install in ${dir} for the check pulumi preview would do); running it anyway:\n  index.ts:2:14 - error TS2322`);
            fs.rmSync(dir, { recursive: true, force: true });
        });

        it("skips the type check where the CLI would: runtime option typescript: false, PULUMI_NODEJS_TRANSPILE_ONLY, tsconfig noCheck", () => {
            const program = path.join(FIXTURES, "type-error", "index.ts");
            const dir = path.dirname(program);
            expect(readProgramProject(program, dir, {}).typeCheck).to.deep.equal({ enabled: true });
            expect(readProgramProject(program, dir, { typescript: false }).typeCheck).to.deep.include({ enabled: false });
            expect(readProgramProject(program, dir, {}, true).typeCheck).to.deep.equal({ enabled: false, because: "--transpile-only" });
            process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
            try {
                expect(readProgramProject(program, dir, {}).typeCheck).to.deep.equal({ enabled: false, because: "PULUMI_NODEJS_TRANSPILE_ONLY=true" });
            } finally {
                delete process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
            }
            // tsconfig.json as tsc reads it: comments, and `extends` followed.
            const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "no-check-"));
            fs.writeFileSync(path.join(tmp, "base.json"), `{ "compilerOptions": { "noCheck": true, "strict": true } }`);
            fs.writeFileSync(path.join(tmp, "tsconfig.json"), `{\n  // checked by the build\n  "extends": "./base.json",\n  "compilerOptions": { "target": "ES2022", },\n}`);
            fs.writeFileSync(path.join(tmp, "index.ts"), "");
            const project = readProgramProject(path.join(tmp, "index.ts"), tmp, {});
            expect(project.typeCheck).to.deep.equal({ enabled: false, because: "tsconfig.json sets noCheck" });
            expect(project.compilerOptions).to.include({ module: "nodenext", target: "ES2022", strict: true });
            fs.rmSync(tmp, { recursive: true, force: true });
        });

        it("names the resource and the input property that could not be serialized, in one line", async () => {
            const error = await failure(offlineCheck({ program: path.join(FIXTURES, "failing-program", "index.ts"), stack: "unserializable", cwd: ROOT, transpileOnly: true }));
            expect(error.message.split("\n")[0]).to.equal("the program test/fixtures/failing-program/index.ts failed: resource 'reader' [aws:iam/policy:Policy] input property policy: no bucket named 'bucket' (fixture failure)");
        });

        it("folds nested 'error serializing property' prefixes into one property path", () => {
            const nested = 'error serializing property "policy": error serializing property "Statement": error serializing property "0": error serializing property "Resource": boom';
            expect(foldSerializingPrefixes(nested)).to.equal("input property policy.Statement[0].Resource: boom");
            expect(foldSerializingPrefixes(nested, [{ type: "aws:iam/policy:Policy", name: "p", property: "policy" }])).to.equal("resource 'p' [aws:iam/policy:Policy] input property policy.Statement[0].Resource: boom");
            expect(foldSerializingPrefixes("plain")).to.equal("plain");
        });
    });
});
