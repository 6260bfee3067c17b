// A stack's configuration, read as the Pulumi CLI reads it before it starts the program: the project
// file's `config:` declarations (type, default, value, secret) merged with the stack file's values
// (sdk/go/common/workspace/config.go, mergeConfig and validateStackConfigValues), and handed to the
// program as the language host does: every value a string, lists and maps as JSON text. A stack
// value in the project's namespace that the project does not declare is refused, as the CLI refuses it.
//
// Deliberate differences from the CLI, each in the user's favour:
// - every problem is reported at once (the CLI stops at the first type error);
// - an undeclared key comes with the nearest declared key, when one is close ("did you mean");
// - `secure:` values cannot be decrypted here (no secrets provider, no passphrase): the program gets a
//   placeholder, marked secret, and a warning names the key;
// - ESC environments (`environment:` in the stack file) cannot be opened offline: a warning says so.
// Validating Pulumi.yaml against the CLI's JSON schema is a test's job (the schema lives outside the
// repository), not this module's.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { configText, fullKey, isMap, matchesType, namespaceOf, readDeclarations, readStackValues, typeName } from "./configEntries";
import { nearestName } from "./nearestName";
import { PROJECT_FILES, stackConfigDir, stackNamesIn } from "./stackFiles";

export interface StackConfig {
    project: string;
    stack: string;
    /** The folder holding Pulumi.yaml. */
    projectDir: string;
    /** Pulumi.yaml's `main`, resolved, when it sets one. */
    main?: string;
    /** The stack tags the CLI derives from the project (`pulumi:project`, `pulumi:runtime`, `pulumi:description`). */
    tags: Record<string, string>;
    /** Pulumi.yaml's `runtime.options` (typescript, tsconfig, ...); empty when it sets none. */
    runtimeOptions: Record<string, unknown>;
    stackFile: string;
    /**
     * Pulumi.yaml's `template.config` defaults: what `pulumi new` would have offered. The CLI does not
     * apply them to a stack; they only make a better hint when a key is missing.
     */
    templateDefaults: Record<string, string>;
    /** Full keys (`secure-packages:domainName`, `aws:region`) to the strings the program receives. */
    config: Record<string, string>;
    /** Keys whose value is secret (`secure:` in the stack file): the program sees a placeholder. */
    secretKeys: string[];
    warnings: string[];
}

