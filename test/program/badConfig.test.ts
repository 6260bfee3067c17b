// Every bad value of every config key (infra/config/configCases.ts), set in a stack file as a user would, and
// checked with the offline check's command line, in process (one SDK load for all of them): exit 2,
// the key named, the rule stated, no stack trace, and nothing registered.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { CONFIG_CASES, StackFileValue, WRONG_TYPE } from "../../infra/config/configCases";
import { CONFIG_KEYS, ConfigKey, ConfigKeySpec, fullConfigKey } from "../../infra/config/configKeys";
import { main } from "../../offline/cli";
import { loadStackConfig, StackConfigError } from "../../offline/program/stackConfig";
import { REPO_ROOT, runInMockStack } from "../support/mockStack";

/** The dev stack's required values; each case overrides one key. */
const BASE = { "aws:region": "us-east-1", "secure-packages:domainName": "nextwork", "secure-packages:repositoryName": "nextwork-packages" };
const STACK_TRACE = /^\s+at .+[:(]/m;

interface CheckOutput {
    code: number;
    /** Everything written: the check's report and errors, and whatever the program or the SDK printed. */
    output: string;
}

/** `npm start -- ARGS` in this process: its exit code, and all it and the program wrote. */
async function npmStart(args: string[]): Promise<CheckOutput> {
    let output = "";
    const collect = (chunk: unknown) => {
        output += String(chunk);
        return true;
    };
    const [stdout, stderr] = [process.stdout.write, process.stderr.write];
    process.stdout.write = collect as typeof process.stdout.write;
    process.stderr.write = collect as typeof process.stderr.write;
    try {
        const code = await main(args, collect, collect);
        return { code, output };
    } finally {
        [process.stdout.write, process.stderr.write] = [stdout, stderr];
    }
}

/** The declared type, as the CLI names it in its error ("array<string>"). */
function declaredType(key: ConfigKey): string {
    const { type } = CONFIG_KEYS[key] as ConfigKeySpec;
    return type === "array" ? "array<string>" : type;
}

describe("every bad config value, through the offline check (infra/config/configCases.ts)", function () {
    this.timeout(120000);
    // A scratch project: this project's Pulumi.yaml, a program that is this project's index.ts, and
    // one stack file per case.
    let project: string;
    let program: string;
    const stackFile = (stack: string, key: string, value: StackFileValue) =>
        fs.writeFileSync(path.join(project, `Pulumi.${stack}.yaml`), YAML.stringify({ config: { ...BASE, [key]: value } }));

    before(() => {
        project = fs.mkdtempSync(path.join(os.tmpdir(), "bad-config-"));
        fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
        program = path.join(project, "index.js");
        fs.writeFileSync(program, `module.exports = require(${JSON.stringify(path.join(REPO_ROOT, "index.ts"))});\n`);
    });
    after(() => fs.rmSync(project, { recursive: true, force: true }));

    it("has bad values for every key Pulumi.yaml declares", () => {
        const declared = Object.keys(YAML.parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")).config);
        for (const key of declared) {
            expect(CONFIG_CASES[key as ConfigKey]?.bad ?? [], `bad values for ${key} in infra/config/configCases.ts`).to.have.length.greaterThan(0);
        }
    });

    for (const [key, cases] of Object.entries(CONFIG_CASES) as Array<[ConfigKey, (typeof CONFIG_CASES)[ConfigKey]]>) {
        cases.bad.forEach(([value, rule], index) => {
            it(`${key}: ${JSON.stringify(value).slice(0, 50)} - ${rule === WRONG_TYPE ? `not of type ${declaredType(key)}` : rule.source}`, async () => {
                const stack = `bad-${key}-${index}`;
                stackFile(stack, fullConfigKey(key), value);
                const { code, output } = await npmStart(["--program", program, "--stack", stack, "--mode", "preview"]);
                expect(code, output).to.equal(2);
                expect(output).to.include(fullConfigKey(key));
                expect(output).to.match(rule === WRONG_TYPE ? new RegExp(`must be of type '${declaredType(key)}'`) : rule);
                expect(output, "a stack trace").not.to.match(STACK_TRACE);

                // Nothing registered: the CLI stopped it before the program ran, or the program
                // registered nothing but the stack itself.
                let config: Record<string, string>;
                try {
                    config = loadStackConfig(project, stack).config;
                } catch (e) {
                    expect(e).to.be.instanceOf(StackConfigError);
                    expect(output).to.match(/^error: bad stack configuration: /m);
                    return;
                }
                const { default: stackProgram } = await import(program);
                const run = await runInMockStack(stackProgram, { config });
                expect(run.error, "the program ran to the end").not.to.equal(undefined);
                expect(run.registrations.map((r) => r.type)).to.deep.equal(["pulumi:pulumi:Stack"]);
                expect(run.invokes).to.deep.equal([]);
            });
        });
    }

    it("a key the project does not declare: exit 2, naming it and the key meant", async () => {
        stackFile("misspelt", "secure-packages:domianName", "nextwork");
        const { code, output } = await npmStart(["--program", program, "--stack", "misspelt"]);
        expect(code).to.equal(2);
        expect(output).to.include(
            "error: bad stack configuration: Stack 'misspelt' uses configuration value 'secure-packages:domianName' which is not defined by the project configuration; did you mean 'secure-packages:domainName'?",
        );
    });

    it("a key of another namespace (aws-native:) is left to its provider", async () => {
        stackFile("other-namespace", "aws-native:region", "us-east-1");
        const { code, output } = await npmStart(["--program", program, "--stack", "other-namespace", "--mode", "preview"]);
        expect(code, output).to.equal(0);
    });
});
