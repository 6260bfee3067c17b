// The offline check as one call: find the program and its project, read the stack's config as the
// CLI does, type-check and run the program as the CLI would (from its project folder, with its own
// packages) under the mocks in preview and/or update, and drive the policy pack over what it
// registered. cli.ts adds arguments, rendering and exit codes; tests call this directly.
import * as fs from "fs";
import * as path from "path";
import { PolicyAnalyzer } from "./engine/analyzer";
import { awsMocks, fakeAccount } from "./aws/awsMocks";
import { providerDefaultRegion } from "./aws/sharedConfigRegion";
import { checkStack, Mode, NotRun, Remediated, Violation } from "./engine/check";
import { engineView } from "./engine/engineView";
import { migrateRenamedPolicies, PolicyPackConfigFile } from "./engine/policyConfig";
import { programMocks, StackOutputs, unmodelledProviderNotes } from "./program/programMocks";
import { ProgramProject, readProgramProject } from "./program/programProject";
import { runProgram } from "./program/runProgram";
import { findProjectDir, loadStackConfig, StackConfigError } from "./program/stackConfig";
import { checkTypes } from "./program/typeCheck";
import { packArgs, packName } from "../policy-pack/policies";
import { renamedPolicies } from "../policy-pack/policies/renamedPolicies";
import { version as packVersion } from "../policy-pack/package.json";

export interface OfflineCheckOptions {
    /** The program; default: the project's (Pulumi.yaml `main`, else package.json `main`). */
    program?: string;
    /** Default `dev`. */
    stack?: string;
    /**
     * The user's folder: `program` is relative to it, and the project is looked for there when no
     * program is given; default the working directory.
     */
    cwd?: string;
    /** `--config key=value`: plaintext values over the stack file's (a stand-in for a `secure:` one). */
    config?: Record<string, string>;
    /** `--stack-outputs FILE`: what StackReferences read, keyed by stack name. */
    stackOutputs?: StackOutputs;
    /** `--transpile-only`: skip the type check `pulumi preview` would do. */
    transpileOnly?: boolean;
    /** Called with each warning as soon as it is known (before the program runs, for config). */
    onWarning?: (warning: string) => void;
    /**
     * Parsed `--policy-config` file. Default: the project's `policy-pack/config/STACK.json` when it
     * exists (this project keeps one per stack), else the pack's defaults.
     */
    policyConfig?: PolicyPackConfigFile;
    /** Default both, preview first (as `pulumi up` previews before it updates). */
    modes?: Mode[];
}

export interface ReportResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    dependencies: string[];
    protect: boolean;
    /** The inputs as the pack saw them (wire form: unknowns are the sentinel string). */
    props: Record<string, unknown>;
}

export interface RunReport {
    mode: Mode;
    resources: ReportResource[];
    violations: Violation[];
    notRun: NotRun[];
    remediated: Remediated[];
}

export interface OfflineReport {
    program: string;
    stack: string;
    project: string;
    /** The policy config file applied, when one was read by default. */
    policyConfigFile?: string;
    warnings: string[];
    runs: RunReport[];
}

export function policyAnalyzer(): PolicyAnalyzer {
    return PolicyAnalyzer.serve(packName, packVersion, packArgs);
}

/** `--program` names no file or folder there is. */
export class ProgramPathError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ProgramPathError";
    }
}

