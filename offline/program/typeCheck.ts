// The type check `pulumi preview` does before it runs a TypeScript program (the language host's
// ts-node, type-checking unless told not to): the program's own files (its entry and what it imports,
// not the packages' declaration files), with the project's compiler options over the CLI's defaults,
// ignoring what ts-node ignores.
//
// A check of a program that imports @pulumi/aws costs several seconds, more than the rest of the run.
// Its result is cached under node_modules/.cache/ with the size and modification time of the
// program's files the check read and of npm's install marker (node_modules/.package-lock.json) of the
// program's project and of this one: a run whose files are all unchanged reuses the verdict without
// loading the compiler.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import type * as TS from "typescript";
import { cliCompilerDefaults, ProgramProject } from "./programProject";
import { ProgramError } from "./programErrors";
import { HOST_ROOT, missingPackageMessage, packageName } from "./programResolution";

const CACHE_DIR = path.join(HOST_ROOT, "node_modules", ".cache", "offline-check");
/** ts-node's default ignoreDiagnostics: "cannot write file", "no inputs", unused @ts-expect-error in JS. */
/** Changes when what a cached verdict holds changes. */
const CHECK_FORMAT = 4;
const TS_NODE_IGNORED = new Set([6059, 18002, 18003]);

interface TypeVerdict {
    errors: string[];
    /** Packages the program's project has not installed, whose types came from this project's. */
    borrowed: string[];
}

interface CachedVerdict extends TypeVerdict {
    files: [string, number, number][];
}

/**
 * Throws ProgramError with the program's syntax or type errors, `file:line:col` relative to
 * `displayDir`. Type errors of a program checked against packages its project has not installed
 * (this project's versions, not the ones it asks for) are a warning instead: they may be ours.
 */
export function checkTypes(program: string, project: ProgramProject, displayDir: string, warn: (warning: string) => void): void {
    const { errors, borrowed } = typeErrors(program, project);
    if (errors.length === 0) return;
    // TypeScript numbers its syntax errors TS1xxx; when there are any, the rest follow from them.
    const syntax = errors.filter((e) => / - error TS1\d{3}:/.test(e));
    const reported = syntax.length > 0 ? syntax : errors;
    const shown = reported.slice(0, 10).map((e) => `  ${e.replace(/^(\/[^:]+)/, (file) => path.relative(displayDir, file) || file)}`);
    const more = reported.length > shown.length ? `\n  (${reported.length - shown.length} more)` : "";
    // "Cannot find module 'x'" for a package: say which is missing and where npm install fixes it.
    const missing = errors.map((e) => / - error TS2307: Cannot find module '([^.'/][^']*)'/.exec(e)?.[1]).filter((m): m is string => Boolean(m));
    const advice = [...new Set(missing.map(packageName))].map((name) => `\n${missingPackageMessage(name, project)}`).join("");
    const what = syntax.length > 0 ? "a syntax error" : "type errors (pulumi preview type-checks TypeScript too; --transpile-only skips the check)";
    if (syntax.length === 0 && missing.length === 0 && borrowed.length > 0) {
        const where = project.packageDir ?? project.projectDir;
        warn(`the program ${path.relative(displayDir, program) || program} has type errors against this project's ${borrowed.join(", ")}, which its project has not installed (run npm install in ${where} for the check pulumi preview would do); running it anyway:\n${shown.join("\n")}${more}`);
        return;
    }
    throw new ProgramError(`the program ${path.relative(displayDir, program) || program} has ${what}:\n${shown.join("\n")}${more}${advice}`);
}

