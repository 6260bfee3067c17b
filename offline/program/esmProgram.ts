// Loading a program that is an ES module (package.json "type": "module") as the language host does:
// `import()` of its entry through module hooks (esmHooks.mjs) that transpile its TypeScript, then its
// default export if it has one, else its named exports.
import Module from "module";
import * as path from "path";
import { pathToFileURL } from "url";
import { MessageChannel, MessagePort } from "worker_threads";
import { ProgramProject } from "./programProject";
import { fallbackNote, packageName } from "./programResolution";

// TypeScript compiles `import()` in a CommonJS file to `require()`; this one stays an ES import.
const dynamicImport = new Function("url", "return import(url)") as (url: string) => Promise<Record<string, unknown>>;

interface HooksChannel {
    port: MessagePort;
    run: number;
    /** The current run's: where a package taken from this project is noted. */
    notes?: Set<string>;
    project?: ProgramProject;
}

let hooks: HooksChannel | undefined;

/** Imports the program's entry afresh (a new run number) with the project's compiler options. */
export async function importEsmProgram(program: string, project: ProgramProject, compilerOptions: Record<string, unknown>, notes: Set<string>): Promise<unknown> {
    const channel = connectHooks();
    const run = ++channel.run;
    channel.notes = notes;
    channel.project = project;
    channel.port.ref(); // until the hooks thread has the options
    await new Promise<void>((resolve) => {
        const ready = (message: { ready?: number }) => {
            if (message.ready !== run) return;
            channel.port.off("message", ready);
            resolve();
        };
        channel.port.on("message", ready);
        channel.port.postMessage({ dir: project.packageDir ?? project.projectDir, options: compilerOptions, run });
    });
    channel.port.unref();
    let exported: unknown = await dynamicImport(`${pathToFileURL(program).href}?offline-run=${run}`);
    const namespace = exported as Record<string, unknown>;
    if (Object.getOwnPropertyDescriptor(namespace, "default") !== undefined) {
        if (Object.keys(namespace).length !== 1) throw new Error("expected entrypoint module to have either a default export or named exports but not both");
        exported = namespace.default;
    }
    return exported;
}

function connectHooks(): HooksChannel {
    if (hooks) return hooks;
    const { port1, port2 } = new MessageChannel();
    const register = (Module as unknown as { register?: (url: string, options: unknown) => void }).register;
    if (!register) throw new Error(`an ES module program needs Node.js 20.6 or later (this is ${process.version})`);
    register(pathToFileURL(path.join(__dirname, "esmHooks.mjs")).href, { data: { port: port2 }, transferList: [port2] });
    const channel: HooksChannel = { port: port1, run: 0 };
    port1.on("message", (message: { fallback?: string }) => {
        if (message.fallback && channel.project) channel.notes?.add(fallbackNote(packageName(message.fallback), channel.project));
    });
    port1.unref();
    hooks = channel;
    return channel;
}
