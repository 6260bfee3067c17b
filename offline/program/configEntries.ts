// The entries of a project's config, as the Pulumi CLI reads them: the `config:` declarations of
// Pulumi.yaml (type, items, default, value, secret) and a stack file's values (a scalar as its source
// text, lists and maps as JSON, `secure:` values as a placeholder), with the CLI's own type rules
// (sdk/go/common/workspace/project.go and config.go). stackConfig.ts merges them into a stack's config.
import * as path from "path";
import * as YAML from "yaml";

export type ConfigType = "string" | "integer" | "boolean" | "array";

export interface ItemsType {
    type: ConfigType;
    items?: ItemsType;
}

/** One `config:` entry of Pulumi.yaml. */
export interface ProjectConfigEntry {
    type?: ConfigType;
    items?: ItemsType;
    default?: unknown;
    value?: unknown;
    secret?: boolean;
}

/** What the program reads for a `secure:` value it cannot decrypt. */
export const SECRET_PLACEHOLDER = "[secret: not decrypted by the offline check]";

const CONFIG_TYPES: readonly string[] = ["string", "integer", "boolean", "array"];

export function readDeclarations(file: string, projectName: string, node: YAML.YAMLMap | undefined, problems: string[]): Map<string, ProjectConfigEntry> {
    const entries = new Map<string, ProjectConfigEntry>();
    for (const pair of node?.items ?? []) {
        const key = String((pair.key as YAML.Scalar).value);
        const raw = YAML.isNode(pair.value) ? pair.value.toJSON() : pair.value;
        const namespaced = key.includes(":") && namespaceOf(key) !== projectName;
        if (!isMap(raw)) {
            entries.set(key, { value: raw }); // the short form `key: value`
            continue;
        }
        const entry = raw as ProjectConfigEntry & Record<string, unknown>;
        const where = `${path.basename(file)}: config '${key}'`;
        if (namespaced && entry.type !== undefined) problems.push(`${where}: Configuration key '${key}' is not namespaced by the project and should not define a type`);
        if (namespaced && entry.default !== undefined) problems.push(`${where}: Configuration key '${key}' is not namespaced by the project and should not define a default value; use 'value' instead`);
        if (entry.default !== undefined && entry.value !== undefined) problems.push(`${where}: project config '${key}' cannot have both a 'default' and 'value' attribute`);
        if (entry.type !== undefined && !CONFIG_TYPES.includes(entry.type)) problems.push(`${where}: type '${String(entry.type)}' is not one of ${CONFIG_TYPES.join(", ")}`);
        if (entry.type === "array" && !entry.items) problems.push(`${where}: The configuration key '${key}' declares an array but does not specify the underlying type via the 'items' attribute`);
        if (entry.type && entry.default !== undefined && entry.default !== null && !matchesType(entry.type, entry.items, entry.default)) {
            problems.push(`${where}: The default value specified for configuration key '${key}' is not of the expected type '${typeName(entry.type, entry.items)}'`);
        }
        entries.set(key, entry);
    }
    return entries;
}

export interface StackValue {
    /** What the program receives. */
    text: string;
    /** What type validation sees: the scalar's text, or the parsed list/map. */
    decoded: unknown;
    secure: boolean;
    /** A plaintext stand-in (--config) for a value the stack file encrypts: still secret to the program. */
    secret?: boolean;
}

export function readStackValues(file: string, projectName: string, node: unknown, problems: string[]): Map<string, StackValue> {
    const values = new Map<string, StackValue>();
    if (node === undefined || node === null) return values;
    if (!YAML.isMap(node)) {
        problems.push(`${path.basename(file)}: 'config' must be a map of key: value`);
        return values;
    }
    for (const pair of node.items) {
        const key = fullKey(projectName, String((pair.key as YAML.Scalar).value));
        const value = pair.value;
        if (YAML.isScalar(value) || value === null) {
            // The CLI reads a scalar as its source text: `3600` is "3600", `1.0` stays "1.0".
            const text = value === null || value.value === null ? "" : value.type === "PLAIN" ? String(value.source ?? value.value) : String(value.value);
            values.set(key, { text, decoded: text, secure: false });
            continue;
        }
        const decoded = YAML.isNode(value) ? value.toJSON() : value;
        if (isMap(decoded) && Object.keys(decoded).length === 1 && typeof (decoded as { secure?: unknown }).secure === "string") {
            values.set(key, { text: SECRET_PLACEHOLDER, decoded: SECRET_PLACEHOLDER, secure: true });
            continue;
        }
        const nestedSecret = containsSecure(decoded);
        values.set(key, { text: nestedSecret ? SECRET_PLACEHOLDER : JSON.stringify(decoded), decoded, secure: nestedSecret });
    }
    return values;
}

function containsSecure(value: unknown): boolean {
    if (Array.isArray(value)) return value.some(containsSecure);
    if (!isMap(value)) return false;
    const map = value as Record<string, unknown>;
    if (Object.keys(map).length === 1 && typeof map.secure === "string") return true;
    return Object.values(map).some(containsSecure);
}

/** ValidateConfigValue (sdk/go/common/workspace/project.go). */
export function matchesType(type: string, items: ItemsType | undefined, value: unknown): boolean {
    switch (type) {
        case "string":
            return typeof value === "string";
        case "integer":
            return (typeof value === "number" && Number.isInteger(value)) || (typeof value === "string" && /^[+-]?[0-9]+$/.test(value));
        case "boolean":
            return typeof value === "boolean" || value === "true" || value === "false";
        case "array":
            return Array.isArray(value) && items !== undefined && value.every((item) => matchesType(items.type, items.items, item));
        default:
            return false;
    }
}

export function typeName(type: string, items: ItemsType | undefined): string {
    return items ? `array<${typeName(items.type, items.items)}>` : type;
}

/** createConfigValue: primitives as `%v`, everything else as JSON. */
export function configText(value: unknown): string {
    return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value);
}

export function fullKey(projectName: string, key: string): string {
    return key.includes(":") ? key : `${projectName}:${key}`;
}

export function namespaceOf(key: string): string {
    return key.slice(0, key.indexOf(":"));
}

export function isMap(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Map);
}
