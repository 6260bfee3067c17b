// The conditions that fence `Principal: "*"` in a resource policy to named organizations, accounts,
// principals or resources (codeartifact-resource-policy-no-public, kms-key-policy-no-public). A fence
// names literal ids with an operator that fails when the key is missing; see the first of those
// policies for why each key fences and which operators do not.
import { ConditionClause, Statement } from "./document";
import { hasWildcard } from "./wildcard";

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
    // A unique id (AIDA... a user, AROA... a role, with `:session` or `:*` for its sessions), or an
    // account id (the root user's id). Wildcards only in the session part.
    "aws:userid": /^(?:A[A-Z0-9]{3}[A-Z0-9]{12,}(?::[^$]*)?|\d{12})$/,
    // The ARN of the calling IAM principal (a role's ARN for its sessions), its account written out;
    // under a Like operator, wildcards only after the account (`role/build-*`).
    "aws:principalarn": /^arn:[a-z-]+:(?:iam|sts)::\d{12}:[^$]+$/,
    // Service principals acting for a resource, an account or an organization.
    "aws:sourceaccount": /^\d{12}$/,
    "aws:sourceorgid": /^o-[a-z0-9]{10,32}$/,
    "aws:sourceorgpaths": /^o-[a-z0-9]{10,32}\/[^$]*$/,
    // An ARN with its partition, service, region and account written out (wildcards only in the
    // resource part, under a Like operator); S3 bucket ARNs leave region and account empty.
    "aws:sourcearn": /^arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:(?:\d{12})?:[^$]+$/,
};
/** Keys whose fence allows wildcards in part of the value (after the fixed prefix the form requires). */
const WILDCARD_FENCES = ["aws:principalorgpaths", "aws:sourceorgpaths", "aws:userid", "aws:sourcearn", "aws:principalarn"];
/** Operators that fail when the key is missing and compare positively: `...IfExists`, negations and ForAllValues never fence. */
const FENCE_OPERATORS = [
    "StringEquals",
    "StringLike",
    "ForAnyValue:StringEquals",
    "ForAnyValue:StringLike",
    "ArnEquals",
    "ArnLike",
    "ForAnyValue:ArnEquals",
    "ForAnyValue:ArnLike",
];
const ARN_OPERATORS_KEYS = ["aws:sourcearn", "aws:principalarn"];

/** A condition that limits "*" to named organizations or accounts. */
export function isFenced(statement: Statement, extraFences: Readonly<Record<string, RegExp>> = {}): boolean {
    return statement.conditions.some((clause) => isFence(clause, extraFences));
}

function isFence(clause: ConditionClause, extraFences: Readonly<Record<string, RegExp>> = {}): boolean {
    const key = clause.key.toLowerCase();
    const form = FENCES[key] ?? extraFences[key];
    if (!form || !FENCE_OPERATORS.includes(clause.operator) || clause.values.length === 0) return false;
    // Arn operators compare ARNs: only aws:SourceArn and aws:PrincipalArn hold one.
    if (clause.operator.includes("Arn") && !ARN_OPERATORS_KEYS.includes(key)) return false;
    const wildcardsAllowed = WILDCARD_FENCES.includes(key) && clause.operator.endsWith("Like");
    return clause.values.every((v) => form.test(v) && (wildcardsAllowed ? !hasWildcard(fixedPrefix(key, v)) : !hasWildcard(v)));
}

/** The part of a fencing value that must be literal even under a Like operator. */
function fixedPrefix(key: string, value: string): string {
    if (key === "aws:userid") return value.split(":")[0];
    if (key === "aws:sourcearn" || key === "aws:principalarn") return value.split(":").slice(0, 5).join(":");
    return value.split("/")[0];
}

/**
 * The accounts a fence limits "*" to, when it names them: aws:PrincipalAccount or aws:SourceAccount
 * values, or the account of each aws:SourceArn or aws:PrincipalArn. Undefined when no fence names an account.
 */
export function fencedAccounts(statement: Statement): string[] | undefined {
    for (const clause of statement.conditions.filter((clause) => isFence(clause))) {
        const key = clause.key.toLowerCase();
        if (key === "aws:principalaccount" || key === "aws:sourceaccount") return clause.values;
        if (key === "aws:sourcearn" || key === "aws:principalarn") {
            const accounts = clause.values.map((arn) => arn.split(":")[4]);
            if (accounts.every((a) => /^\d{12}$/.test(a))) return accounts;
        }
    }
    return undefined;
}

