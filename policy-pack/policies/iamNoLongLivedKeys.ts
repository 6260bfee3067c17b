// iam-no-long-lived-keys: access keys do not expire; a key copied into a CI secret or a laptop is
// valid until someone remembers to delete it, and its secret lands in the stack's state. Roles hand out
// credentials that expire by themselves. So the stack creates no access key, and grants no IAM user or
// group any CodeArtifact action (a user's only way to use it would be a long-lived key).
//
// Where it runs: per resource, so an access key is refused before it exists (and before its secret is
// in state). A user's or group's CodeArtifact grant is seen in their inline policies and in AWS
// managed policies attached to them; a customer-managed aws.iam.Policy attached to a user is judged by
// codeartifact-read-only when it writes, but its reads are not linked to the user here: a resource
// policy sees one resource, and the attachment names only the policy's ARN.
import { ResourceValidationArgs, UnknownValueError } from "@pulumi/policy";
import { validateTypes } from "../appliesTo";
import { resourceTypes } from "../resourceTypes";
import { describeActions, grantsOf } from "../iam/actions";
import { awsManagedPolicyDocument, awsManagedPolicyName } from "../iam/awsManagedPolicies";
import { PolicyDocument } from "../iam/document";
import { readDocuments } from "../iam/documentSources";
import { PackResourcePolicy } from "./packPolicy";

const appliesTo = [
    resourceTypes.accessKey,
    resourceTypes.userPolicy,
    resourceTypes.groupPolicy,
    resourceTypes.userPolicyAttachment,
    resourceTypes.groupPolicyAttachment,
    resourceTypes.policyAttachment,
    resourceTypes.userPolicyAttachmentsExclusive,
    resourceTypes.groupPolicyAttachmentsExclusive,
];

export const iamNoLongLivedKeys: PackResourcePolicy = {
    name: "iam-no-long-lived-keys",
    description: "No IAM access keys, and no IAM user or group granted any CodeArtifact action: roles rotate credentials, keys don't.",
    rationale: "An access key never expires and its secret lands in the stack's state.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Delete the aws.iam.AccessKey. Give the workload a role instead: an instance profile on EC2, OIDC federation for CI (for example GitHub Actions with aws-actions/configure-aws-credentials), IAM Identity Center for people. Move CodeArtifact grants from users and groups to that role.",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles",
    validateResource: validateTypes(appliesTo, async (args, reportViolation) => {
        switch (args.type) {
            case resourceTypes.accessKey:
                reportViolation(`aws.iam.AccessKey "${args.name}" is a long-lived credential, and its secret would be stored in the stack state; use a role.`);
                return;
            case resourceTypes.userPolicy:
            case resourceTypes.groupPolicy: {
                const holder = args.type === resourceTypes.userPolicy ? "user" : "group";
                for (const { ref, document } of readDocuments(args.type, args.props, reportViolation)) {
                    const granted = await codeartifactActions(document);
                    if (granted) reportViolation(`${ref.path} grants the IAM ${holder} ${granted}; grant CodeArtifact to roles only.`);
                }
                return;
            }
            default: {
                // An attachment to a user or group (PolicyAttachment may list roles only: then it is fine).
                if (args.type === resourceTypes.policyAttachment && !mayList(args.props, "users") && !mayList(args.props, "groups")) return;
                const property = args.type.endsWith("Exclusive") ? "policyArns" : "policyArn";
                const value = args.props[property];
                for (const arn of Array.isArray(value) ? value : [value]) {
                    const name = typeof arn === "string" ? awsManagedPolicyName(arn) : undefined;
                    const document = name ? awsManagedPolicyDocument(name) : undefined;
                    const granted = document ? await codeartifactActions(document) : undefined;
                    if (granted) reportViolation(`${property} "${arn}" (${name}) grants IAM users or groups ${granted}; grant CodeArtifact to roles only.`);
                }
            }
        }
    }),
};

async function codeartifactActions(document: PolicyDocument): Promise<string | undefined> {
    const actions = (await grantsOf(document.statements, "codeartifact")).flatMap((g) => g.actions);
    return actions.length > 0 ? describeActions(actions) : undefined;
}

/** Whether a list property is set and may be non-empty (an unknown list during preview may be). */
function mayList(props: ResourceValidationArgs["props"], key: string): boolean {
    if (!(key in props)) return false;
    try {
        const value = props[key];
        return Array.isArray(value) ? value.length > 0 : value !== null && value !== "";
    } catch (e) {
        if (e instanceof UnknownValueError) return true;
        throw e;
    }
}
