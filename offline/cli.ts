// `npm start`: check a stack offline, as `pulumi preview --policy-pack` (and then `pulumi up`) would.
// Exit codes: 0 no run has a mandatory violation; 1 some run has; 2 bad arguments, bad stack or
// policy config, or a program that fails - with a message on stderr that says what to fix.
import * as fs from "fs";
import * as path from "path";
import { ALL_STACKS, checkEveryStack, stackNames } from "./allStacks";
import type { Mode } from "./engine/check";
import type { OfflineCheckOptions } from "./offlineCheck";

const USAGE = `usage: npm start -- [--stack NAME] [--program FILE] [--policy-config FILE] [--mode preview|update|both]
                    [--config KEY=VALUE]... [--stack-outputs FILE] [--transpile-only] [--json]
  --stack NAME          the stack whose Pulumi.NAME.yaml config to use (default: dev); \`all\` checks every
                        Pulumi.*.yaml of the project, one after the other (exit code: the worst; with
                        --json, one JSON array of the stacks' reports)
  --program FILE        any Pulumi TypeScript program, or its project folder (default: this project's); it runs
                        from its project folder (where Pulumi.yaml is) with its own node_modules, as pulumi runs it
  --policy-config FILE  a policy pack config file, as pulumi preview --policy-pack-config takes it
  --mode MODE           preview (unknown values as in pulumi preview), update (known values), or both (default)
  --config KEY=VALUE    a plaintext config value over the stack file's, e.g. a stand-in for a secure: one (repeatable)
  --stack-outputs FILE  JSON keyed by stack name with the outputs StackReferences read: {"org/proj/prod": {"vpcId": "vpc-1"}}
  --transpile-only      skip the type check pulumi preview does (as PULUMI_NODEJS_TRANSPILE_ONLY=true)
  --json                print one JSON object on stdout instead of the report
Paths are relative to the folder you ran npm start in.`;

export interface CliArgs extends OfflineCheckOptions {
    json: boolean;
}

export class UsageError extends Error {}

/**
 * The folder the user typed the command in: npm runs scripts from the package root and says where the
 * user was in INIT_CWD; run directly (node offline/start.js), the working directory.
 */
export function shellDir(env: NodeJS.ProcessEnv = process.env): string {
    return env.npm_lifecycle_event && env.INIT_CWD ? env.INIT_CWD : process.cwd();
}

export function parseArgs(argv: readonly string[], cwd: string = shellDir()): CliArgs {
    const args: CliArgs = { json: false, cwd };
    const readJson = (flag: string, file: string): unknown => {
        let text: string;
        try {
            text = fs.readFileSync(path.resolve(cwd, file), "utf8");
        } catch {
            throw new UsageError(`${flag} ${file}: cannot read the file (looked for ${path.resolve(cwd, file)})`);
        }
        try {
            return JSON.parse(text);
        } catch (e) {
            throw new UsageError(`${flag} ${file}: not valid JSON (${(e as Error).message})`);
        }
    };
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].startsWith("--") && argv[i].includes("=") ? [argv[i].slice(0, argv[i].indexOf("=")), argv[i].slice(argv[i].indexOf("=") + 1)] : [argv[i], undefined];
        const value = () => {
            const v = inline ?? argv[++i];
            if (v === undefined || v === "" || (inline === undefined && v.startsWith("--"))) throw new UsageError(`${flag} needs a value`);
            return v;
        };
        switch (flag) {
            case "--json":
                args.json = true;
                break;
            case "--stack":
                args.stack = value();
                if (!/^[A-Za-z0-9_.\-/]+$/.test(args.stack)) throw new UsageError(`--stack ${args.stack}: a stack name has only letters, digits, '-', '_', '.' (and '/' for org/project/stack)`);
                break;
            case "--program":
                args.program = value();
                break;
            case "--policy-config":
                args.policyConfig = readJson(flag, value()) as CliArgs["policyConfig"];
                break;
            case "--stack-outputs": {
                const file = value();
                const outputs = readJson(flag, file);
                const isMap = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);
                const bad = isMap(outputs) ? Object.entries(outputs as object).find(([, v]) => !isMap(v)) : undefined;
                if (!isMap(outputs) || bad) {
                    throw new UsageError(`--stack-outputs ${file}: expected {"<stack name>": {"<output>": <value>, ...}, ...}${bad ? `; "${bad[0]}" is not an object` : ""}`);
                }
                args.stackOutputs = outputs as CliArgs["stackOutputs"];
                break;
            }
            case "--config": {
                const setting = value();
                const eq = setting.indexOf("=");
                if (eq <= 0) throw new UsageError(`--config ${setting}: expected KEY=VALUE (KEY as in pulumi config set, e.g. dbPassword or aws:region)`);
                args.config = { ...args.config, [setting.slice(0, eq)]: setting.slice(eq + 1) };
                break;
            }
            case "--transpile-only":
                args.transpileOnly = true;
                break;
            case "--mode": {
                const mode = value();
                const modes: Record<string, Mode[]> = { preview: ["preview"], update: ["update"], both: ["preview", "update"] };
                if (!modes[mode]) throw new UsageError(`--mode ${mode}: must be preview, update or both`);
                args.modes = modes[mode];
                break;
            }
            default:
                throw new UsageError(`unknown argument ${argv[i]}`);
        }
    }
    return args;
}

