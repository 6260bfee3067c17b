// kms-key-policy-no-public: a key policy decides who may use and manage a KMS key, and the domain's
// key decrypts every package. `Principal: "*"` (or `{"AWS": "*"}`) in an Allow is every principal of
// every AWS account, unless a condition fences it to named organizations, accounts, principals or
// resources, exactly as in a CodeArtifact resource policy (iam/principalFences.ts), or to calls from
// a named account (kms:CallerAccount, the fence of AWS's own managed-key policies). kms:ViaService
// alone is no fence: any account can call through that service. NotPrincipal in an Allow grants
// everyone not listed. A key without a `policy` gets KMS's default (its own account's root) and passes.
import { validateTypes } from "../appliesTo";
import { resourceTypes } from "../resourceTypes";
import { PolicyDocumentError, readPolicyDocument } from "../iam/document";
import { isFenced } from "../iam/principalFences";
import { PackResourcePolicy } from "./packPolicy";

const keyPolicyTypes = [resourceTypes.kmsKey, resourceTypes.kmsKeyPolicy, resourceTypes.kmsReplicaKey];

/** KMS's own condition key naming the account of the caller, a 12-digit id. */
const KMS_FENCES = { "kms:calleraccount": /^\d{12}$/ };

export const kmsKeyPolicyNoPublic: PackResourcePolicy = {
    name: "kms-key-policy-no-public",
    description: 'KMS key policies never allow Principal "*" without a condition naming an organization, account, principal or resource, and never allow NotPrincipal.',
    rationale:
        "The domain's key decrypts every package; a key policy that allows `\"*\"` lets any AWS account use (or, with `kms:*`, manage) it. The fences are those of `codeartifact-resource-policy-no-public` (`policy-pack/iam/principalFences.ts`), plus `kms:CallerAccount`, which AWS's own managed-key policies use with `kms:ViaService`; `kms:ViaService` alone fences nothing, as any account can call through that service. A key without `policy` gets KMS's default (its own account's root) and passes.",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Name the principals (`{"AWS": "arn:aws:iam::111122223333:root"}` for the key\'s own account, role ARNs for users of the key), or fence "*" with `"StringEquals": {"kms:CallerAccount": "111122223333"}` (with kms:ViaService to keep it to one service) or aws:PrincipalOrgID. Replace NotPrincipal with the principals concerned.',
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html",
    validateResource: validateTypes(keyPolicyTypes, (args, reportViolation) => {
        const raw: unknown = args.props["policy"];
        if (raw === undefined || raw === null || raw === "") return;
        let statements;
        try {
            statements = readPolicyDocument(raw).statements;
        } catch (e) {
            if (!(e instanceof PolicyDocumentError)) throw e;
            return reportViolation(`policy is not a readable key policy document: ${e.message}.`);
        }
        for (const statement of statements.filter((s) => s.effect === "Allow")) {
            if (statement.notPrincipal) {
                reportViolation(`policy ${statement.label} allows NotPrincipal: everyone not listed, in any account, may use the key.`);
            } else if (statement.principal?.anyone && !isFenced(statement, KMS_FENCES)) {
                reportViolation(
                    `policy ${statement.label} allows Principal "*" with no condition naming an organization, account, principal or resource (aws:PrincipalOrgID, aws:PrincipalAccount, kms:CallerAccount, aws:PrincipalArn, aws:SourceArn...): anyone with an AWS account may use the key.`,
                );
            }
        }
    }),
};
