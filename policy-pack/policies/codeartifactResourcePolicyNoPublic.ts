// codeartifact-resource-policy-no-public: a domain or repository permissions policy is how other
// accounts get in. `Principal: "*"` is everyone on AWS unless a condition on aws:PrincipalOrgID or
// aws:PrincipalAccount fences it to an organization or account; and another account may read but
// never write (publish, delete, change policies) into our packages.
import { ResourceValidationArgs, ResourceValidationPolicy, ReportViolation } from "@pulumi/policy";
import { validateTypes } from "../appliesTo";
import { ActionInfo, describeActions, grantsOf, isReadOnly } from "../iam/actions";
import { ConditionClause, Statement } from "../iam/document";
import { readDocuments, resourcePolicyTypes } from "../iam/documentSources";
import { hasWildcard } from "../iam/wildcard";

/**
 * The condition keys that fence "*" to an organization, an organizational unit or an account, with
 * the form a fencing value must have. A policy variable (`${aws:PrincipalAccount}`) always equals the
 * caller's own value and so fences nothing; a wildcard in the id fences to any match.
 */
const FENCES: Record<string, RegExp> = {
    "aws:principalorgid": /^o-[a-z0-9]{10,32}$/,
    "aws:principalaccount": /^\d{12}$/,
    // An OU path starts with the organization's id; wildcards below it (`o-.../r-.../ou-.../*`) are fine.
    "aws:principalorgpaths": /^o-[a-z0-9]{10,32}\/[^$]*$/,
};
const FENCE_OPERATORS = ["StringEquals", "StringLike", "ForAnyValue:StringEquals", "ForAnyValue:StringLike"];

export const codeartifactResourcePolicyNoPublic: ResourceValidationPolicy = {
    name: "codeartifact-resource-policy-no-public",
    description:
        "Domain and repository permissions policies never allow Principal \"*\" without an aws:PrincipalOrgID or aws:PrincipalAccount condition, and never allow write actions to another account.",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps: [
        'Fence "*" with `"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-..."}}` (or aws:PrincipalAccount),',
        "or name the accounts (`arn:aws:iam::111122223333:root`). Grant other accounts GetAuthorizationToken on the",
        "domain and ReadFromRepository on the repository only; publishing stays in the owning account.",
    ].join(" "),
    url: "https://docs.aws.amazon.com/codeartifact/latest/ug/repo-policies.html",
    validateResource: validateTypes(resourcePolicyTypes, async (args, reportViolation) => {
        for (const { ref, document } of readDocuments(args.type, args.props, reportViolation)) {
            for (const statement of document.statements.filter((s) => s.effect === "Allow")) {
                const where = `${ref.path} ${statement.label}`;
                if (statement.notPrincipal) {
                    reportViolation(`${where} allows NotPrincipal: everyone not listed, in any account.`);
                } else if (statement.principal?.anyone && !isFenced(statement)) {
                    reportViolation(
                        `${where} allows Principal "*" with no aws:PrincipalOrgID, aws:PrincipalOrgPaths or aws:PrincipalAccount condition naming literal ids: anyone with an AWS account.`,
                    );
                }
            }
            for (const { statement, actions } of await grantsOf(document.statements, "codeartifact")) {
                const writes = actions.filter((a) => !isReadOnly(a));
                if (writes.length > 0) judgeWrites(args, `${ref.path} ${statement.label}`, statement, writes, reportViolation);
            }
        }
    }),
};

/** A condition that limits "*" to named organizations or accounts. */
function isFenced(statement: Statement): boolean {
    return statement.conditions.some(isFence);
}

function isFence(clause: ConditionClause): boolean {
    const form = FENCES[clause.key.toLowerCase()];
    if (!form || !FENCE_OPERATORS.includes(clause.operator) || clause.values.length === 0) return false;
    const wildcardsAllowed = clause.key.toLowerCase() === "aws:principalorgpaths" && clause.operator.endsWith("StringLike");
    return clause.values.every((v) => form.test(v) && (wildcardsAllowed || !hasWildcard(v)));
}

/** Writes are for the owning account only. */
function judgeWrites(args: ResourceValidationArgs, where: string, statement: Statement, writes: ActionInfo[], reportViolation: ReportViolation): void {
    const granted = describeActions(writes);
    const owner = ownerAccount(args);
    if (!owner) {
        return reportViolation(`${where} allows ${granted}, and without domainOwner the pack cannot tell the owning account from others; set domainOwner.`);
    }
    const principals = statement.principal;
    if (!principals || principals.anyone || statement.notPrincipal) {
        const fence = statement.conditions.find((c) => c.key.toLowerCase() === "aws:principalaccount" && isFence(c));
        if (!fence) return reportViolation(`${where} allows ${granted} to principals in other accounts; other accounts may only read.`);
        const outside = fence.values.filter((account) => account !== owner);
        if (outside.length > 0) return reportViolation(`${where} allows ${granted} to account ${outside.join(", ")}; other accounts may only read.`);
        return;
    }
    const others = [...principals.aws, ...principals.federated, ...principals.canonicalUser].filter((p) => accountOf(p) !== owner);
    if (principals.service.length > 0 || others.length > 0) {
        reportViolation(`${where} allows ${granted} to ${[...others, ...principals.service].join(", ")}; only the owning account may write.`);
    }
}

/** The account that owns the domain: `domainOwner` when set (it is read only when a write needs judging). */
function ownerAccount(args: ResourceValidationArgs): string | undefined {
    const owner = args.props["domainOwner"];
    return typeof owner === "string" && owner !== "" ? owner : undefined;
}

/** The account of a principal: a 12-digit id, or the account field of an ARN. */
function accountOf(principal: string): string | undefined {
    if (/^\d{12}$/.test(principal)) return principal;
    return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}
