// iam-no-privilege-escalation: no identity document allows a known privilege-escalation method.
// iam-no-wildcard-admin refuses what changes IAM itself; this policy adds the escalations through
// other services, where an identity changes code or configuration that runs under another role, or
// hands an existing role to a new resource: updating a Lambda function's code, a Glue dev endpoint,
// executing a CloudFormation change set, new user data on an instance it restarts, a new default
// launch template version, an SSH key pushed through EC2 Instance Connect, ecs:ExecuteCommand into a
// running task, SageMaker notebook URLs and lifecycle configurations, Bedrock AgentCore code
// interpreter sessions, iam:PassRole with a service that runs code... The methods are
// Cloudsplaining's list, kept as data (iam/privilegeEscalationMethods.ts, with its source commit),
// and judged with Cloudsplaining's rule (iam/privilegeEscalation.ts).
import { ResourceValidationPolicy } from "@pulumi/policy";
import { validateTypes } from "../appliesTo";
import { identityDocumentHolderTypes, readDocuments } from "../iam/documentSources";
import { Escalation, escalationsOf } from "../iam/privilegeEscalation";
import { privilegeEscalationSource } from "../iam/privilegeEscalationMethods";

export const iamNoPrivilegeEscalation: ResourceValidationPolicy = {
    name: "iam-no-privilege-escalation",
    description:
        "No identity policy allows, on every resource, all actions of a privilege-escalation method (Cloudsplaining's list: changing code or configuration that runs under another role, passing a role to a new resource, changing IAM).",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps: [
        "Remove the actions of the method the message names, or scope each to the ARNs of the resources the identity owns",
        "(a function, an instance, a stack), never `*` or every resource of the type. Deploying code and infrastructure",
        "belongs to whoever runs `pulumi up`, not to identities the stack creates.",
    ].join(" "),
    url: "https://cloudsplaining.readthedocs.io/en/latest/glossary/privilege-escalation/",
    validateResource: validateTypes(identityDocumentHolderTypes, async (args, reportViolation) => {
        for (const { ref, document } of readDocuments(args.type, args.props, reportViolation)) {
            for (const escalation of await escalationsOf(document)) reportViolation(`${ref.path} ${describeEscalation(escalation)}.`);
        }
    }),
};

/** `allows privilege escalation "X": a, b on every resource (Cloudsplaining ...)`, shared with the managed-policy judgement. */
export function describeEscalation(escalation: Escalation): string {
    return `allows privilege escalation "${escalation.method}": ${escalation.actions.join(", ")} on every resource (Cloudsplaining's methods, ${privilegeEscalationSource.commit.slice(0, 7)})`;
}
