// CodeArtifact package groups as a policy sees them: what a group pattern matches, its external-upstream
// restriction, and which internal namespaces a set of groups leaves open to external connections.
//
// Pattern syntax (AWS: "Package group definition syntax and matching behavior"): `/*` (everything),
// `/FORMAT/*`, `/FORMAT/NAMESPACE/*` (one namespace), `/FORMAT/NAMESPACE/PREFIX*` (names starting with
// PREFIX), `/FORMAT/NAMESPACE/NAME$` (one package). The most specific group matching a package decides
// its origin controls; INHERIT (or no restriction) defers to the next less specific group, up to the
// domain's root group `/*`, which allows everything unless changed.
import { isObject } from "./resourceProps";

/** A namespace only the team publishes: `maven/com.example`. */
export interface InternalNamespace {
    format: string;
    namespace: string;
}

/** The formats whose packages live in namespaces (CodeArtifact), and the config text for one namespace. */
export const INTERNAL_NAMESPACE_PATTERN = "^(maven|npm|generic|swift)/[A-Za-z0-9][A-Za-z0-9._-]*$";

export function parseInternalNamespace(text: string): InternalNamespace {
    const slash = text.indexOf("/");
    return { format: text.slice(0, slash), namespace: text.slice(slash + 1) };
}

export function describeNamespace(ns: InternalNamespace): string {
    return `${ns.format}/${ns.namespace}`;
}

/** What a group pattern matches. */
export type GroupScope =
    | { kind: "all" }
    | { kind: "format"; format: string }
    | { kind: "namespace"; format: string; namespace: string }
    /** Some packages of one namespace: a name prefix or one exact name. */
    | { kind: "packages"; format: string; namespace: string; name: string }
    | { kind: "unreadable" };

export function groupScope(pattern: string): GroupScope {
    if (!pattern.startsWith("/")) return { kind: "unreadable" };
    const segments = pattern.slice(1).split("/").map(decode);
    if (segments.some((s) => s === undefined)) return { kind: "unreadable" };
    const [format, namespace, name] = segments as string[];
    if (segments.length === 1 && format === "*") return { kind: "all" };
    if (segments.length === 2 && namespace === "*" && !format.includes("*")) return { kind: "format", format: format.toLowerCase() };
    if (segments.length !== 3 || format.includes("*") || namespace.includes("*") || name === "") return { kind: "unreadable" };
    if (name === "*") return { kind: "namespace", format: format.toLowerCase(), namespace };
    return { kind: "packages", format: format.toLowerCase(), namespace, name };
}

function decode(segment: string): string | undefined {
    try {
        return decodeURIComponent(segment);
    } catch {
        return undefined;
    }
}

/** Whether the scope matches every package of the namespace (so it can set its origin controls). */
export function coversWholeNamespace(scope: GroupScope, ns: InternalNamespace): boolean {
    switch (scope.kind) {
        case "all":
            return true;
        case "format":
            return scope.format === ns.format;
        case "namespace":
            return scope.format === ns.format && scope.namespace === ns.namespace;
        default:
            return false;
    }
}

/** Whether the scope is the namespace itself or a part of it: a group that decides over those packages. */
export function reachesIntoNamespace(scope: GroupScope, ns: InternalNamespace): boolean {
    return (scope.kind === "namespace" || scope.kind === "packages") && scope.format === ns.format && scope.namespace === ns.namespace;
}

/** More specific scopes decide first. */
const SPECIFICITY: Record<GroupScope["kind"], number> = { packages: 3, namespace: 2, format: 1, all: 0, unreadable: -1 };

/** `originConfiguration.restrictions.externalUpstream.restrictionMode`, upper-cased; INHERIT when absent. */
export function externalUpstreamMode(originConfiguration: unknown): string {
    const restrictions = isObject(originConfiguration) ? originConfiguration.restrictions : undefined;
    const external = isObject(restrictions) ? restrictions.externalUpstream : undefined;
    const mode = isObject(external) ? external.restrictionMode : undefined;
    return typeof mode === "string" ? mode.toUpperCase() : "INHERIT";
}

export interface GroupView {
    scope: GroupScope;
    mode: string;
}

/**
 * The external-upstream mode that applies to the namespace as a whole, from the groups given (one
 * domain's): the most specific group covering all of it that does not inherit; the root group's
 * ALLOW when none does.
 */
export function effectiveExternalUpstream(groups: readonly GroupView[], ns: InternalNamespace): string {
    const covering = groups.filter((g) => coversWholeNamespace(g.scope, ns)).sort((a, b) => SPECIFICITY[b.scope.kind] - SPECIFICITY[a.scope.kind]);
    return covering.find((g) => g.mode !== "INHERIT")?.mode ?? "ALLOW";
}

/** The package format an external connection serves; undefined for a connection the pack does not know. */
const CONNECTION_FORMATS: Record<string, string> = {
    "public:maven-central": "maven",
    "public:maven-googleandroid": "maven",
    "public:maven-gradleplugins": "maven",
    "public:maven-commonsware": "maven",
    "public:maven-clojars": "maven",
    "public:npmjs": "npm",
    "public:pypi": "pypi",
    "public:nuget-org": "nuget",
    "public:ruby-gems-org": "ruby",
    "public:crates-io": "cargo",
};

/** Whether packages of `format` can arrive through the connection (an unknown connection: any). */
export function connectionServes(connection: string, format: string): boolean {
    const served = CONNECTION_FORMATS[connection];
    return served === undefined || served === format;
}
