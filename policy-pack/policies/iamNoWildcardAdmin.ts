// iam-no-wildcard-admin: the grants that make an identity an administrator, written as wildcards:
// `*` or `*:*` (everything), `iam:*` (can rewrite its own permissions), a wildcarded service
// (`*:Put*`, `s?s:*`), a whole service (`s3:*`) on `*`, Allow with NotAction or NotResource (grants
// everything not listed), and iam:PassRole on any role (hands any role to a service).
import { ResourceValidationPolicy } from "@pulumi/policy";
import { validateTypes } from "../appliesTo";
import { statementActions } from "../iam/actions";
import { Statement } from "../iam/document";
import { identityDocumentHolderTypes, readDocuments } from "../iam/documentSources";
import { hasWildcard } from "../iam/wildcard";

export const iamNoWildcardAdmin: ResourceValidationPolicy = {
    name: "iam-no-wildcard-admin",
    description:
        "No allowed `*`, `*:*`, `iam:*`, wildcarded service, or whole service (`service:*`) on `*`; no Allow with NotAction or NotResource; no iam:PassRole on every role.",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "List the actions the identity needs by name (or a narrow pattern within one service) and the ARNs they act on. Replace NotAction/NotResource in Allow statements with explicit Action/Resource lists. Scope iam:PassRole to the ARNs of the roles that may be passed.",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    validateResource: validateTypes(identityDocumentHolderTypes, async (args, reportViolation) => {
        for (const { ref, document } of readDocuments(args.type, args.props, reportViolation)) {
            for (const statement of document.statements.filter((s) => s.effect === "Allow")) {
                for (const problem of await statementProblems(statement)) {
                    reportViolation(`${ref.path} ${statement.label} ${problem}.`);
                }
            }
        }
    }),
};

async function statementProblems(statement: Statement): Promise<string[]> {
    const problems: string[] = [];
    if (statement.notActions) problems.push(`allows NotAction ${JSON.stringify(statement.notActions)}: that grants every action not listed`);
    if (statement.notResources) problems.push(`allows NotResource ${JSON.stringify(statement.notResources)}: that grants on every resource not listed`);
    const onEverything = (statement.resources ?? []).some((r) => r === "*");
    for (const pattern of statement.actions ?? []) {
        const colon = pattern.indexOf(":");
        const service = colon < 0 ? pattern : pattern.slice(0, colon);
        const action = colon < 0 ? "" : pattern.slice(colon + 1);
        if (pattern === "*" || (service === "*" && action === "*")) {
            problems.push(`allows "${pattern}": every action of every service`);
        } else if (hasWildcard(service)) {
            problems.push(`allows "${pattern}": its service part is a wildcard, so it spans services`);
        } else if (service.toLowerCase() === "iam" && action === "*") {
            problems.push(`allows "${pattern}": full IAM control lets the identity grant itself anything`);
        } else if (action === "*" && onEverything) {
            problems.push(`allows "${pattern}" on "*": every ${service} action on every resource`);
        }
    }
    if (await passesAnyRole(statement)) {
        problems.push(`allows iam:PassRole on ${JSON.stringify(statement.resources ?? statement.notResources)}: it can hand any role to a service`);
    }
    return problems;
}

/** iam:PassRole (by name or pattern) on `*` or on every role of an account. */
async function passesAnyRole(statement: Statement): Promise<boolean> {
    const actions = await statementActions(statement, "iam");
    if (!actions.some((a) => a.name === "PassRole")) return false;
    if (statement.notResources) return true;
    return (statement.resources ?? []).some((r) => r === "*" || /^arn:[^:]*:iam::[^:]*:(\*|role\/\*)$/.test(r));
}
