// iam-instance-role-trust: a role an EC2 instance assumes holds the host's credentials. If anything
// besides EC2 can assume it (an account, a user, another service, a federated identity), that
// principal gets the build host's access without being the build host. And no trust policy anywhere
// may name everyone (`Principal: "*"`, `AWS: "*"`, or NotPrincipal in an Allow), nor trust a federated
// identity provider without pinning the token's subject (GitHub OIDC with only `aud`: any repository).
import { validateTypes } from "../appliesTo";
import { resourceTypes } from "../resourceTypes";
import { ConditionClause, PolicyDocumentError, readPolicyDocument } from "../iam/document";
import { otherPrincipals, trustsEc2 } from "../iam/instanceTrust";
import { PackResourcePolicy } from "./packPolicy";

export const iamInstanceRoleTrust: PackResourcePolicy = {
    name: "iam-instance-role-trust",
    description:
        "A role trusted by ec2.amazonaws.com is trusted by nothing else; no trust policy trusts everyone, or a federated provider without a condition on the token's subject.",
    rationale:
        "Whatever else can assume an instance role gets the host's access without being the host; an OIDC trust that checks only the audience lets every identity of that provider in (for GitHub Actions: every repository).",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Give the instance role a trust policy with one statement: `{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}`. Roles that people or CI assume are separate roles. Never trust "*"; name the accounts or roles.',
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html",
    validateResource: validateTypes([resourceTypes.role], (args, reportViolation) => {
        let trust;
        try {
            trust = readPolicyDocument(args.props["assumeRolePolicy"]);
        } catch (e) {
            if (!(e instanceof PolicyDocumentError)) throw e;
            reportViolation(`assumeRolePolicy is not a readable trust policy: ${e.message}.`);
            return;
        }
        const allows = trust.statements.filter((s) => s.effect === "Allow");
        for (const statement of allows) {
            if (statement.notPrincipal) {
                reportViolation(`assumeRolePolicy ${statement.label} allows NotPrincipal: it trusts everyone not listed.`);
            }
            if (statement.principal?.anyone) {
                reportViolation(`assumeRolePolicy ${statement.label} trusts "*": anyone in any account could assume the role.`);
            }
        }
        for (const statement of allows.filter((s) => (s.principal?.federated.length ?? 0) > 0)) {
            if (!statement.conditions.some(namesSubject)) {
                reportViolation(
                    `assumeRolePolicy ${statement.label} trusts ${statement.principal!.federated.join(", ")} without a condition on the token's subject (…:sub): any identity of that provider (for GitHub, any repository) could assume the role.`,
                );
            }
        }
        if (!trustsEc2(allows)) return;
        for (const statement of allows) {
            const others = otherPrincipals(statement.principal);
            if (others.length > 0) {
                reportViolation(
                    `assumeRolePolicy ${statement.label} also trusts ${others.join(", ")}; a role trusted by ec2.amazonaws.com must be trusted by nothing else.`,
                );
            }
        }
    }),
};

/** A condition that pins a federated token's subject (`token.actions.githubusercontent.com:sub`) to named values. */
function namesSubject(clause: ConditionClause): boolean {
    return (
        /:sub$/i.test(clause.key) &&
        /^(ForAnyValue:)?String(Equals|Like)$/.test(clause.operator) &&
        clause.values.length > 0 &&
        clause.values.every((v) => !/^[*?]*$/.test(v))
    );
}
