// vpc-endpoint-policy-scoped: the CodeArtifact and S3 endpoints of a private network are usable only
// for this store. An endpoint without a policy gets AWS's default, full access for anyone: anything
// on the host could then use the endpoint with an attacker's own credentials, to push data into
// another account's CodeArtifact domain or any S3 bucket. So each CodeArtifact (codeartifact.api,
// codeartifact.repositories) and S3 endpoint needs a policy (its own `policy`, or a
// VpcEndpointPolicy resource in the stack), and no Allow statement of it may grant:
// - every action (`*`, `SERVICE:*`, or NotAction) on every resource (`*`, or NotResource);
// - a CodeArtifact action on anything but a named domain of this stack (or of allowedDomains), in a
//   named account: `*`, a wildcard domain or account, or another domain's ARN reaches other domains;
// - an S3 action on every bucket (`*`, or a bucket name with a wildcard).
// A stack policy, because the policy may live in a VpcEndpointPolicy resource beside the endpoint,
// and "this stack's domains" are the CodeArtifact domains the stack declares.
import { UnknownValueError } from "@pulumi/policy";
import { describeActions, grantsOf } from "../iam/actions";
import { PolicyDocumentError, Statement, readPolicyDocument } from "../iam/document";
import { StackIndex } from "../iam/roleAccess";
import { hasWildcard, matchesWildcard } from "../iam/wildcard";
import { resourceTypes } from "../resourceTypes";
import { PackStackPolicy } from "./packPolicy";

interface Config {
    allowedDomains: string[];
}

/** The endpoint services this policy judges, by the suffix of `com.amazonaws.REGION.SERVICE`. */
const JUDGED_SERVICES = ["codeartifact.api", "codeartifact.repositories", "s3"];

/** `com.amazonaws.REGION.SERVICE` (or `cn.com.amazonaws...`) -> `SERVICE`. */
export function endpointService(serviceName: unknown): string | undefined {
    if (typeof serviceName !== "string") return undefined;
    return /^(?:cn\.)?com\.amazonaws\.[a-z0-9-]+\.(.+)$/.exec(serviceName)?.[1];
}

const CODEARTIFACT_DOMAIN_ARN = /^arn:[a-z-]+:codeartifact:[a-z0-9-]+:(\d{12}):(?:domain|repository|package|package-group)\/([^/]+)(?:\/.*)?$/;

export const vpcEndpointPolicyScoped: PackStackPolicy = {
    name: "vpc-endpoint-policy-scoped",
    description: "Every CodeArtifact and S3 VPC endpoint has a policy, and it grants neither every action on every resource, nor CodeArtifact actions on another domain, nor S3 actions on every bucket.",
    rationale:
        "An endpoint without a policy gets AWS's default, full access for any principal; code on the host could then push data through it, with an attacker's own credentials, into another account's CodeArtifact domain or any bucket.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: [
        "Give each CodeArtifact endpoint a policy naming this account's principals and this stack's domain and repositories",
        "(infra/iam/endpointPolicies.ts: GetAuthorizationToken on the domain ARN, GetRepositoryEndpoint and ReadFromRepository on the repository ARN,",
        "and sts:GetServiceBearerToken conditioned on sts:AWSServiceName), and the S3 endpoint a policy allowing s3:GetObject on",
        "CodeArtifact's asset bucket and the AL2023 repository bucket of the region only. A domain of another stack goes in allowedDomains.",
    ].join(" "),
    url: "https://docs.aws.amazon.com/codeartifact/latest/ug/create-vpc-endpoint-policy.html",
    configSchema: {
        properties: {
            allowedDomains: {
                type: "array",
                items: { type: "string", pattern: "^[a-z][a-z0-9-]{0,48}[a-z0-9]$" },
                default: [],
                description: "CodeArtifact domain names, besides those the stack declares, that CodeArtifact endpoint policies may name.",
            },
        },
    },
    validateStack: async (args, reportViolation) => {
        const { allowedDomains } = args.getConfig<Config>();
        const index = new StackIndex(args.resources);
        const stackDomains = args.resources.filter((r) => r.type === resourceTypes.codeartifactDomain).map((r) => r.props.domain).filter((d): d is string => typeof d === "string");
        const domains = [...new Set([...stackDomains, ...allowedDomains])];
        const attachedPolicies = args.resources.filter((r) => r.type === resourceTypes.ec2VpcEndpointPolicy);
        let unknown: UnknownValueError | undefined;
        for (const endpoint of args.resources.filter((r) => r.type === resourceTypes.ec2VpcEndpoint)) {
            try {
                const service = endpointService(endpoint.props.serviceName);
                if (!service || !JUDGED_SERVICES.includes(service)) continue;
                const report = (message: string) => reportViolation(`${service} endpoint "${endpoint.name}": ${message}`, endpoint.urn);
                const documents: { source: string; value: unknown }[] = [];
                if (endpoint.props.policy !== undefined && endpoint.props.policy !== null && endpoint.props.policy !== "") documents.push({ source: "its policy", value: endpoint.props.policy });
                for (const attached of attachedPolicies) {
                    if (index.pointsTo(attached, "vpcEndpointId", resourceTypes.ec2VpcEndpoint).includes(endpoint)) {
                        documents.push({ source: `VpcEndpointPolicy "${attached.name}"`, value: attached.props.policy });
                    }
                }
                if (documents.length === 0) {
                    report("it has no policy, so AWS allows every action by anyone on every resource through it (any account's domain or bucket).");
                    continue;
                }
                for (const { source, value } of documents) await judgeDocument(service, source, value, domains, report);
            } catch (e) {
                if (!(e instanceof UnknownValueError)) throw e;
                unknown ??= e;
            }
        }
        if (unknown) throw unknown;
    },
};