/** The type errors of the program, `file:line:col - error TSnnnn: message` (none when it checks). */
export function typeErrors(program: string, project: ProgramProject): TypeVerdict {
    const tsVersion = JSON.parse(fs.readFileSync(require.resolve("typescript/package.json", { paths: [HOST_ROOT] }), "utf8")).version;
    const key = crypto.createHash("sha256").update(JSON.stringify([CHECK_FORMAT, tsVersion, program, project.tsconfigFile ?? "", project.compilerOptions])).digest("hex");
    const cacheFile = path.join(CACHE_DIR, `typecheck-${key}.json`);
    const cached = readCache(cacheFile);
    if (cached && cached.files.every(([file, mtime, size]) => unchanged(file, mtime, size))) return { errors: cached.errors, borrowed: cached.borrowed ?? [] };

    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, below
    const ts = require("typescript") as typeof TS; // only on a cache miss: loading the compiler costs ~0.3 s
    const options = compilerOptions(ts, project);
    const borrowed = new Set<string>();
    const checked = ts.createProgram({ rootNames: [program], options, host: hostFallingBackToThisProject(ts, options, borrowed) });
    // As ts-node: the diagnostics of the program's own files (a library's .d.ts is not checked).
    const ownFiles = checked.getSourceFiles().filter((f) => !f.isDeclarationFile && !f.fileName.includes("/node_modules/"));
    const diagnostics = [...checked.getOptionsDiagnostics(), ...checked.getGlobalDiagnostics(), ...ownFiles.flatMap((f) => [...checked.getSyntacticDiagnostics(f), ...checked.getSemanticDiagnostics(f)])];
    const errors = diagnostics
        .filter((d) => d.category === ts.DiagnosticCategory.Error && !TS_NODE_IGNORED.has(d.code))
        .map((d) => describe(ts, d));
    // Packages change only through npm, which rewrites its install marker: their thousands of
    // declaration files need no stat of their own (nor TypeScript's lib files: its version is in the key).
    const ownInputs = checked.getSourceFiles().map((f) => path.resolve(f.fileName)).filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`));
    const inputs = [...ownInputs, ...[project.tsconfigFile, installMarker(project.packageDir), installMarker(HOST_ROOT)].filter((f): f is string => Boolean(f))];
    const verdict = { errors, borrowed: [...borrowed].sort() };
    writeCache(cacheFile, { files: inputs.map((file) => [file, ...stat(file)]), ...verdict });
    return verdict;
}

/**
 * Resolves imports as the run does (programResolution.ts): from the program's project, and a package
 * it has not installed from this project, so that the check sees the types the run will use.
 */
function hostFallingBackToThisProject(ts: typeof TS, options: TS.CompilerOptions, borrowed: Set<string>): TS.CompilerHost {
    const host = ts.createCompilerHost(options);
    const fallbackFile = path.join(HOST_ROOT, "index.ts");
    host.resolveModuleNameLiterals = (literals, containingFile, redirected, opts, sourceFile) =>
        literals.map((literal) => {
            const mode = ts.getModeForUsageLocation(sourceFile, literal, opts);
            const own = ts.resolveModuleName(literal.text, containingFile, opts, host, undefined, redirected, mode);
            const bare = !literal.text.startsWith(".") && !path.isAbsolute(literal.text);
            if (own.resolvedModule || !bare || containingFile.includes(`${path.sep}node_modules${path.sep}`)) return own;
            const fromHere = ts.resolveModuleName(literal.text, fallbackFile, opts, host, undefined, redirected, mode);
            if (fromHere.resolvedModule) borrowed.add(packageName(literal.text));
            return fromHere.resolvedModule ? fromHere : own;
        });
    return host;
}

function compilerOptions(ts: typeof TS, project: ProgramProject): TS.CompilerOptions {
    const defaults = ts.convertCompilerOptionsFromJson(cliCompilerDefaults(project.esm), project.projectDir).options;
    if (!project.tsconfigFile) return { ...defaults, noEmit: true };
    const parsed = ts.getParsedCommandLineOfConfigFile(project.tsconfigFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    return { ...defaults, ...(parsed?.options ?? {}), noEmit: true };
}

function describe(ts: typeof TS, d: TS.Diagnostic): string {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file || d.start === undefined) return `error TS${d.code}: ${message}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.resolve(d.file.fileName)}:${line + 1}:${character + 1} - error TS${d.code}: ${message}`;
}

/** npm rewrites node_modules/.package-lock.json on every install: a changed one may change what resolves. */
function installMarker(dir: string | undefined): string | undefined {
    return dir ? path.join(dir, "node_modules", ".package-lock.json") : undefined;
}

function stat(file: string): [number, number] {
    try {
        const s = fs.statSync(file);
        return [s.mtimeMs, s.size];
    } catch {
        return [-1, -1];
    }
}

function unchanged(file: string, mtime: number, size: number): boolean {
    const [m, s] = stat(file);
    return m === mtime && s === size;
}

function readCache(file: string): CachedVerdict | undefined {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8")) as CachedVerdict;
    } catch {
        return undefined;
    }
}

function writeCache(file: string, verdict: CachedVerdict): void {
    try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify(verdict));
        fs.renameSync(tmp, file);
    } catch {
        // a read-only tree still checks, just without the cache
    }
}
