// iam-no-wildcard-admin: the grants that make an identity an administrator: `*` or `*:*` (everything),
// a pattern matching every IAM action however it is spelled (`iam:*`, `iam:**`), a wildcarded service
// (`*:Put*`, `s?s:*`), a whole service (`s3:*`) on `*`, Allow with NotAction or NotResource (grants
// everything not listed), any IAM action that changes identities or permissions (PutRolePolicy,
// AttachRolePolicy, CreatePolicyVersion, UpdateAssumeRolePolicy, CreateAccessKey...: the identity
// could grant itself anything, CodeArtifact administration included), iam:PassRole or
// sts:AssumeRole on any role, and privilege escalation through other services: a document that
// allows, on every resource, all actions of one of Cloudsplaining's privilege-escalation methods
// (iam/privilegeEscalationMethods.ts, data with its source commit; judged by iam/privilegeEscalation.ts):
// changing code or configuration that runs under another role (a Lambda function's code, a Glue dev
// endpoint, a CloudFormation change set, an instance's user data, a launch template's default
// version, an SSH key through EC2 Instance Connect, ecs:ExecuteCommand, SageMaker notebooks, Bedrock
// AgentCore code interpreters) or passing a role to a new resource that runs code. And, from the
// same source, credentials and data on every resource (iam/sensitiveAccess.ts): actions that return
// credentials (ecr:GetAuthorizationToken, sts:GetSessionToken, redshift:GetClusterCredentials...) and
// s3:GetObject, ssm:GetParameter*, secretsmanager:GetSecretValue.
import { validateTypes } from "../appliesTo";
import { describeActions, expandPatterns, isReadOnly, serviceActions, statementActions } from "../iam/actions";
import { Statement } from "../iam/document";
import { identityDocumentHolderTypes, readDocuments } from "../iam/documentSources";
import { describeEscalation, escalationsOf, isIamOnly } from "../iam/privilegeEscalation";
import { describeSensitiveAccess, sensitiveAccessOf } from "../iam/sensitiveAccess";
import { coversEverything, reachesAnyRole } from "../iam/resourcePatterns";
import { hasWildcard } from "../iam/wildcard";
import { PackResourcePolicy } from "./packPolicy";

export const iamNoWildcardAdmin: PackResourcePolicy = {
    name: "iam-no-wildcard-admin",
    description:
        "No allowed `*`, `*:*`, `iam:*`, wildcarded service, or whole service (`service:*`) on `*`; no Allow with NotAction or NotResource; no IAM action that changes identities or permissions; no iam:PassRole or sts:AssumeRole on every role; no privilege-escalation method, credentials-exposure or data-exfiltration action (Cloudsplaining's lists) on every resource.",
    rationale:
        "These are administrator grants, however they are spelled; an identity that can change IAM (`iam:PutRolePolicy` on its own role, `iam:CreatePolicyVersion`, `iam:CreateAccessKey` for someone else) or pass or assume any role can give itself anything, CodeArtifact administration included. Which IAM actions change identities or permissions comes from the access levels of the Service Authorization Reference.",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "List the actions the identity needs by name (or a narrow pattern within one service) and the ARNs they act on. Replace NotAction/NotResource in Allow statements with explicit Action/Resource lists. Scope iam:PassRole and sts:AssumeRole to the ARNs of the roles concerned. For a privilege-escalation method, a credentials-exposure or a data-exfiltration action (s3:GetObject, ssm:GetParameter*, secretsmanager:GetSecretValue), drop its actions or scope them to the ARNs of the resources the identity owns (a function, an instance, a stack). Identities this stack creates do not administer IAM or deploy code: whoever runs `pulumi up` does.",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    validateResource: validateTypes(identityDocumentHolderTypes, async (args, reportViolation) => {
        for (const { ref, document } of readDocuments(args.type, args.props, reportViolation)) {
            for (const statement of document.statements.filter((s) => s.effect === "Allow")) {
                for (const problem of await statementProblems(statement)) {
                    reportViolation(`${ref.path} ${statement.label} ${problem}.`);
                }
            }
            // Methods of IAM and STS actions alone are refused statement by statement above.
            for (const escalation of (await escalationsOf(document)).filter((e) => !isIamOnly(e))) {
                reportViolation(`${ref.path} ${describeEscalation(escalation)}.`);
            }
            for (const finding of describeSensitiveAccess(await sensitiveAccessOf(document))) {
                reportViolation(`${ref.path} ${finding}.`);
            }
        }
    }),
};

async function statementProblems(statement: Statement): Promise<string[]> {
    const problems: string[] = [];
    if (statement.notActions) problems.push(`allows NotAction ${JSON.stringify(statement.notActions)}: that grants every action not listed`);
    if (statement.notResources) problems.push(`allows NotResource ${JSON.stringify(statement.notResources)}: that grants on every resource not listed`);
    const onEverything = (statement.resources ?? []).some(coversEverything);
    for (const pattern of statement.actions ?? []) {
        const colon = pattern.indexOf(":");
        const service = colon < 0 ? pattern : pattern.slice(0, colon);
        const action = colon < 0 ? "" : pattern.slice(colon + 1);
        if (/^[*?]+$/.test(service) && (colon < 0 || /^[*?]+$/.test(action))) {
            problems.push(`allows "${pattern}": every action of every service`);
        } else if (hasWildcard(service) || service.includes("${")) {
            problems.push(`allows "${pattern}": its service part is a wildcard, so it spans services`);
        } else if (hasWildcard(action) && (await isWholeService(pattern, service))) {
            // Whatever its spelling (`iam:*`, `iam:**`, `s3:*?`): the pattern matches every action of the service.
            if (service.toLowerCase() === "iam") problems.push(`allows "${pattern}": full IAM control lets the identity grant itself anything`);
            else if (onEverything) problems.push(`allows "${pattern}" on "*": every ${service} action on every resource`);
        }
    }
    const administersIam = (await statementActions(statement, "iam")).filter((a) => a.name !== "PassRole" && !isReadOnly(a) && !a.accessLevels.includes("Tagging"));
    if (administersIam.length > 0) {
        problems.push(`allows ${describeActions(administersIam)}: an identity that can change IAM can give itself (or a role it uses) any permission`);
    }
    if ((await grants(statement, "iam", "PassRole")) && reachesAnyRole(statement)) {
        problems.push(`allows iam:PassRole on ${JSON.stringify(statement.resources ?? statement.notResources)}: it can hand any role to a service`);
    }
    if ((await grants(statement, "sts", "AssumeRole")) && reachesAnyRole(statement)) {
        problems.push(`allows sts:AssumeRole on ${JSON.stringify(statement.resources ?? statement.notResources)}: it can become any role that trusts its account`);
    }
    return problems;
}

async function isWholeService(pattern: string, service: string): Promise<boolean> {
    const all = await serviceActions(service);
    return all.length > 0 && (await expandPatterns([pattern], service)).length === all.length;
}

async function grants(statement: Statement, service: string, name: string): Promise<boolean> {
    return (await statementActions(statement, service)).some((a) => a.name === name);
}
