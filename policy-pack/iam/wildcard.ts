// IAM wildcards: `*` matches any run of characters (also none), `?` exactly one. Action names
// compare case-insensitively; ARNs compare as written.
const cache = new Map<string, RegExp>();

export function wildcardRegExp(pattern: string, caseInsensitive: boolean): RegExp {
    const key = `${caseInsensitive ? "i" : "s"}:${pattern}`;
    let re = cache.get(key);
    if (!re) {
        const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
        re = new RegExp(`^${source}$`, caseInsensitive ? "is" : "s");
        cache.set(key, re);
    }
    return re;
}

export function matchesWildcard(pattern: string, value: string, caseInsensitive: boolean): boolean {
    return wildcardRegExp(pattern, caseInsensitive).test(value);
}

export function hasWildcard(text: string): boolean {
    return text.includes("*") || text.includes("?");
}