/** Bad project or stack configuration; `problems` says what to fix, one line each. */
export class StackConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(problems.length === 1 ? problems[0] : `${problems.length} configuration problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "StackConfigError";
    }
}

/** The nearest folder at or above `start` holding a Pulumi project file, as the CLI searches. */
export function findProjectDir(start: string): string | undefined {
    let dir = path.resolve(start);
    for (;;) {
        if (PROJECT_FILES.some((f) => fs.existsSync(path.join(dir, f)))) return dir;
        const parent = path.dirname(dir);
        if (parent === dir) return undefined;
        dir = parent;
    }
}

/**
 * Reads Pulumi.yaml and Pulumi.<stack>.yaml in `projectDir`; `overrides` (`--config key=value`, key
 * with or without the project's namespace) are plaintext values set over the stack file's, as
 * `pulumi config set` would, except that a key the stack file encrypts stays secret. Throws
 * StackConfigError.
 */
export function loadStackConfig(projectDir: string, stack: string, overrides: Record<string, string> = {}): StackConfig {
    const projectFile = PROJECT_FILES.map((f) => path.join(projectDir, f)).find((f) => fs.existsSync(f));
    if (!projectFile) throw new StackConfigError([`no Pulumi.yaml in ${projectDir}: run the check from a Pulumi project, or pass --program FILE inside one`]);
    const project = readYaml(projectFile);
    if (!isMap(project.toJSON())) throw new StackConfigError([`${projectFile}: expected a YAML map with name, runtime and config`]);
    const declaredName = project.get("name");
    if (typeof declaredName !== "string" || declaredName === "") throw new StackConfigError([`${projectFile}: the project needs a non-empty string 'name'`]);
    // A template folder copied as it is (pulumi/templates): `pulumi new` would have filled these in,
    // the project name from the folder's name by default. The check does the same, and says so.
    const unrendered = declaredName.includes("${PROJECT}");
    const projectName = unrendered ? path.basename(projectDir).replace(/[^A-Za-z0-9_.-]/g, "-") : declaredName;

    const problems: string[] = [];
    const configNode = project.get("config");
    const configDir = stackConfigDir(projectDir, { stackConfigDir: project.get("stackConfigDir"), config: configNode });
    const declarations = YAML.isMap(configNode) ? configNode : undefined;
    const entries = readDeclarations(projectFile, projectName, declarations, problems);

    const stackFile = path.join(configDir, `Pulumi.${stack.split("/").pop()}.yaml`);
    const warnings: string[] = [];
    if (unrendered) {
        warnings.push(`${path.basename(projectFile)} is an unrendered template (name: ${declaredName}): the check names the project '${projectName}' after its folder, as pulumi new would; set 'name' there before pulumi preview, which refuses it`);
    }
    let stackConfigNode: unknown;
    let noStackFile: string | undefined;
    if (fs.existsSync(stackFile)) {
        const stackDoc = readYaml(stackFile);
        if (stackDoc.get("environment") !== undefined) {
            warnings.push(`${path.basename(stackFile)} imports ESC environments; their values are not available offline, so only the file's own config is checked`);
        }
        stackConfigNode = stackDoc.get("config");
    } else {
        // The CLI treats the stack file as optional (a new stack has none until `pulumi config set`):
        // the stack's config is then Pulumi.yaml's project-level values and whatever --config gives.
        const known = stackNamesIn(configDir);
        noStackFile =
            `no stack file ${path.basename(stackFile)}: stack '${stack}' runs with no stack config, as the CLI runs a stack without one (only Pulumi.yaml's config and --config KEY=VALUE)` +
            (known.length > 0 ? `; this project has stack files for: ${known.join(", ")}` : "");
        warnings.push(noStackFile);
    }
    const values = readStackValues(stackFile, projectName, stackConfigNode, problems);
    for (const [key, text] of Object.entries(overrides)) {
        const full = fullKey(projectName, key);
        values.set(full, { text, decoded: text, secure: false, secret: values.get(full)?.secure ?? false });
    }
    problems.push(...undeclaredKeys(stack, projectName, [...entries.keys()], [...values.keys()]));

    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of values) {
        config[key] = value.text;
        if (value.secret) secretKeys.push(key);
        if (value.secure) {
            secretKeys.push(key);
            warnings.push(`${key} is encrypted (secure:) in ${path.basename(stackFile)}; the CLI decrypts it with the stack's secrets provider, which the offline check does not have, so the program sees a placeholder and anything built from it is not what pulumi preview would check`);
        }
    }

    const missing: string[] = [];
    for (const [declared, entry] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const key = fullKey(projectName, declared);
        const given = values.get(key);
        if (!given) {
            const fallback = entry.value ?? entry.default;
            if (fallback !== undefined && fallback !== null) config[key] = configText(fallback);
            else if (namespaceOf(key) === projectName) missing.push(declared);
            continue;
        }
        if (entry.secret && !given.secure && !given.secret) problems.push(`Stack '${stack}' with configuration key '${declared}' must be encrypted as it's secret: pulumi config set --secret ${key} <value>`);
        if (!entry.type) continue;
        if (given.secure) {
            warnings.push(`${key} is secret, so its type (${typeName(entry.type, entry.items)}) cannot be checked offline`);
            continue;
        }
        if (!matchesType(entry.type, entry.items, given.decoded)) {
            problems.push(`Stack '${stack}' with configuration key '${declared}' must be of type '${typeName(entry.type, entry.items)}'; ${path.basename(stackFile)} sets ${key} to ${given.text}`);
        }
    }
    if (missing.length > 0) {
        const keys = missing.map((k) => `'${k}'`);
        const list = keys.length === 1 ? keys[0] : `${keys.slice(0, -1).join(", ")} and ${keys[keys.length - 1]}`;
        problems.push(
            `Stack '${stack}' is missing configuration value${missing.length === 1 ? "" : "s"} ${list}: ` +
                missing.map((k) => `pulumi config set ${fullKey(projectName, k)} <value>`).join("; ") +
                ` (or add ${missing.length === 1 ? "it" : "them"} to ${path.basename(stackFile)}, or pass ${missing.map((k) => `--config ${k}=VALUE`).join(" ")} to this check)`,
        );
    }
    // Without a stack file, the note is part of the answer: it says where the missing values would go.
    if (problems.length > 0) throw new StackConfigError(noStackFile ? [...problems, noStackFile] : problems);

    const main = project.get("main");
    const runtime = project.get("runtime");
    const runtimeOptions = YAML.isMap(runtime) ? runtime.get("options", true) : undefined;
    const description = String(project.get("description") ?? "").replace("${DESCRIPTION}", "");
    const tags: Record<string, string> = {
        "pulumi:project": projectName,
        "pulumi:runtime": typeof runtime === "string" ? runtime : String((runtime as YAML.YAMLMap | undefined)?.get("name") ?? ""),
        ...(typeof description === "string" && description ? { "pulumi:description": description } : {}),
    };
    return {
        project: projectName,
        stack,
        projectDir,
        ...(typeof main === "string" && main !== "" ? { main: path.resolve(projectDir, main) } : {}),
        tags,
        runtimeOptions: YAML.isMap(runtimeOptions) ? runtimeOptions.toJSON() : {},
        stackFile,
        templateDefaults: templateDefaults(project.get("template"), projectName),
        config,
        secretKeys,
        warnings,
    };
}