async function judgeDocument(service: string, source: string, value: unknown, domains: readonly string[], report: (message: string) => void): Promise<void> {
    let statements: Statement[];
    try {
        statements = readPolicyDocument(value).statements;
    } catch (e) {
        if (e instanceof PolicyDocumentError) return report(`${source} is not a readable policy: ${e.message}.`);
        throw e;
    }
    for (const statement of statements.filter((s) => s.effect === "Allow")) {
        const where = `${source}, ${statement.label}`;
        const everyResource = statement.notResources !== undefined || (statement.resources ?? []).includes("*");
        const everyAction = statement.notActions !== undefined || (statement.actions ?? []).some((a) => a === "*" || matchesWildcard(a, `${service.split(".")[0]}:*`, true) && a.endsWith(":*"));
        if (everyAction && everyResource) report(`${where} allows every action on every resource.`);
    }
    if (service === "s3") {
        for (const { statement, actions } of await grantsOf(statements, "s3")) {
            const anyBucket = statement.notResources !== undefined ? ["NotResource"] : (statement.resources ?? []).filter((r) => r === "*" || bucketHasWildcard(r));
            if (anyBucket.length > 0) report(`${source}, ${statement.label} allows ${describeActions(actions)} on ${anyBucket.join(", ")}: every bucket, not only the ones the host needs.`);
        }
        return;
    }
    for (const { statement, actions } of await grantsOf(statements, "codeartifact")) {
        const resources = statement.notResources !== undefined ? ["NotResource"] : statement.resources ?? [];
        for (const resource of resources) {
            const problem = domainProblem(resource, domains);
            if (problem) report(`${source}, ${statement.label} allows ${describeActions(actions)} on ${JSON.stringify(resource)}: ${problem}.`);
        }
    }
}

/** Why a resource reaches beyond the allowed domains; undefined when it names one of them. */
function domainProblem(resource: string, domains: readonly string[]): string | undefined {
    const match = CODEARTIFACT_DOMAIN_ARN.exec(resource);
    if (!match) return "it is not a CodeArtifact domain, repository or package ARN, so it reaches every domain, other accounts' included";
    const [, , domain] = match;
    if (hasWildcard(domain)) return `the domain "${domain}" is a wildcard, which reaches other domains`;
    if (!domains.includes(domain)) {
        return `the domain "${domain}" is not one of this stack's (${domains.join(", ") || "none declared"}); name it in allowedDomains if it is meant`;
    }
    return undefined;
}

/** `arn:aws:s3:::BUCKET/...` whose bucket part holds a wildcard (or is missing). */
function bucketHasWildcard(resource: string): boolean {
    const bucket = /^arn:[a-z-]+:s3:::([^/]*)/.exec(resource)?.[1];
    return bucket === undefined ? hasWildcard(resource) : bucket === "" || hasWildcard(bucket);
}
