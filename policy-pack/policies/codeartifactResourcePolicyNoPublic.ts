// codeartifact-resource-policy-no-public: a domain or repository permissions policy is how other
// accounts get in. `Principal: "*"` is everyone on AWS unless a condition fences it:
// - to principals of an organization or account (aws:PrincipalOrgID, aws:PrincipalOrgPaths,
//   aws:PrincipalAccount naming literal ids);
// - to named principals (aws:userid naming literal unique ids, `AROA...:*` for a role's sessions;
//   aws:PrincipalArn naming ARNs of IAM principals with their account written out);
// - to AWS services acting for a named resource, account or organization (aws:SourceArn,
//   aws:SourceAccount, aws:SourceOrgID, aws:SourceOrgPaths). AWS puts these keys in the request
//   context only when a service calls on behalf of a resource; a request an IAM principal makes
//   itself lacks them, and a condition on a missing key fails. So "*" is then reachable by service
//   principals only, for the resources named. That holds only for operators that fail on a missing
//   key: `...IfExists` passes when the key is absent, a negated operator (`StringNotEquals`) passes
//   for everything else, and `ForAllValues:` passes on an empty set: none of them fences.
// A network fence (aws:SourceIp, aws:SourceVpce) is not one: every AWS account on that network gets in.
// And another account may read but never write (publish, delete, change policies) into our packages.
import { ResourceValidationArgs, ReportViolation } from "@pulumi/policy";
import { validateTypes } from "../appliesTo";
import { ActionInfo, describeActions, grantsOf, isReadOnly } from "../iam/actions";
import { Statement } from "../iam/document";
import { fencedAccounts, isFenced } from "../iam/principalFences";
import { readDocuments, resourcePolicyTypes } from "../iam/documentSources";
import { PackResourcePolicy } from "./packPolicy";

export const codeartifactResourcePolicyNoPublic: PackResourcePolicy = {
    name: "codeartifact-resource-policy-no-public",
    description:
        "Domain and repository permissions policies never allow Principal \"*\" without an aws:PrincipalOrgID or aws:PrincipalAccount condition, and never allow write actions to another account.",
    rationale:
        "A resource policy is how other accounts get in; `Principal: \"*\"` is everyone on AWS unless fenced. A fence on `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOrgID` or `aws:SourceOrgPaths` leaves `\"*\"` to AWS services acting for the named resource, account or organization: AWS sets these keys only when a service calls on behalf of a resource, so a request an IAM principal makes itself lacks them and fails the condition. That holds only for operators that fail on a missing key (`StringEquals`, `StringLike`, `ArnEquals`, `ArnLike`, and their `ForAnyValue:` forms), never `...IfExists`, a negated operator or `ForAllValues:`. `aws:userid` naming literal unique ids (`AROA...:*` for a role's sessions) fences to those principals, and so does `aws:PrincipalArn` naming IAM principals' ARNs with their account written out (`ArnLike` may wildcard after the account: `arn:aws:iam::111122223333:role/build-*`). `aws:SourceIp` is no fence: every AWS account on that network gets in. Writes are allowed only to the owning account (`aws:PrincipalAccount`, `aws:SourceAccount`, or the account of `aws:SourceArn` or `aws:PrincipalArn`).",
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
                        `${where} allows Principal "*" with no aws:PrincipalOrgID, aws:PrincipalOrgPaths or aws:PrincipalAccount condition naming literal ids (nor aws:userid, aws:PrincipalArn, aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, aws:SourceOrgPaths): anyone with an AWS account.`,
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

/** Writes are for the owning account only. */
function judgeWrites(args: ResourceValidationArgs, where: string, statement: Statement, writes: ActionInfo[], reportViolation: ReportViolation): void {
    const granted = describeActions(writes);
    const owner = ownerAccount(args);
    if (!owner) {
        return reportViolation(`${where} allows ${granted}, and without domainOwner the pack cannot tell the owning account from others; set domainOwner.`);
    }
    const principals = statement.principal;
    if (!principals || principals.anyone || statement.notPrincipal) {
        const accounts = fencedAccounts(statement);
        if (!accounts) return reportViolation(`${where} allows ${granted} to principals in other accounts; other accounts may only read.`);
        const outside = accounts.filter((account) => account !== owner);
        if (outside.length > 0) return reportViolation(`${where} allows ${granted} to account ${outside.join(", ")}; other accounts may only read.`);
        return;
    }
    const others = [...principals.aws, ...principals.federated, ...principals.canonicalUser].filter((p) => accountOf(p) !== owner);
    // A service principal writes for the owning account only when a fence names that account alone.
    const fenced = fencedAccounts(statement);
    const services = fenced && fenced.every((account) => account === owner) ? [] : principals.service;
    if (services.length > 0 || others.length > 0) {
        reportViolation(`${where} allows ${granted} to ${[...others, ...services].join(", ")}; only the owning account may write.`);
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
