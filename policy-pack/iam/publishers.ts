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
                items: { type: "string", pattern: "^[a-z]+/[^/*?]+$" },
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
 * Whether a Resource pattern stays inside one of the namespaces: a package ARN whose format and
 * namespace are written out and equal a configured one (the package name may be wildcarded).
 * Domain, repository, region and account are judged by codeartifact-resources-scoped.
 */
export function isInsideNamespaces(resource: string, namespaces: readonly string[]): boolean {
    const parts = resource.split(":");
    if (parts.length < 6 || parts[0] !== "arn" || parts[2] !== "codeartifact") return false;
    const segments = parts.slice(5).join(":").split("/");
    if (segments[0] !== "package" || segments.length < 6) return false;
    const [, , , format, namespace] = segments;
    return namespaces.some((ns) => ns === `${format}/${namespace}`);
}

/** The IAM role name in a role ARN (`arn:aws:iam::123456789012:role/path/name` -> `name`). */
export function roleNameOfArn(arn: string): string | undefined {
    const match = /^arn:[^:]+:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(arn);
    return match?.[1];
}