/** Throws StackConfigError (bad project/stack config), PolicyConfigError, ProgramPathError or ProgramError. */
export async function offlineCheck(options: OfflineCheckOptions = {}): Promise<OfflineReport> {
    const cwd = options.cwd ?? process.cwd();
    const stackName = options.stack ?? "dev";
    const warnings: string[] = [];
    const warn = (warning: string) => {
        if (warnings.includes(warning)) return;
        warnings.push(warning);
        options.onWarning?.(warning);
    };
    const { projectDir, entry } = locateProgram(options.program, cwd);
    const stack = loadStackConfig(projectDir, stackName, options.config);
    stack.warnings.forEach(warn);
    const fallback = stack.config["aws:region"] ? undefined : providerDefaultRegion(stack.config);
    const region = stack.config["aws:region"] ?? fallback?.region;
    if (fallback) warn(`aws:region is not set: the AWS provider takes ${fallback.region} from ${fallback.source}, as it would under pulumi preview on this machine`);
    if (!region) {
        const suggested = stack.templateDefaults["aws:region"];
        throw new StackConfigError([
            `aws:region is not set: the AWS provider needs a region. Pass --config aws:region=${suggested ?? "us-east-1"} to this check` +
                (suggested ? ` (the default Pulumi.yaml's template offers; the CLI does not apply template defaults to a stack)` : "") +
                `, or set it for the stack (pulumi config set aws:region ${suggested ?? "us-east-1"} --stack ${stackName}), or set AWS_REGION or a region in ~/.aws/config`,
        ]);
    }
    const account = fakeAccount(region);
    if (!entry && stack.main && !fs.existsSync(stack.main)) {
        throw new StackConfigError([`Pulumi.yaml sets main: ${path.relative(projectDir, stack.main)}, which does not exist in ${projectDir} (it names the program's folder or file, relative to Pulumi.yaml)`]);
    }
    const program = entryFile(entry ?? stack.main ?? packageMain(projectDir) ?? projectDir);
    let programProject: ProgramProject;
    try {
        programProject = readProgramProject(program, projectDir, stack.runtimeOptions, options.transpileOnly);
    } catch (e) {
        throw new StackConfigError([(e as Error).message]);
    }
    if (programProject.typeCheck.enabled && /\.[cm]?ts$/.test(program)) checkTypes(program, programProject, cwd, warn);

    const defaultConfigFile = path.join(projectDir, "policy-pack", "config", `${stackName.split("/").pop()}.json`);
    let policyConfig = options.policyConfig;
    let policyConfigFile: string | undefined;
    if (!policyConfig && fs.existsSync(defaultConfigFile)) {
        policyConfigFile = path.relative(cwd, defaultConfigFile);
        try {
            policyConfig = JSON.parse(fs.readFileSync(defaultConfigFile, "utf8")) as PolicyPackConfigFile;
        } catch (e) {
            throw new StackConfigError([`${policyConfigFile}: not valid JSON (${(e as Error).message})`]);
        }
    }
    const { config: packConfig, warnings: configWarnings } = migrateRenamedPolicies(policyConfig ?? {}, renamedPolicies);
    configWarnings.forEach(warn);
    const analyzer = policyAnalyzer();
    analyzer.configure(packConfig);
    const runs: RunReport[] = [];
    for (const mode of options.modes ?? ["preview", "update"]) {
        const preview = mode === "preview";
        const mocks = programMocks(awsMocks(account, preview, stack.config), options.stackOutputs);
        const run = await runProgram({ program, programProject, displayDir: cwd, project: stack.project, stack: stackName, config: stack.config, secretKeys: stack.secretKeys, preview, mocks, templateDefaults: stack.templateDefaults });
        [...run.notes, ...unmodelledProviderNotes(run.registrations)].forEach(warn);
        const view = engineView(run.registrations, { stack: stackName, project: stack.project, config: stack.config });
        const result = await checkStack(analyzer, view, { project: stack.project, stack: stackName, mode, stackTags: stack.tags });
        runs.push({
            mode,
            resources: view.map((r) => ({
                urn: r.urn,
                type: r.type,
                name: r.name,
                ...(r.parent ? { parent: r.parent } : {}),
                dependencies: r.dependencies,
                protect: r.protect,
                props: result.analyzedInputs.get(r.urn) ?? r.inputs,
            })),
            violations: result.violations,
            notRun: result.notRun,
            remediated: result.remediated,
        });
    }
    return {
        program: path.relative(cwd, program) || program,
        stack: stackName,
        project: stack.project,
        ...(policyConfigFile ? { policyConfigFile } : {}),
        warnings,
        runs,
    };
}

/**
 * The project (the folder with Pulumi.yaml at or above the program, else at or above `cwd`) and the
 * entry `--program` names: the project folder, or Pulumi.yaml itself, names the project (as
 * `pulumi -C DIR` takes it), whose entry is its `main`; a file or a folder below it is the entry.
 */
function locateProgram(program: string | undefined, cwd: string): { projectDir: string; entry?: string } {
    const given = program ? path.resolve(cwd, program) : undefined;
    if (given && !fs.existsSync(given)) throw new ProgramPathError(`${program}: no such file or folder (looked for ${given})`);
    const folder = given && (fs.statSync(given).isDirectory() ? given : /^Pulumi\.ya?ml$/.test(path.basename(given)) ? path.dirname(given) : undefined);
    const searchFrom = folder ?? (given ? path.dirname(given) : cwd);
    const projectDir = findProjectDir(searchFrom);
    if (!projectDir) throw new StackConfigError([`no Pulumi.yaml at or above ${searchFrom}: the stack's config lives beside the project's Pulumi.yaml`]);
    // A folder below the project's is the program's own (src/ with an index.ts).
    const entry = folder === undefined ? given : folder !== projectDir ? folder : undefined;
    return { projectDir, entry };
}

/** A folder's entry module, as Node finds it: package.json `main`, else index.ts or index.js. */
function entryFile(program: string): string {
    if (!fs.statSync(program).isDirectory()) return program;
    const main = packageMain(program);
    if (main) return entryFile(main);
    const index = ["index.ts", "index.js", "index.mts", "index.mjs", "index.cts", "index.cjs"].map((f) => path.join(program, f)).find((f) => fs.existsSync(f));
    return index ?? program;
}

/**
 * package.json `main` as Node resolves it: the file, the file with an extension the loader knows
 * (`"main": "index"`, or `"index.js"` beside only an index.ts), or a folder; undefined when none exists.
 */
function packageMain(dir: string): string | undefined {
    let main: unknown;
    try {
        main = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).main;
    } catch {
        return undefined;
    }
    if (typeof main !== "string") return undefined;
    const file = path.join(dir, main);
    const stem = file.replace(/\.[cm]?js$/, "");
    return [file, ...[".ts", ".js", ".mts", ".cts", ".mjs", ".cjs"].map((ext) => stem + ext)].find((f) => fs.existsSync(f));
}
