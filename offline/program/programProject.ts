// How the Pulumi CLI would run a program, read from the program's own project as the Node.js language
// host reads it (@pulumi/pulumi/cmd/run/run.ts): its npm package (the nearest package.json at or above
// the program: what `npm install` filled, and whether it is an ES module), whether TypeScript is
// type-checked, and the compiler options (the CLI's defaults under the project's tsconfig.json).
import * as fs from "fs";
import * as path from "path";

export interface ProgramProject {
    /** The folder holding Pulumi.yaml: the program runs with it as its working directory. */
    projectDir: string;
    /** The nearest folder at or above the program holding a package.json (where `npm install` runs). */
    packageDir?: string;
    /** Every package the program's package.json depends on, with the range it asks for. */
    declaredPackages: Record<string, string>;
    /** package.json `"type": "module"`: the program is loaded as an ES module. */
    esm: boolean;
    /** The tsconfig file the CLI uses, when it exists. */
    tsconfigFile?: string;
    /** compilerOptions as tsconfig.json spells them: the CLI's defaults, then the project's own. */
    compilerOptions: Record<string, unknown>;
    /** Whether `pulumi preview` would type-check the program, and if not, why not. */
    typeCheck: { enabled: true } | { enabled: false; because: string };
}

/**
 * The language host's ts-node options: these defaults, with the project's tsconfig.json over them
 * (run.ts: target ES2020, module and moduleResolution nodenext; ES2022 in ES module mode).
 */
export function cliCompilerDefaults(esm: boolean): Record<string, unknown> {
    return { target: esm ? "ES2022" : "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: true };
}

/**
 * `runtimeOptions` is Pulumi.yaml's `runtime.options` (typescript, tsconfig, nodeargs...);
 * `transpileOnly` the user's --transpile-only.
 */
export function readProgramProject(program: string, projectDir: string, runtimeOptions: Record<string, unknown>, transpileOnly = false): ProgramProject {
    const packageDir = findUp(fs.statSync(program).isDirectory() ? program : path.dirname(program), "package.json");
    const packageJson = packageDir ? readJson(path.join(packageDir, "package.json")) : {};
    const declaredPackages: Record<string, string> = {};
    for (const field of ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"]) {
        Object.assign(declaredPackages, isRecord(packageJson[field]) ? packageJson[field] : {});
    }
    const esm = packageJson.type === "module";
    // PULUMI_NODEJS_TSCONFIG_PATH (the runtime option `tsconfig`) is relative to the project folder.
    const tsconfigOption = typeof runtimeOptions.tsconfig === "string" ? runtimeOptions.tsconfig : process.env.PULUMI_NODEJS_TSCONFIG_PATH;
    const candidate = path.resolve(projectDir, tsconfigOption ?? "tsconfig.json");
    if (tsconfigOption && !fs.existsSync(candidate)) throw new Error(`tsconfig path was set to ${tsconfigOption} but the file was not found (Pulumi.yaml runtime option 'tsconfig')`);
    const tsconfigFile = fs.existsSync(candidate) ? candidate : undefined;
    const own = tsconfigFile ? readCompilerOptions(tsconfigFile) : {};
    const compilerOptions = { ...cliCompilerDefaults(esm), ...own };
    return { projectDir, packageDir, declaredPackages, esm, tsconfigFile, compilerOptions, typeCheck: typeCheckSetting(runtimeOptions, compilerOptions, transpileOnly) };
}

/** run.ts: no TypeScript at all with `typescript: false`; else PULUMI_NODEJS_TRANSPILE_ONLY, else tsconfig's noCheck. */
function typeCheckSetting(runtimeOptions: Record<string, unknown>, compilerOptions: Record<string, unknown>, transpileOnly: boolean): ProgramProject["typeCheck"] {
    if (transpileOnly) return { enabled: false, because: "--transpile-only" };
    if (runtimeOptions.typescript === false || runtimeOptions.typescript === "false") return { enabled: false, because: "Pulumi.yaml sets runtime option typescript: false" };
    const env = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
    if (env) return env === "true" ? { enabled: false, because: "PULUMI_NODEJS_TRANSPILE_ONLY=true" } : { enabled: true };
    return compilerOptions.noCheck === true ? { enabled: false, because: "tsconfig.json sets noCheck" } : { enabled: true };
}

/**
 * tsconfig.json's compilerOptions, following `extends` (a path, or a package such as
 * @tsconfig/node20). Plain JSON is read directly; comments and trailing commas (which tsc accepts)
 * go through TypeScript's own reader.
 */
function readCompilerOptions(file: string, seen = new Set<string>()): Record<string, unknown> {
    if (seen.has(file)) return {};
    seen.add(file);
    const text = fs.readFileSync(file, "utf8");
    let config: Record<string, unknown>;
    try {
        config = JSON.parse(text);
    } catch {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: the compiler costs ~0.3 s
        const ts = require("typescript") as typeof import("typescript");
        const parsed = ts.parseConfigFileTextToJson(file, text);
        if (parsed.error) throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(parsed.error.messageText, "\n")}`);
        config = parsed.config;
    }
    const bases = config.extends === undefined ? [] : Array.isArray(config.extends) ? config.extends : [config.extends];
    let options: Record<string, unknown> = {};
    for (const base of bases.filter((b): b is string => typeof b === "string")) {
        options = { ...options, ...readCompilerOptions(resolveExtends(base, path.dirname(file)), seen) };
    }
    return { ...options, ...(isRecord(config.compilerOptions) ? config.compilerOptions : {}) };
}

function resolveExtends(base: string, dir: string): string {
    if (base.startsWith(".") || path.isAbsolute(base)) {
        const file = path.resolve(dir, base);
        return fs.existsSync(file) ? file : `${file}.json`;
    }
    try {
        return require.resolve(base, { paths: [dir] });
    } catch {
        return require.resolve(`${base}/tsconfig.json`, { paths: [dir] });
    }
}

export function findUp(start: string, file: string): string | undefined {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, file))) return dir;
        if (path.dirname(dir) === dir) return undefined;
    }
}

function readJson(file: string): Record<string, unknown> {
    try {
        const value = JSON.parse(fs.readFileSync(file, "utf8"));
        return isRecord(value) ? value : {};
    } catch {
        return {};
    }
}

function isRecord(value: unknown): value is Record<string, string> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}
