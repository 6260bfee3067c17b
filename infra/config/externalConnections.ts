// CodeArtifact's public package sources, and the "store" repository that holds each one.
//
// A repository can have at most one external connection, so each public source gets its own store
// repository, and the team repository lists those stores as upstreams (order = search order).

/** The external connections CodeArtifact offers (aws-facts.md). */
export const KNOWN_EXTERNAL_CONNECTIONS: readonly string[] = [
    "public:maven-central",
    "public:maven-googleandroid",
    "public:maven-gradleplugins",
    "public:maven-commonsware",
    "public:maven-clojars",
    "public:npmjs",
    "public:pypi",
    "public:nuget-org",
    "public:ruby-gems-org",
    "public:crates-io",
];

/** The usual topology: builds read Maven Central through one store. */
export const DEFAULT_UPSTREAMS: readonly string[] = ["public:maven-central"];

/** A repository may list at most this many direct upstreams. */
export const MAX_UPSTREAMS = 10;

export function isKnownExternalConnection(name: string): boolean {
    return KNOWN_EXTERNAL_CONNECTIONS.includes(name);
}

/** The store repository for a connection: `public:maven-central` -> `maven-central-store`. */
export function storeRepositoryName(externalConnectionName: string): string {
    return `${externalConnectionName.replace(/^public:/, "")}-store`;
}
