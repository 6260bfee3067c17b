// CodeArtifact's package origin controls, as AWS documents them ("Editing package origin controls",
// "Package group origin controls", "Package group definition syntax and matching behavior"):
// - every package in a repository has its own controls, publish and upstream, each ALLOW or BLOCK,
//   set by how its first version arrived: published first -> upstream BLOCK, publish ALLOW; fetched
//   first from an upstream or external connection -> publish BLOCK, upstream ALLOW;
// - a package belongs to the most specific package group whose pattern matches it; the root group
//   `/*` always exists and allows everything. Each of the group's restrictions (publish, external
//   upstream, internal upstream) is ALLOW, BLOCK, ALLOW_SPECIFIC_REPOSITORIES (a list) or INHERIT
//   (the next, less specific, matching group decides);
// - a version enters a repository only when both the group and the package allow it: BLOCK wins.
import { PackageGroup, Restriction, RestrictionMode } from "./stackModel";

export type OriginKind = "publish" | "externalUpstream" | "internalUpstream";

export interface PackageControls {
    publish: "ALLOW" | "BLOCK";
    upstream: "ALLOW" | "BLOCK";
}

export interface PackageName {
    format: string;
    namespace: string;
    name: string;
}

/** The controls a new package gets from how its first version arrives. */
export function defaultControls(firstArrival: "published" | "upstream"): PackageControls {
    return firstArrival === "published" ? { publish: "ALLOW", upstream: "BLOCK" } : { publish: "BLOCK", upstream: "ALLOW" };
}

/** Whether the package groups let a version of `pkg` enter `repository` this way. */
export function groupsAllow(groups: readonly PackageGroup[], pkg: PackageName, kind: OriginKind, repository: string): boolean {
    for (const group of matchingGroups(groups, pkg)) {
        const restriction: Restriction = group[kind];
        if (restriction.mode === "INHERIT") continue;
        return decide(restriction.mode, restriction.repositories, repository);
    }
    return true; // the root group `/*`, unchanged: ALLOW
}

function decide(mode: Exclude<RestrictionMode, "INHERIT">, repositories: readonly string[], repository: string): boolean {
    if (mode === "ALLOW") return true;
    if (mode === "BLOCK") return false;
    return repositories.includes(repository);
}

/** The groups whose pattern matches, most specific first. */
export function matchingGroups(groups: readonly PackageGroup[], pkg: PackageName): PackageGroup[] {
    return groups
        .map((group) => ({ group, specificity: specificity(group.pattern, pkg) }))
        .filter((m): m is { group: PackageGroup; specificity: number } => m.specificity !== undefined)
        .sort((a, b) => b.specificity - a.specificity)
        .map((m) => m.group);
}

/**
 * How specifically a pattern matches a package, or undefined when it does not. Patterns:
 * `/*`, `/FORMAT/*`, `/FORMAT/NAMESPACE/*`, `/FORMAT/NAMESPACE/NAME$` (exact), `/FORMAT/NAMESPACE/NAME*`
 * (name prefix) and `/FORMAT/NAMESPACE*` (namespace prefix). Exact beats a prefix of the name, which
 * beats the namespace, which beats a prefix of the namespace, which beats the format, then the root.
 */
function specificity(pattern: string, pkg: PackageName): number | undefined {
    const full = `/${pkg.format}/${pkg.namespace}/${pkg.name}`;
    if (pattern.endsWith("$")) return full === pattern.slice(0, -1) ? 5_000_000 : undefined;
    if (!pattern.endsWith("*")) return undefined;
    const prefix = pattern.slice(0, -1);
    if (!full.startsWith(prefix)) return undefined;
    const depth = prefix.split("/").length - 1; // `/` 1, `/maven/` 2, `/maven/com.x/` 3
    const rank = prefix.endsWith("/") ? depth * 2 : depth * 2 + 1; // a partial segment is more specific than the whole one before it
    return rank * 100_000 + prefix.length;
}
