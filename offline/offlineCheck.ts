// The offline check as one call: find the program and its project, read the stack's config as the
// CLI does, run the program under the AWS mocks in preview and/or update, and drive the policy pack
// over what it registered. cli.ts adds arguments, rendering and exit codes; tests call this directly.
import * as fs from "fs";
import * as path from "path";
import { PolicyAnalyzer } from "./engine/analyzer";
import { awsMocks, fakeAccount } from "./aws/awsMocks";
import { checkStack, Mode, NotRun, Remediated, Violation } from "./engine/check";
import { engineView } from "./engine/engineView";
import { PolicyPackConfigFile } from "./engine/policyConfig";
import { runProgram } from "./program/runProgram";
import { findProjectDir, loadStackConfig, StackConfigError } from "./program/stackConfig";
import { packArgs, packName } from "../policy-pack/policies";
import { version as packVersion } from "../policy-pack/package.json";

export interface OfflineCheckOptions {
    /** The program; default: the project's (Pulumi.yaml `main`, else package.json `main`). */
    program?: string;
    /** Default `dev`. */
    stack?: string;
    /** Where the project is looked for when no program is given; default the working directory. */
    cwd?: string;
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

/** Throws StackConfigError (bad project/stack config), PolicyConfigError, or ProgramError. */
export async function offlineCheck(options: OfflineCheckOptions = {}): Promise<OfflineReport> {
    const cwd = options.cwd ?? process.cwd();
    const stackName = options.stack ?? "dev";
    const explicit = options.program ? path.resolve(cwd, options.program) : undefined;
    if (explicit && !fs.existsSync(explicit)) throw new StackConfigError([`--program ${options.program}: no such file`]);
    const projectDir = findProjectDir(explicit ? path.dirname(explicit) : cwd);
    if (!projectDir) {
        throw new StackConfigError([`no Pulumi.yaml at or above ${explicit ? path.dirname(explicit) : cwd}: the stack's config lives beside the project's Pulumi.yaml`]);
    }
    const stack = loadStackConfig(projectDir, stackName);
    const program = explicit ?? stack.main ?? packageMain(projectDir) ?? projectDir;
    const region = stack.config["aws:region"] ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    if (!region) throw new StackConfigError([`aws:region is not set: the AWS provider needs a region (pulumi config set aws:region us-east-1 --stack ${stackName})`]);
    const account = fakeAccount(region);

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
    const analyzer = policyAnalyzer();
    analyzer.configure(policyConfig ?? {});
    const runs: RunReport[] = [];
    for (const mode of options.modes ?? ["preview", "update"]) {
        const preview = mode === "preview";
        const run = await runProgram({ program, project: stack.project, stack: stackName, config: stack.config, secretKeys: stack.secretKeys, preview, mocks: awsMocks(account, preview) });
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
        warnings: stack.warnings,
        runs,
    };
}

function packageMain(dir: string): string | undefined {
    try {
        const main = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).main;
        return typeof main === "string" && fs.existsSync(path.join(dir, main)) ? path.join(dir, main) : undefined;
    } catch {
        return undefined;
    }
}