/**
 * A stack value in the project's namespace that Pulumi.yaml does not declare is, to the CLI, an error
 * (most often a typo, which the program would otherwise silently ignore); the nearest declared key is
 * suggested. Other namespaces (`aws:`) belong to providers and are not the project's to check. A
 * project that declares none of its own keys is not checked: there is nothing to check against.
 */
function undeclaredKeys(stack: string, projectName: string, declared: readonly string[], given: readonly string[]): string[] {
    const declaredKeys = declared.map((key) => fullKey(projectName, key));
    const prefix = `${projectName}:`;
    const projectNames = declaredKeys.filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
    if (projectNames.length === 0) return [];
    return given
        .filter((key) => key.startsWith(prefix) && !declaredKeys.includes(key))
        .map((key) => {
            const nearest = nearestName(key.slice(prefix.length), projectNames);
            return `Stack '${stack}' uses configuration value '${key}' which is not defined by the project configuration` + (nearest ? `; did you mean '${prefix}${nearest}'?` : "");
        });
}

/** Full keys (`aws:region`, `PROJECT:instanceType`) to the defaults `pulumi new` would offer. */
function templateDefaults(template: unknown, projectName: string): Record<string, string> {
    const config = YAML.isMap(template) ? template.get("config") : undefined;
    const entries = YAML.isMap(config) ? (config.toJSON() as Record<string, unknown>) : {};
    const defaults: Record<string, string> = {};
    for (const [key, entry] of Object.entries(entries)) {
        const value = isMap(entry) ? entry.default : undefined;
        if (value !== undefined && value !== null) defaults[fullKey(projectName, key)] = configText(value);
    }
    return defaults;
}

function readYaml(file: string): YAML.Document.Parsed {
    const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"));
    if (doc.errors.length > 0) throw new StackConfigError(doc.errors.map((e) => `${file}: ${e.message}`));
    return doc;
}

