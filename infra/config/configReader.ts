// Typed reads of raw Pulumi config values (strings; arrays arrive as JSON text), collecting problems
// instead of throwing, so one run reports everything that is wrong.
import { ConfigKey, defaultValue, fullConfigKey } from "./configKeys";

/** One broken rule: which key (and array item), the value given, and what it must be. */
export interface ConfigProblem {
    /** The full key, e.g. `secure-packages:domainName`. */
    key: string;
    /** Zero-based position, when the problem is one item of an array. */
    index?: number;
    /** The value given (an item's value for an item problem); undefined when the key is not set. */
    value: string | undefined;
    rule: string;
}

/** A pattern and the rule an error states for it: "must match PATTERN (meaning)". */
export interface PatternRule {
    pattern: RegExp;
    rule: string;
}

export function rule(pattern: RegExp, meaning: string): PatternRule {
    return { pattern, rule: `must match ${pattern.source} (${meaning})` };
}

export function describeProblem(problem: ConfigProblem): string {
    const where = problem.index === undefined ? problem.key : `${problem.key}[${problem.index}]`;
    const given = problem.value === undefined ? "is not set" : `= ${JSON.stringify(problem.value)}`;
    return `${where} ${given}: ${problem.rule}`;
}

export class ConfigReader {
    readonly problems: ConfigProblem[] = [];

    /** @param raw values by key, as `pulumi.Config.get` returns them (`secure-packages:` prefix optional). */
    constructor(private readonly raw: Record<string, string | undefined>) {}

    problem(key: ConfigKey, value: string | undefined, rule: string, index?: number): void {
        this.problems.push({ key: fullConfigKey(key), value, rule, ...(index === undefined ? {} : { index }) });
    }

    /** The raw text, or undefined when the key is not set. */
    text(key: ConfigKey): string | undefined {
        return this.raw[key] ?? this.raw[fullConfigKey(key)];
    }

    /** A string key: its value, its default, or (for a required key) a problem and undefined. */
    string(key: ConfigKey): string | undefined {
        const text = this.text(key);
        if (text !== undefined) return text;
        const fallback = defaultValue(key);
        if (typeof fallback === "string") return fallback;
        this.problem(key, undefined, `is required: pulumi config set ${fullConfigKey(key)} <value>`);
        return undefined;
    }

    /** A string key whose value must match the rule's pattern. */
    matching(key: ConfigKey, check: PatternRule): string | undefined {
        const value = this.string(key);
        if (value === undefined) return undefined;
        if (check.pattern.test(value)) return value;
        this.problem(key, value, check.rule);
        return undefined;
    }

    /** An optional string key where "" means "not set": the value when set and valid, else undefined. */
    optionalMatching(key: ConfigKey, check: PatternRule): string | undefined {
        const value = this.string(key);
        return value === "" ? undefined : this.matching(key, check);
    }

    boolean(key: ConfigKey): boolean | undefined {
        const text = this.text(key);
        if (text === undefined) return defaultValue(key) as boolean;
        if (text === "true" || text === "false") return text === "true";
        this.problem(key, text, "must be true or false");
        return undefined;
    }

    integer(key: ConfigKey, min: number, max: number): number | undefined {
        const text = this.text(key);
        if (text === undefined) return defaultValue(key) as number;
        const value = /^-?[0-9]+$/.test(text) ? Number(text) : NaN;
        if (!Number.isSafeInteger(value) || value < min || value > max) {
            this.problem(key, text, `must be an integer from ${min} to ${max}`);
            return undefined;
        }
        return value;
    }

    /** A list of strings (Pulumi passes a YAML list as JSON text). */
    stringArray(key: ConfigKey): string[] | undefined {
        const text = this.text(key);
        if (text === undefined) return [...((defaultValue(key) ?? []) as readonly string[])];
        let parsed: unknown;
        try {
            parsed = JSON.parse(text);
        } catch {
            parsed = undefined;
        }
        if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === "string")) {
            this.problem(key, text, `must be a list of strings (in a stack file: a YAML list; on the command line: JSON such as ["a","b"])`);
            return undefined;
        }
        return parsed;
    }

    /** Reports each repeated item once, at its second occurrence. */
    noDuplicates(key: ConfigKey, items: readonly string[], identity: (item: string) => string = (item) => item): void {
        const seen = new Set<string>();
        items.forEach((item, index) => {
            const id = identity(item);
            if (seen.has(id)) this.problem(key, item, "is listed more than once; items must be unique", index);
            seen.add(id);
        });
    }
}