/** Runs the check; returns the exit code. Output goes to the given writers (stdout, stderr). */
export async function main(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
    let args: CliArgs;
    try {
        if (argv.includes("--help") || argv.includes("-h")) {
            out(`${USAGE}\n`);
            return 0;
        }
        args = parseArgs(argv);
    } catch (e) {
        err(`error: ${(e as Error).message}\n${USAGE}\n`);
        return 2;
    }
    if (args.stack === ALL_STACKS) {
        const { findProjectDir } = await import("./program/stackConfig");
        const cwd = args.cwd ?? process.cwd();
        const program = args.program ? path.resolve(cwd, args.program) : undefined;
        const projectDir = findProjectDir(program ? (fs.statSync(program, { throwIfNoEntry: false })?.isDirectory() ? program : path.dirname(program)) : cwd);
        const stacks = projectDir ? stackNames(projectDir) : [];
        if (stacks.length === 0) {
            err(`error: --stack all: no Pulumi.*.yaml stack files ${projectDir ? `in ${projectDir}` : `(no Pulumi.yaml at or above ${cwd})`}\n`);
            return 2;
        }
        if (!args.json) return checkEveryStack(stacks, (stack) => checkStack({ ...args, stack }, out, err), out);
        // --json: one JSON document on stdout still, an array of the stacks' reports.
        const reports: string[] = [];
        const code = await checkEveryStack(stacks, (stack) => checkStack({ ...args, stack }, (s) => reports.push(s.trim()), err), () => undefined);
        out(`[${reports.join(",\n")}]\n`);
        return code;
    }
    return checkStack(args, out, err);
}

/** Checks one stack and prints its report; returns the exit code. */
async function checkStack(args: CliArgs, out: (s: string) => void, err: (s: string) => void): Promise<number> {
    // Loaded only now, so that a usage error costs no SDK load.
    const { offlineCheck, ProgramPathError } = await import("./offlineCheck");
    const { PolicyConfigError } = await import("./engine/policyConfig");
    const { hasMandatoryViolation, humanReport, jsonReport } = await import("./render");
    const { ProgramError } = await import("./program/runProgram");
    const { StackConfigError } = await import("./program/stackConfig");
    try {
        // Warnings print as they come, so that one about config (a secret the program sees as a
        // placeholder) is on the screen before the program's error it may explain.
        const report = await offlineCheck({ ...args, onWarning: (warning) => err(`warning: ${warning}\n`) });
        out(`${args.json ? jsonReport(report) : humanReport(report)}\n`);
        return report.runs.some(hasMandatoryViolation) ? 1 : 0;
    } catch (e) {
        if (e instanceof StackConfigError) err(`error: bad stack configuration: ${e.message}\n`);
        else if (e instanceof PolicyConfigError) err(`error: bad --policy-config: ${e.message}\n`);
        else if (e instanceof ProgramPathError) err(`error: bad --program: ${e.message}\n`);
        else if (e instanceof ProgramError) err(`error: ${e.message}\n`);
        else err(`error: the offline check itself failed (a bug, please report it): ${(e as Error)?.stack ?? e}\n`);
        return 2;
    }
}

/** The process around main(): real streams, the exit code. */
export function runCli(argv: readonly string[] = process.argv.slice(2)): void {
    const stdout = process.stdout.write.bind(process.stdout);
    const stderr = process.stderr.write.bind(process.stderr);
    // Only the report goes to stdout: what the program or the SDK prints goes to stderr, so that
    // `--json` output is exactly one JSON document.
    process.stdout.write = ((...args: Parameters<typeof process.stderr.write>) => stderr(...args)) as typeof process.stdout.write;
    main(argv, (s) => stdout(s), (s) => stderr(s)).then(
        (code) => {
            process.exitCode = code;
        },
        (e) => {
            stderr(`error: ${e?.stack ?? e}\n`);
            process.exitCode = 2;
        },
    );
}

if (require.main === module) runCli();
