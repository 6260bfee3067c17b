// Runs a Pulumi program in this process the way the Node.js language host runs it
// (@pulumi/pulumi/cmd/run/run.ts), against mocks instead of an engine: from its project folder, its
// imports resolved from its own project first (programResolution.ts), the mocks and the stack's config
// set on the @pulumi/pulumi it loads, the program module required (or imported, for an ES module)
// inside `runInPulumiStack`, an exported function called and awaited, then every outstanding RPC
// waited for. Uncaught errors and unhandled
// rejections during the run, and errors the program logs, fail the run as they fail the language
// host. `runInStack` is the same run with any function as the stack's body (tests build components
// directly with it).
//
// Preview and update run one after the other in one process: @pulumi/* stays loaded (loading it is
// most of the cost), the program's own modules are dropped from the require cache after each run so
// the next run executes them afresh. Runs must not overlap: the SDK's state is process-global.
import Module from "module";
import * as path from "path";
import * as hostPulumi from "@pulumi/pulumi";
import * as hostLog from "@pulumi/pulumi/log";
import * as hostSettings from "@pulumi/pulumi/runtime/settings";
import { importEsmProgram } from "./esmProgram";
import { provideFsGlob } from "./nodeCompat";
import { programError, ProgramError, UnserializedInput } from "./programErrors";
import { ProgramProject } from "./programProject";
import { foldClosureDependencyWarnings, HOST_ROOT, resolveForProgram } from "./programResolution";
import { foldUndefinedOutputWarnings } from "./undefinedOutputs";
import { Registration, recordRegistrations } from "./registrations";

export { ProgramError } from "./programErrors";
export { HOST_ROOT } from "./programResolution";

// The TypeScript loader (plain JavaScript), loaded before any run: it keeps which options a program's files compile with.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain JavaScript without typings; the cast states its shape
const loader = require("./register") as { registerForPrograms(): void; useProjectOptions(dir: string, options: Record<string, unknown>): void };

/** The @pulumi/pulumi a program runs with: the mocks, config and records go on this instance. */
export interface PulumiSdk {
    pulumi: typeof hostPulumi;
    settings: typeof hostSettings;
    log: typeof hostLog;
    /** The package's folder. */
    root: string;
}

const HOST_SDK: PulumiSdk = { pulumi: hostPulumi, settings: hostSettings, log: hostLog, root: path.dirname(require.resolve("@pulumi/pulumi")) };

export interface StackOptions {
    project: string;
    stack: string;
    /** Full keys to the strings the program reads (see stackConfig.ts). */
    config: Record<string, string>;
    secretKeys?: string[];
    preview: boolean;
    mocks: hostPulumi.runtime.Mocks;
}

export interface ProgramOptions extends StackOptions {
    /** The program: a module file (`.ts` or `.js`) or a folder with an index. */
    program: string;
    /** Its project, as the CLI reads it: the working directory, package, compiler options. */
    programProject: ProgramProject;
    /** Paths in messages are relative to this folder (the user's shell); default the working directory. */
    displayDir?: string;
    /** Pulumi.yaml's template defaults (full keys): offered when the program requires a key that is missing. */
    templateDefaults?: Record<string, string>;
}

export interface StackRunOutcome {
    /** Every registration, in order, with engine-shaped URNs. */
    registrations: Registration[];
    /**
     * What failed, in the order it failed: the body's throw or rejection, uncaught exceptions and
     * unhandled rejections, a failed RPC. One failure often appears more than once (the throw, then
     * the stack's outputs rejecting with it). Empty when the run succeeded.
     */
    failures: unknown[];
    /** Resources whose inputs could not be serialized, with the input that failed (to name them in the error). */
    unserialized: UnserializedInput[];
}

export interface ProgramRun {
    preview: boolean;
    /** Every registration, in order, with engine-shaped URNs. */
    registrations: Registration[];
    /** One line per thing the user should know about how the program ran (packages taken from here). */
    notes: string[];
}

/**
 * Runs the program as the language host does, from its project folder, with its imports resolved
 * from its own project first and the mocks set on the @pulumi/pulumi it loads. Throws ProgramError.
 */
