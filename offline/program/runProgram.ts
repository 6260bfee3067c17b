// Runs a Pulumi program in this process the way the Node.js language host runs it
// (@pulumi/pulumi/cmd/run/run.ts), against mocks instead of an engine: the stack's config set as the
// CLI hands it over, the program module required inside `runInPulumiStack`, an exported function
// called and awaited, then every outstanding RPC waited for. Uncaught errors and unhandled
// rejections during the run, and errors the program logs, fail the run as they fail the language
// host. `runInStack` is the same run with any function as the stack's body (tests build components
// directly with it).
//
// Preview and update run one after the other in one process: @pulumi/* stays loaded (loading it is
// most of the cost), the program's own modules are dropped from the require cache after each run so
// the next run executes them afresh. Runs must not overlap: the SDK's state is process-global.
import Module = require("module");
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as log from "@pulumi/pulumi/log";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { Registration, recordRegistrations } from "./registrations";

export interface StackOptions {
    project: string;
    stack: string;
    /** Full keys to the strings the program reads (see stackConfig.ts). */
    config: Record<string, string>;
    secretKeys?: string[];
    preview: boolean;
    mocks: pulumi.runtime.Mocks;
}

export interface ProgramOptions extends StackOptions {
    /** The program: a module file (`.ts` or `.js`) or a folder with an index. */
    program: string;
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
}

export interface ProgramRun {
    preview: boolean;
    /** Every registration, in order, with engine-shaped URNs. */
    registrations: Registration[];
}

/** The program failed as `pulumi preview` would report it: threw, rejected, or logged an error. */
export class ProgramError extends Error {
    constructor(message: string, readonly cause?: unknown) {
        super(message);
        this.name = "ProgramError";
    }
}

/** This project's root: `@pulumi/*` (and, failing all else, any package) resolve from here. */
export const HOST_ROOT = path.resolve(__dirname, "../..");

export async function runProgram(options: ProgramOptions): Promise<ProgramRun> {
    installResolveFallback();
    const program = require.resolve(path.resolve(options.program));
    delete require.cache[program]; // loaded before (a test imported it): run its top level again
    const loadedBefore = new Set(Object.keys(require.cache));
    let run: StackRunOutcome;
    try {
        run = await runInStack(async () => {
            const programExport = require(program);
            return await (programExport instanceof Function ? programExport() : programExport);
        }, options);
    } finally {
        forgetProgramModules(loadedBefore);
    }
    // One failure often surfaces several times (the throw, then the stack's outputs rejecting with it).
    const distinct = [...new Map(run.failures.map((f) => [f instanceof Error ? f.message : String(f), f])).values()];
    if (distinct.length > 0) throw programError(distinct[0], program, distinct.length);
    if (log.hasErrors()) throw new ProgramError(`the program logged errors (above); pulumi preview would fail the same way`);
    return { preview: options.preview, registrations: run.registrations };
}

/**
 * Runs `body` as the stack's program under `options.mocks`, recording what the engine would receive.
 * Never throws: what failed comes back in `failures`. Runs must not overlap (the SDK's state is
 * process-global).
 */
export async function runInStack(body: () => unknown, options: StackOptions): Promise<StackRunOutcome> {
    await pulumi.runtime.setMocks(options.mocks, options.project, options.stack, options.preview);
    useEngineUrns(settings.getMonitor() as unknown as { newUrn: (parent: string, type: string, name: string) => string });
    pulumi.runtime.setAllConfig(options.config, options.secretKeys ?? []);
    const registrations = recordRegistrations();
    const failures: unknown[] = [];
    const restore = captureUncaught((err) => failures.push(err));
    try {
        await pulumi.runtime.runInPulumiStack(async () => (await body()) as Record<string, unknown> | undefined);
    } catch (err) {
        failures.push(err);
    } finally {
        // Internal to the SDK (not in its typings), but what the language host waits on before exiting.
        await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs().catch((err: unknown) => failures.push(err));
        await new Promise((resolve) => setImmediate(resolve)); // let late rejections be reported
        restore();
    }
    return { registrations, failures };
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

function useEngineUrns(monitor: { newUrn: (parent: string, type: string, name: string) => string }): void {
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

/** Drops the modules the run loaded, except packages, so the next run executes the program afresh. */
function forgetProgramModules(loadedBefore: Set<string>): void {
    for (const file of Object.keys(require.cache)) {
        if (!loadedBefore.has(file) && !file.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[file];
    }
}

function programError(err: unknown, program: string, count: number): ProgramError {
    const error = err instanceof Error ? err : new Error(String(err));
    const isPulumiError = pulumi.RunError.isInstance(error) || pulumi.ResourceError.isInstance(error);
    // Frames in the program's own files say where to look; the SDK's do not.
    const frames = (error.stack ?? "")
        .split("\n")
        .filter((line) => /^\s+at /.test(line) && !line.includes("node_modules") && !line.includes(`${path.sep}offline${path.sep}`) && !line.includes("node:internal") && line.includes(path.sep))
        .slice(0, 4);
    const where = isPulumiError || frames.length === 0 ? "" : `\n${frames.map(toSourceLines).join("\n")}`;
    const more = count > 1 ? `\n(${count - 1} further error${count === 2 ? "" : "s"} after this one)` : "";
    return new ProgramError(`the program ${path.relative(process.cwd(), program) || program} failed: ${error.message}${where}${more}`, err);
}

/** A stack frame in a file offline/program/register.js compiled, pointed back at the TypeScript line. */
function toSourceLines(frame: string): string {
    const { originalPosition } = require("./register") as { originalPosition(file: string, line: number, column: number): { line: number; column: number } | undefined };
    return frame.replace(/([^\s(]+\.ts):(\d+):(\d+)/, (all, file: string, line: string, column: string) => {
        const original = originalPosition(file, Number(line), Number(column));
        return original ? `${file}:${original.line}:${original.column}` : all;
    });
}

let resolveFallbackInstalled = false;

/**
 * Lets a program outside this project (`--program FILE`) import what this project installed:
 * `@pulumi/*` always resolves from here first, so the program and the mocks share one SDK; any other
 * package resolves normally, then from here.
 */
function installResolveFallback(): void {
    if (resolveFallbackInstalled) return;
    resolveFallbackInstalled = true;
    const M = Module as unknown as { _resolveFilename: (request: string, parent: unknown, isMain: boolean, options?: unknown) => string };
    const original = M._resolveFilename;
    const hostPaths = { paths: [HOST_ROOT] };
    M._resolveFilename = function (request, parent, isMain, options) {
        const bare = !request.startsWith(".") && !path.isAbsolute(request) && !request.startsWith("node:");
        if (bare && request.startsWith("@pulumi/")) {
            try {
                return original.call(this, request, parent, isMain, hostPaths);
            } catch {
                // not installed here: resolve it the program's way
            }
        }
        try {
            return original.call(this, request, parent, isMain, options);
        } catch (err) {
            if (!bare || (err as { code?: string }).code !== "MODULE_NOT_FOUND") throw err;
            return original.call(this, request, parent, isMain, hostPaths);
        }
    };
}
