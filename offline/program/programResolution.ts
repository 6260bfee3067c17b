// Where a program's imports come from: its own project first, as under the Pulumi CLI (Node resolves
// them from the program's folder up, so its node_modules and its own pinned @pulumi/aws win). A
// package the program's project has not installed falls back to this project's copy, with a note
// saying so (the program still runs, against a version it may not have asked for); a package neither
// has is a MissingPackageError that says which package and where to run `npm install`.
import Module from "module";
import * as fs from "fs";
import * as path from "path";
import { ProgramProject } from "./programProject";

/** This project's root: the fallback for packages a program's project has not installed. */
export const HOST_ROOT = path.resolve(__dirname, "../..");

/** A package the program imports is installed neither in its project nor here. */
export class MissingPackageError extends Error {
    readonly code = "MODULE_NOT_FOUND";
    constructor(message: string) {
        super(message);
        this.name = "MissingPackageError";
    }
}

type ResolveFilename = (request: string, parent: { filename?: string | null } | undefined, isMain: boolean, options?: unknown) => string;

let current: { project: ProgramProject; notes: Set<string> } | undefined;
let installed = false;

/**
 * Resolves the program's imports its project's way until the returned function runs; `notes`
 * collects one line per package taken from this project instead.
 */
export function resolveForProgram(project: ProgramProject, notes: Set<string>): () => void {
    installResolver();
    current = { project, notes };
    return () => {
        current = undefined;
    };
}

function installResolver(): void {
    if (installed) return;
    installed = true;
    const M = Module as unknown as { _resolveFilename: ResolveFilename };
    const original = M._resolveFilename;
    M._resolveFilename = function (request, parent, isMain, options) {
        try {
            return original.call(this, request, parent, isMain, options);
        } catch (err) {
            const bare = !request.startsWith(".") && !path.isAbsolute(request) && !request.startsWith("node:");
            if (!current || !bare || (err as { code?: string }).code !== "MODULE_NOT_FOUND" || !inProgramProject(parent?.filename, current.project)) throw err;
            return fallBackToHost(request, (paths) => original.call(this, request, parent, isMain, { paths }), current, parent?.filename);
        }
    };
}

function inProgramProject(file: string | null | undefined, project: ProgramProject): boolean {
    if (!file) return false;
    const hostPackages = path.join(HOST_ROOT, "node_modules") + path.sep;
    return [project.projectDir, project.packageDir].some((dir) => dir !== undefined && file.startsWith(dir + path.sep)) && !file.startsWith(hostPackages);
}

function fallBackToHost(request: string, resolveFrom: (paths: string[]) => string, { project, notes }: { project: ProgramProject; notes: Set<string> }, importer?: string | null): string {
    const name = packageName(request);
    try {
        const resolved = resolveFrom([HOST_ROOT]);
        if (!optionalPeerOf(importer, name)) notes.add(fallbackNote(name, project));
        return resolved;
    } catch {
        throw new MissingPackageError(missingPackageMessage(name, project));
    }
}

/** One line: the program runs with this project's copy of a package its own project lacks. */
export function fallbackNote(name: string, project: ProgramProject): string {
    const where = project.packageDir ?? project.projectDir;
    const asked = project.declaredPackages[name];
    const version = hostVersion(name);
    return (
        `${name} is not installed in ${where}${asked ? ` (its package.json asks for ${asked})` : ""}; the program runs with the offline check's own ${name}${version ? ` ${version}` : ""}. ` +
        `Run npm install in ${where} to check it with its own`
    );
}

/** What to do about a package the program imports that neither its project nor this one has. */
export function missingPackageMessage(name: string, project: ProgramProject): string {
    const where = project.packageDir ?? project.projectDir;
    const asked = project.declaredPackages[name];
    return asked
        ? `the program imports '${name}', which its package.json lists (${asked}) but is not installed: run npm install in ${where}`
        : `the program imports '${name}', which is not installed for it: add it to ${path.join(where, "package.json")} and run npm install in ${where}`;
}

/**
 * Serializing a closure (a CallbackFunction's code), the SDK lists the packages of the package.json it
 * finds from the working directory, read from what npm installed there and at the npm workspace root,
 * and prints one console.warn line per package it cannot find. Run from the program's project folder
 * (as the CLI runs it), that is the program's own package.json: the lines appear only for packages the
 * project has not installed. Until the returned function runs, they become one note that says so.
 */
export function foldClosureDependencyWarnings(notes: Set<string>): () => void {
    const warn = console.warn;
    const missing = new Map<string, Set<string>>();
    console.warn = (...args: unknown[]) => {
        const match = args.length === 1 && typeof args[0] === "string" ? /^Could not include required dependency '(.+)' in '(.+)'\.$/.exec(args[0]) : null;
        if (!match) return warn.apply(console, args);
        if (!missing.has(match[2])) missing.set(match[2], new Set());
        missing.get(match[2])?.add(match[1]);
    };
    return () => {
        console.warn = warn;
        for (const [dir, all] of missing) {
            // @pulumi/* are deployment-time packages the SDK leaves out of the Lambda anyway.
            const packages = [...all].filter((p) => !p.startsWith("@pulumi/"));
            if (packages.length === 0) continue;
            notes.add(`a closure (CallbackFunction) the program serializes leaves out ${packages.join(", ")}: not installed in ${dir}, so the Lambda's code would lack them; run npm install in ${dir}`);
        }
    };
}

/**
 * Whether the installed package that holds `importer` declares `name` an optional peer dependency
 * (@pulumi/pulumi does so for typescript and ts-node, and falls back to copies it vendors): its
 * project is right not to install it, and the CLI runs the program without it, so no note.
 */
function optionalPeerOf(importer: string | null | undefined, name: string): boolean {
    const marker = `${path.sep}node_modules${path.sep}`;
    if (!importer || !importer.includes(marker)) return false;
    for (let dir = path.dirname(importer); dir.includes(marker); dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (!fs.existsSync(file)) continue;
        try {
            const meta = JSON.parse(fs.readFileSync(file, "utf8")).peerDependenciesMeta as Record<string, { optional?: boolean }> | undefined;
            return meta?.[name]?.optional === true;
        } catch {
            return false;
        }
    }
    return false;
}

/** `@scope/name/sub/path` -> `@scope/name`; `name/sub` -> `name`. */
export function packageName(request: string): string {
    const parts = request.split("/");
    return request.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function hostVersion(name: string): string | undefined {
    try {
        return JSON.parse(fs.readFileSync(path.join(HOST_ROOT, "node_modules", name, "package.json"), "utf8")).version;
    } catch {
        return undefined;
    }
}
