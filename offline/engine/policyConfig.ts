// Policy pack configuration, read and reconciled as the Pulumi CLI does for `--policy-pack-config`
// (pkg/resource/analyzer/config.go): a JSON object keyed by policy name whose values are an
// enforcement level or an object of settings; schema defaults first, then `all`, then each policy's
// settings (shallow), then every policy's settings validated against its config schema.
import Ajv from "ajv";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

export const enforcementLevelNames: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** What the engine learns of a policy from GetAnalyzerInfo. */
export interface PolicyInfo {
    name: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: { properties: Record<string, unknown>; required?: string[] };
}

/** The file's contents: `{"all": "mandatory", "a-policy": {"enforcementLevel": "advisory", "key": ...}}`. */
export type PolicyPackConfigFile = Record<string, unknown>;

export interface PolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties?: Record<string, unknown>;
}

export class PolicyConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(`invalid policy pack config:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "PolicyConfigError";
    }
}

interface GivenConfig {
    enforcementLevel?: EnforcementLevel;
    properties?: Record<string, unknown>;
}

function parseConfigFile(config: PolicyPackConfigFile): Record<string, GivenConfig> {
    const problems: string[] = [];
    const result: Record<string, GivenConfig> = {};
    if (config === null || typeof config !== "object" || Array.isArray(config)) {
        throw new PolicyConfigError([`the config must be a JSON object keyed by policy name, got ${JSON.stringify(config)}`]);
    }
    for (const [policyName, value] of Object.entries(config)) {
        if (typeof value === "string") {
            if (!isEnforcementLevel(value)) {
                problems.push(`${policyName}: ${JSON.stringify(value)} is not a valid enforcement level (${enforcementLevelNames.join(", ")})`);
                continue;
            }
            result[policyName] = { enforcementLevel: value };
        } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            const given: GivenConfig = {};
            if (enforcementLevel !== undefined) {
                if (typeof enforcementLevel !== "string" || !isEnforcementLevel(enforcementLevel)) {
                    problems.push(`${policyName}.enforcementLevel: ${JSON.stringify(enforcementLevel)} is not a valid enforcement level (${enforcementLevelNames.join(", ")})`);
                    continue;
                }
                given.enforcementLevel = enforcementLevel;
            }
            if (Object.keys(properties).length > 0) given.properties = properties;
            if (given.enforcementLevel || given.properties) result[policyName] = given;
        } else {
            problems.push(`${policyName}: ${JSON.stringify(value)} is not a valid value; must be an enforcement level or an object`);
        }
    }
    if (problems.length > 0) throw new PolicyConfigError(problems);
    return result;
}

/**
 * The config the engine sends to the pack's Configure call, for a config file. Throws a
 * PolicyConfigError listing every problem. Unlike the CLI, a key naming no policy of the pack is an
 * error here: the CLI ignores it silently, which turns a typo into a setting that never applies.
 */
export function reconcilePolicyConfig(policies: PolicyInfo[], config: PolicyPackConfigFile): Record<string, PolicyConfig> {
    const given = parseConfigFile(config);
    const result: Record<string, PolicyConfig> = {};
    for (const policy of policies) {
        const defaults: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (schema && typeof schema === "object" && "default" in schema) defaults[key] = structuredClone(schema.default);
        }
        result[policy.name] = {
            enforcementLevel: policy.enforcementLevel,
            properties: Object.keys(defaults).length > 0 ? defaults : undefined,
        };
    }
    const problems: string[] = [];
    const all = given["all"];
    if (all?.enforcementLevel) {
        for (const policyConfig of Object.values(result)) policyConfig.enforcementLevel = all.enforcementLevel;
    }
    if (all?.properties) problems.push(`all: only an enforcement level may be set for all policies`);
    for (const [policyName, policyGiven] of Object.entries(given)) {
        if (policyName === "all") continue;
        const target = result[policyName];
        if (!target) {
            problems.push(`${policyName}: no policy of this name in the pack (known: ${policies.map((p) => p.name).join(", ")})`);
            continue;
        }
        if (policyGiven.enforcementLevel) target.enforcementLevel = policyGiven.enforcementLevel;
        if (policyGiven.properties) target.properties = { ...(target.properties ?? {}), ...policyGiven.properties };
    }
    for (const policy of policies) {
        if (!policy.configSchema) continue;
        problems.push(...validateProperties(policy, result[policy.name].properties ?? {}));
    }
    if (problems.length > 0) throw new PolicyConfigError(problems);
    return result;
}

/**
 * A config file with the keys of renamed policies (old name -> new name) moved to their new names,
 * and a warning for each. A file that sets both names is refused: which one was meant is unclear.
 */
export function migrateRenamedPolicies(config: PolicyPackConfigFile, renamed: Readonly<Record<string, string>>): { config: PolicyPackConfigFile; warnings: string[] } {
    if (config === null || typeof config !== "object" || Array.isArray(config)) return { config, warnings: [] };
    const migrated: PolicyPackConfigFile = { ...config };
    const warnings: string[] = [];
    const problems: string[] = [];
    for (const [oldName, newName] of Object.entries(renamed)) {
        if (!(oldName in migrated)) continue;
        if (newName in migrated) {
            problems.push(`${oldName}: this policy is now named ${newName}, and the config sets both names; keep only ${newName}`);
            continue;
        }
        migrated[newName] = migrated[oldName];
        delete migrated[oldName];
        warnings.push(
            `policy config key "${oldName}" is DEPRECATED: the policy is now named "${newName}". Its settings were applied to "${newName}" here, but \`pulumi preview --policy-pack-config\` ignores the old key: rename it.`,
        );
    }
    if (problems.length > 0) throw new PolicyConfigError(problems);
    return { config: migrated, warnings };
}

// The schemas are the pack's own (configSchema of each policy), checked against the JSON Schema
// meta-schema once by the tests (test/policy-pack/pack.test.ts), not on every run: that check alone
// cost a third of the check's configuration time.
const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
// Compiling a schema costs milliseconds and the engine configures the pack for every run: compile
// each distinct schema once.
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

function validateProperties(policy: PolicyInfo, properties: Record<string, unknown>): string[] {
    const schema: Record<string, unknown> = { type: "object" };
    if (policy.configSchema && Object.keys(policy.configSchema.properties).length > 0) schema.properties = policy.configSchema.properties;
    if (policy.configSchema?.required?.length) schema.required = policy.configSchema.required;
    const key = JSON.stringify(schema);
    let validate = validators.get(key);
    if (!validate) {
        validate = ajv.compile(schema);
        validators.set(key, validate);
    }
    if (validate(properties)) return [];
    return (validate.errors ?? []).map((e) => {
        const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, ".") : "(config)";
        const got = e.instancePath ? ` (got ${JSON.stringify(valueAt(properties, e.instancePath))})` : "";
        return `${policy.name}: ${where} ${e.message}${got}`;
    });
}

function valueAt(value: unknown, pointer: string): unknown {
    return pointer
        .split("/")
        .slice(1)
        .reduce<unknown>((v, key) => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), value);
}

function isEnforcementLevel(value: string): value is EnforcementLevel {
    return (enforcementLevelNames as readonly string[]).includes(value);
}
