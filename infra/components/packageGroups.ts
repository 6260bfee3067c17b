// Package groups: CodeArtifact's defence against dependency confusion. A package's own origin controls
// default from how its first version arrived, so a name the team has not published yet is open: whoever
// puts it on Maven Central first wins. A package group sets the controls ahead of time for every name in
// a namespace: nothing from an external connection, publishing only into the team repository.
import { PublisherNamespace } from "../iam/policyDocuments";

/** A namespace only the team publishes, e.g. Maven groupId `com.example`. */
export type InternalNamespace = PublisherNamespace;

/** CreatePackageGroup's limit on a pattern's length (CodeArtifact API reference, `packageGroup`). */
export const MAX_PACKAGE_GROUP_PATTERN_LENGTH = 520;

/**
 * The group pattern for every package of one namespace: `/FORMAT/NAMESPACE/*`. It covers exactly that
 * namespace (a Maven `com.example` group does not cover `com.example.tools`), like the publisher's grant.
 */
export function packageGroupPattern(namespace: InternalNamespace): string {
    return `/${namespace.format}/${namespace.namespace}/*`;
}

/** The restriction modes CodeArtifact's origin configuration takes (aws-native's enum, as plain strings). */
export type RestrictionMode = "ALLOW" | "BLOCK" | "ALLOW_SPECIFIC_REPOSITORIES" | "INHERIT";

export interface OriginRestriction {
    restrictionMode: RestrictionMode;
    repositories?: string[];
}

export interface OriginConfiguration {
    restrictions: {
        publish: OriginRestriction;
        externalUpstream: OriginRestriction;
        internalUpstream: OriginRestriction;
    };
}

/**
 * An internal namespace's origin controls: never from an external connection (Maven Central and the
 * like), published only into the team repository, and readable through the domain's own repositories
 * (the team repository reads its stores; they never hold these names, since they cannot fetch them).
 */
export function internalOriginConfiguration(teamRepositoryName: string): OriginConfiguration {
    return {
        restrictions: {
            publish: { restrictionMode: "ALLOW_SPECIFIC_REPOSITORIES", repositories: [teamRepositoryName] },
            externalUpstream: { restrictionMode: "BLOCK" },
            internalUpstream: { restrictionMode: "ALLOW" },
        },
    };
}

/** The namespaces in `first`, then those of `second` not already there (same format and namespace). */
export function mergeNamespaces(first: readonly InternalNamespace[], second: readonly InternalNamespace[]): InternalNamespace[] {
    const key = (ns: InternalNamespace) => packageGroupPattern(ns);
    const seen = new Set(first.map(key));
    return [...first, ...second.filter((ns) => !seen.has(key(ns)))];
}
