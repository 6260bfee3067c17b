// codeartifact-domain-encrypted-cmk: a CodeArtifact domain encrypts its packages with a
// customer-managed KMS key. Without `encryptionKey`, AWS uses the AWS-managed key `aws/codeartifact`,
// shared by every domain of the account and region: its key policy cannot be changed, so who may
// decrypt the packages cannot be narrowed beyond IAM, its use cannot be told apart per domain, and it
// cannot be disabled to cut off access. The key cannot be changed after the domain is created.
//
// Preview: `encryptionKey` is usually `key.arn` of a key created in the same deployment, unknown
// until the update. Its presence is what the policy needs (the domain names its own key), so an
// unknown value passes without being read. Only a known value is inspected for the reserved
// `alias/aws/` prefix: a value computed from a resource of this deployment cannot be an AWS-managed
// alias (a program cannot create one), and on `pulumi up` the engine checks the value it then knows.
import { validateTypes } from "../appliesTo";
import { resourceTypes } from "../resourceTypes";
import { describeValue, isPresentButUnknown } from "../resourceProps";
import { PackResourcePolicy } from "./packPolicy";

/** `alias/aws/...` or its ARN: the names AWS reserves for AWS-managed keys. */
const awsManagedAlias = /^(arn:[^:]+:kms:[^:]*:[^:]*:)?alias\/aws\//i;

const fix = "set encryptionKey to the ARN of a customer-managed aws.kms.Key (e.g. `encryptionKey: key.arn`)";

export const codeartifactDomainEncryptedCmk: PackResourcePolicy = {
    name: "codeartifact-domain-encrypted-cmk",
    description: "Every CodeArtifact domain encrypts its packages with a customer-managed KMS key, not the AWS-managed aws/codeartifact key.",
    rationale: "With the AWS managed `aws/codeartifact` key you cannot restrict or audit who decrypts your packages separately.",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps: [
        "Create a symmetric aws.kms.Key (enableKeyRotation: true) for the domain and pass `encryptionKey: key.arn`",
        "to aws.codeartifact.Domain. Do not use an `alias/aws/...` name or ARN: those are AWS-managed keys.",
        "A domain's key cannot be changed: an existing domain has to be replaced, which deletes its packages,",
        "so create a new domain with the key and copy the packages over.",
    ].join(" "),
    url: "https://docs.aws.amazon.com/codeartifact/latest/ug/domain-create.html",
    validateResource: validateTypes([resourceTypes.codeartifactDomain], (args, reportViolation) => {
        const props = args.props;
        if (!("encryptionKey" in props)) {
            return reportViolation(`encryptionKey is absent, so the domain is encrypted with the AWS-managed key "aws/codeartifact"; ${fix}.`);
        }
        if (isPresentButUnknown(props, "encryptionKey")) return;
        const key: unknown = props.encryptionKey;
        if (typeof key !== "string") {
            return reportViolation(`encryptionKey is ${describeValue(key)}; expected the ARN of a customer-managed KMS key (a string): ${fix}.`);
        }
        if (key.trim() === "") {
            return reportViolation(`encryptionKey is ${describeValue(key)}, so the domain is encrypted with the AWS-managed key "aws/codeartifact"; ${fix}.`);
        }
        if (awsManagedAlias.test(key.trim())) {
            return reportViolation(
                `encryptionKey is ${describeValue(key)}, an AWS-managed key (the alias/aws/ prefix is reserved for them); ${fix}.`,
            );
        }
    }),
};
