// What the pack says of each policy beyond @pulumi/policy's own fields (name, description,
// enforcementLevel, severity, remediationSteps, url, configSchema): why the rule matters. The engine
// ignores it; the policy reference under docs/ and the offline check's SARIF rule help are built from
// it, beside the other fields, so the reasons live next to the code they explain.
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

export interface PolicyRationale {
    /** Why the rule matters: the harm it prevents (Markdown, a paragraph). */
    rationale: string;
}

export type PackResourcePolicy = ResourceValidationPolicy & PolicyRationale;
export type PackStackPolicy = StackValidationPolicy & PolicyRationale;
export type PackPolicy = PackResourcePolicy | PackStackPolicy;
