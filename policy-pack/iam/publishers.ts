// Publishers: the only identities that may write packages. They are named by the pack's config (the
// platform team's file), never by anything a program can set, and each is limited to its namespaces:
//   "publishers": [{ "role": "nextwork-publisher", "namespaces": ["maven/com.nextwork"] }]
// `role` is an IAM role name or a wildcard pattern of one (`*-publisher`), matched against the name
// of the role a document reaches, case-insensitively (IAM role names are unique regardless of case).
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { ActionInfo } from "./actions";
import { matchesWildcard } from "./wildcard";

export interface Publisher {
    role: string;
    /** `FORMAT/NAMESPACE`, e.g. `maven/com.example` (a Maven groupId) or `npm/my-scope`. */
    namespaces: string[];
    /**
     * The repositories it may publish into, as `DOMAIN/REPOSITORY`; absent: any named repository (a
     * publisher could then put its namespace into a store repository that mirrors a public one).
     */
    repositories?: string[];
}

/** The two writes that publish a package version; a publisher may hold nothing else that writes. */
export const publishActionNames: readonly string[] = ["PublishPackageVersion", "PutPackageMetadata"];

export const publishersSchema: PolicyConfigJSONSchema = {
    type: "array",
    description: "Roles that may publish packages, each only inside its namespaces (FORMAT/NAMESPACE).",
    items: {
        type: "object",
        properties: {
            role: { type: "string", minLength: 1, description: "IAM role name, or a pattern with * and ?" },
            namespaces: {
                type: "array",
                minItems: 1,
                items: { type: "string", pattern: "^[a-z]+/[^/*?$]+$" },
            },
            repositories: {
                type: "array",
                minItems: 1,
                items: { type: "string", pattern: "^[^/*?$]+/[^/*?$]+$" },
            },
        },
        required: ["role", "namespaces"],
        additionalProperties: false,
    },
    default: [],
};

export function publishersFor(roleName: string, publishers: readonly Publisher[]): Publisher[] {
    return publishers.filter((p) => matchesWildcard(p.role, roleName, true));
}

export function isPublishAction(action: ActionInfo): boolean {
    return action.service === "codeartifact" && publishActionNames.includes(action.name);
}

/**
 * Whether a Resource pattern stays inside what a publisher may publish to: a package ARN whose format
 * and namespace are written out and equal one of its namespaces (the package name may be
 * wildcarded), in one of its repositories when it lists them. Partition, region, account and the
 * naming of domain and repository are judged by codeartifact-resources-scoped.
 */
export function isInsidePublisherScope(resource: string, publisher: Publisher): boolean {
    const parts = resource.split(":");
    if (parts.length < 6 || parts[0] !== "arn" || parts[2] !== "codeartifact") return false;
    const segments = parts.slice(5).join(":").split("/");
    if (segments[0] !== "package" || segments.length < 6) return false;
    const [, domain, repository, format, namespace] = segments;
    const inRepository = !publisher.repositories || publisher.repositories.includes(`${domain}/${repository}`);
    return inRepository && publisher.namespaces.includes(`${format}/${namespace}`);
}

export function describePublisherScope(publisher: Publisher): string {
    const repositories = publisher.repositories ? ` in ${publisher.repositories.join(", ")}` : "";
    return `${publisher.namespaces.join(", ")}${repositories}`;
}

/** The IAM role name in a role ARN (`arn:aws:iam::123456789012:role/path/name` -> `name`). */
export function roleNameOfArn(arn: string): string | undefined {
    const match = /^arn:[^:]+:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(arn);
    return match?.[1];
}