export async function runProgram(options: ProgramOptions): Promise<ProgramRun> {
    const { projectDir } = options.programProject;
    const notes = new Set<string>();
    const stopResolving = resolveForProgram(options.programProject, notes);
    const stopFolding = foldClosureDependencyWarnings(notes);
    const stopFoldingOutputs = foldUndefinedOutputWarnings(notes, options.preview);
    const displayDir = options.displayDir ?? process.cwd();
    const workingDir = process.cwd();
    const loadedBefore = new Set(Object.keys(require.cache));
    let run: StackRunOutcome;
    let program = options.program;
    try {
        process.chdir(projectDir); // as the CLI runs it: relative paths are the project's
        const compilerOptions = useProjectCompilerOptions(options.programProject);
        program = require.resolve(path.resolve(workingDir, options.program));
        delete require.cache[program]; // loaded before (a test imported it): run its top level again
        const sdk = programSdk(program);
        provideFsGlob();
        const esm = options.programProject.esm;
        run = await runInStack(async () => {
            // Loaded as the language host loads it: require, so an `export =` function stays a function.
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const programExport = esm ? await importEsmProgram(program, options.programProject, compilerOptions, notes) : require(program);
            return await (programExport instanceof Function ? programExport() : programExport);
        }, options, sdk);
        if (run.failures.length === 0 && sdk.log.hasErrors()) throw new ProgramError(`the program logged errors (above); pulumi preview would fail the same way`);
    } catch (err) {
        throw err instanceof ProgramError ? err : programError(err, program, 1, displayDir, [], options.templateDefaults);
    } finally {
        process.chdir(workingDir);
        stopResolving();
        stopFolding();
        stopFoldingOutputs();
        forgetProgramModules(loadedBefore);
    }
    // One failure often surfaces several times (the throw, then the stack's outputs rejecting with it).
    const distinct = [...new Map(run.failures.map((f) => [f instanceof Error ? f.message : String(f), f])).values()];
    if (distinct.length > 0) throw programError(distinct[0], program, distinct.length, displayDir, run.unserialized, options.templateDefaults);
    return { preview: options.preview, registrations: run.registrations, notes: [...notes] };
}

/** The @pulumi/pulumi the program itself loads (its own project's, else this one's). */
function programSdk(program: string): PulumiSdk {
    const index = Module.createRequire(program).resolve("@pulumi/pulumi");
    if (index === require.resolve("@pulumi/pulumi")) return HOST_SDK;
    const root = path.dirname(index);
    // The copy of the SDK the program itself loads, found at run time: only require can load it.
    /* eslint-disable @typescript-eslint/no-require-imports */
    return { pulumi: require(index), settings: require(path.join(root, "runtime", "settings")), log: require(path.join(root, "log")), root };
    /* eslint-enable @typescript-eslint/no-require-imports */
}

/** The program's files compile with its project's options (through our loader, even under mocha's ts-node). */
function useProjectCompilerOptions(project: ProgramProject): Record<string, unknown> {
    loader.registerForPrograms();
    // The CLI transpiles a CommonJS package's files to CommonJS (nodenext does), an ES module's to ES modules.
    const forRun: Record<string, unknown> = { ...project.compilerOptions, module: project.esm ? "esnext" : "commonjs" };
    delete forRun.moduleResolution; // nodenext would insist on module nodenext; transpiling needs no resolution
    for (const dir of new Set([project.projectDir, project.packageDir ?? project.projectDir])) loader.useProjectOptions(dir, forRun);
    return forRun;
}

/**
 * Runs `body` as the stack's program under `options.mocks`, recording what the engine would receive.
 * Never throws: what failed comes back in `failures`. Runs must not overlap (the SDK's state is
 * process-global).
 */
export async function runInStack(body: () => unknown, options: StackOptions, sdk: PulumiSdk = HOST_SDK): Promise<StackRunOutcome> {
    const { pulumi, settings } = sdk;
    await pulumi.runtime.setMocks(options.mocks, options.project, options.stack, options.preview);
    const monitor = settings.getMonitor();
    useEngineUrns(monitor as unknown as { newUrn: (parent: string, type: string, name: string) => string }, settings);
    pulumi.runtime.setAllConfig(options.config, options.secretKeys ?? []);
    const registrations = recordRegistrations(monitor);
    const unserialized: UnserializedInput[] = [];
    const failures: unknown[] = [];
    const restore = captureUncaught((err) => failures.push(err));
    // Under the engine, a failed registration ends the program; in-process, whatever waited on it (a
    // stack output built from it) never settles, and Node would exit mid-run with no word. When
    // nothing is left to run (beforeExit), the run is over: report what failed, or that it stalled.
    let onIdle = () => {};
    const stalled = new Promise<"stalled">((resolve) => {
        onIdle = () => resolve("stalled");
        process.once("beforeExit", onIdle);
    });
    let outcome: "done" | "stalled" = "done";
    try {
        const run = pulumi.runtime.runInPulumiStack(async () => {
            watchFailedInputs(sdk, unserialized); // the run's own store, only reachable from inside it
            return (await body()) as Record<string, unknown> | undefined;
        });
        outcome = await Promise.race([run.then(() => "done" as const), stalled]);
        if (outcome === "stalled") {
            await new Promise((resolve) => setImmediate(resolve)); // late rejections first: they say why
            if (failures.length === 0) failures.push(new Error(STALLED));
        }
    } catch (err) {
        failures.push(err);
    } finally {
        process.removeListener("beforeExit", onIdle);
        // Internal to the SDK (not in its typings), but what the language host waits on before exiting.
        // A program's own, older SDK may lack it: then only what runInPulumiStack awaited has settled.
        const { waitForRPCs } = settings as unknown as { waitForRPCs?: () => Promise<void> };
        if (waitForRPCs && outcome === "done") await waitForRPCs().catch((err: unknown) => failures.push(err));
        await new Promise((resolve) => setImmediate(resolve)); // let late rejections be reported
        restore();
    }
    return { registrations, failures, unserialized };
}

