// Runs TypeScript files under Node the way ts-node --transpile-only does (and so the way Pulumi's
// Node.js language host runs a TypeScript program): each file through TypeScript's own
// `transpileModule`, no type check (typeCheck.ts does that, once per program, as the CLI's ts-node
// would). This project's files compile with this project's compiler options; a program's files with
// its own project's (useProjectOptions). Plain JavaScript, because it is what makes TypeScript loadable.
//
// Why not ts-node: loading the TypeScript compiler and transpiling the check, the pack and the
// program costs about 2 s per run, more than the check itself. The output of transpileModule is a
// pure function of (TypeScript version, options, file name, source), so it is cached on disk under
// node_modules/.cache/: a run whose files have not changed never loads the compiler. A cold run
// (fresh clone, or after an edit) costs what ts-node costs, once.
// Each transpiled file carries an inline source map, but Node's source map support stays off: turned
// on, it parses the maps of every package that ships one (@pulumi/pulumi does) and costs ~0.4 s a
// run. A failing program's stack is mapped back to the .ts lines when it is reported (originalPosition).
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const HOST_ROOT = path.resolve(__dirname, "../..");
const CACHE_DIR = path.join(HOST_ROOT, "node_modules", ".cache", "offline-check");

let ts; // loaded on the first cache miss only
let hostOptions;
/** Folders (a program's project) whose files compile with options other than this project's. */
const projectOptions = new Map();

/** Compiler options as tsconfig.json spells them, made fit for transpiling one file to run. */
function forTranspile(jsonOptions) {
    const options = { ...jsonOptions, inlineSourceMap: true, inlineSources: false, sourceMap: false, declaration: false, declarationMap: false, noEmit: false, composite: false, incremental: false };
    delete options.outDir;
    delete options.tsBuildInfoFile;
    const tsVersion = JSON.parse(fs.readFileSync(require.resolve("typescript/package.json", { paths: [HOST_ROOT] }), "utf8")).version;
    return { options, key: `${tsVersion}\0${JSON.stringify(options)}` };
}

/** The options of the program's project `filename` belongs to; undefined for any other file. */
function programOptionsFor(filename) {
    const ownFile = filename.startsWith(HOST_ROOT + path.sep);
    for (const [dir, compiled] of projectOptions) {
        // A program's project that encloses this one still leaves this project's files alone.
        if (filename.startsWith(dir + path.sep) && !(ownFile && HOST_ROOT.startsWith(dir + path.sep))) return compiled;
    }
    return undefined;
}

function compilerOptionsFor(filename) {
    const program = programOptionsFor(filename);
    if (program) return program;
    // tsconfig.json here is plain JSON; `extends` and comments are not needed by this project.
    hostOptions = hostOptions || forTranspile(JSON.parse(fs.readFileSync(path.join(HOST_ROOT, "tsconfig.json"), "utf8")).compilerOptions || {});
    return hostOptions;
}

/**
 * Files under `dir` (outside node_modules) compile with `jsonOptions` (tsconfig.json's
 * compilerOptions form) from now on; this project's own files keep this project's options.
 */
function useProjectOptions(dir, jsonOptions) {
    projectOptions.delete(dir);
    if (path.resolve(dir) !== HOST_ROOT) projectOptions.set(path.resolve(dir), forTranspile(jsonOptions));
}

function transpile(source, filename) {
    const { options: opts, key: optionsKey } = compilerOptionsFor(filename);
    const key = crypto.createHash("sha256").update(optionsKey).update("\0").update(filename).update("\0").update(source).digest("hex");
    const cached = path.join(CACHE_DIR, `${key}.js`);
    try {
        return fs.readFileSync(cached, "utf8");
    } catch {
        // a miss: compile below
    }
    ts = ts || require(require.resolve("typescript", { paths: [HOST_ROOT] }));
    const converted = ts.convertCompilerOptionsFromJson(opts, HOST_ROOT).options;
    const { outputText, diagnostics } = ts.transpileModule(source, { compilerOptions: converted, fileName: filename, reportDiagnostics: true });
    const errors = (diagnostics || []).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (errors.length > 0) {
        // file:line:col, as tsc and editors print it, so the user can jump to it.
        const first = errors[0];
        const where = first.file && first.start !== undefined ? first.file.getLineAndCharacterOfPosition(first.start) : undefined;
        const error = new SyntaxError(`${filename}${where ? `:${where.line + 1}:${where.character + 1}` : ""} - error TS${first.code}: ${ts.flattenDiagnosticMessageText(first.messageText, "\n")}`);
        error.stack = error.message;
        throw error;
    }
    try {
        fs.mkdirSync(CACHE_DIR, { recursive: true });
        const tmp = `${cached}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, outputText);
        fs.renameSync(tmp, cached);
    } catch {
        // a read-only tree still runs, just without the cache
    }
    return outputText;
}

function register() {
    if (require.extensions[".ts"]) return; // ts-node (mocha) or an earlier call
    require.extensions[".ts"] = loadTs;
}

/**
 * A program's files compile here even when another loader (ts-node, under mocha) handles .ts: its
 * options would be this project's, not the program's.
 */
function registerForPrograms() {
    const previous = require.extensions[".ts"];
    if (!previous) return register();
    if (previous === loadTs || previous.forPrograms) return;
    const forPrograms = (module, filename) => (programOptionsFor(filename) ? loadTs(module, filename) : previous(module, filename));
    forPrograms.forPrograms = true;
    require.extensions[".ts"] = forPrograms;
}

function loadTs(module, filename) {
    if (filename.includes(`${path.sep}node_modules${path.sep}`)) {
        throw new Error(`${filename}: TypeScript inside node_modules is not compiled (as with ts-node)`);
    }
    module._compile(transpile(fs.readFileSync(filename, "utf8"), filename), filename);
}

/**
 * Maps a position in a file this loader compiled (1-based line and column, as in a stack trace) to
 * the .ts source; undefined when the file was not compiled here.
 */
function originalPosition(filename, line, column) {
    const hook = require.extensions[".ts"];
    if (hook !== loadTs && !(hook && hook.forPrograms && programOptionsFor(filename))) return undefined;
    let code;
    try {
        code = transpile(fs.readFileSync(filename, "utf8"), filename);
    } catch {
        return undefined;
    }
    const match = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(code);
    if (!match) return undefined;
    const { SourceMap } = require("module");
    const entry = new SourceMap(JSON.parse(Buffer.from(match[1], "base64").toString("utf8"))).findEntry(line - 1, column - 1);
    return entry && entry.originalLine !== undefined ? { line: entry.originalLine + 1, column: entry.originalColumn + 1 } : undefined;
}

module.exports = { register, registerForPrograms, transpile, originalPosition, useProjectOptions };