const STALLED =
    "the program never finished: values it waits on (stack outputs, resource inputs) never resolved and nothing was left to run; " +
    "pulumi preview would stop at the registration that failed, or report the same wait as leaked promises";

/** What the SDK (3.27x) records of a registration until its inputs are serialized and sent. */
interface PendingRegistration {
    type?: string;
    name?: string;
    phase?: string;
    inputProperty?: string;
}

/**
 * The SDK drops a registration from its pending map when it completes or fails; one dropped while
 * still serializing an input failed on that input.
 */
function watchFailedInputs(sdk: PulumiSdk, failed: UnserializedInput[]): void {
    let pending: Map<unknown, PendingRegistration> | undefined;
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program's own SDK copy, found at run time
        const state = require(path.join(sdk.root, "runtime", "state")) as { getPendingResourceRegistrations?(): Map<unknown, PendingRegistration> };
        pending = state.getPendingResourceRegistrations?.();
    } catch {
        return; // an SDK too old to track them: errors name the property only
    }
    if (!pending) return;
    const map = pending;
    const remove = map.delete.bind(map);
    map.delete = (key: unknown) => {
        const p = map.get(key);
        if (p?.phase === "inputs" && p.type && p.name && p.inputProperty) failed.push({ type: p.type, name: p.name, property: p.inputProperty });
        return remove(key);
    };
}

/**
 * The engine's URN: `urn:pulumi:STACK::PROJECT::QualifiedType::name`, where the qualified type is the
 * parent's qualified type, `$`, and the type, and the root stack's type is left out
 * (resource.NewURN). The mock monitor keeps only the parent's last type, which differs from the
 * engine from the third level of nesting on, and keeps `pulumi:pulumi:Stack$` in front of every
 * top-level resource.
 */
export function engineUrn(stack: string, project: string, parent: string | undefined, type: string, name: string): string {
    const parentType = parent ? parent.split("::")[2] : "";
    const qualified = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

function useEngineUrns(monitor: { newUrn: (parent: string, type: string, name: string) => string }, settings: PulumiSdk["settings"]): void {
    monitor.newUrn = (parent, type, name) => engineUrn(settings.getStack(), settings.getProject(), parent || undefined, type, name);
}

/** Routes uncaught exceptions and unhandled rejections to `onError` until the returned function runs. */
function captureUncaught(onError: (err: unknown) => void): () => void {
    const events = ["uncaughtException", "unhandledRejection"] as const;
    const saved = events.map((event) => process.listeners(event as "uncaughtException"));
    for (const event of events) {
        process.removeAllListeners(event);
        process.on(event as "uncaughtException", onError);
    }
    return () =>
        events.forEach((event, i) => {
            process.removeAllListeners(event);
            for (const listener of saved[i]) process.on(event as "uncaughtException", listener);
        });
}

/** The offline check's own code and the pack: loaded once, kept when a run's modules are dropped. */
const CHECK_CODE = [path.join(HOST_ROOT, "offline") + path.sep, path.join(HOST_ROOT, "policy-pack") + path.sep];

/** Drops the modules the run loaded, except packages and the check's own, so the next run executes the program afresh. */
function forgetProgramModules(loadedBefore: Set<string>): void {
    for (const file of Object.keys(require.cache)) {
        if (loadedBefore.has(file) || file.includes(`${path.sep}node_modules${path.sep}`) || CHECK_CODE.some((dir) => file.startsWith(dir))) continue;
        delete require.cache[file];
    }
}
