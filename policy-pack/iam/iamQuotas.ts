// IAM's quotas that fail a deploy at the API call, after earlier resources were created: the size of a
// policy document and the number of managed policies one identity can have. Source: AWS IAM User
// Guide, "IAM and AWS STS quotas" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html),
// section "IAM and STS character limits" and "IAM object quotas": IAM does not count white space
// when it measures a policy against these limits.

export const IAM_QUOTAS = {
    /** All inline policies of one role together, in characters without white space. */
    roleInlinePolicies: 10240,
    /** All inline policies of one user together. */
    userInlinePolicies: 2048,
    /** All inline policies of one group together. */
    groupInlinePolicies: 5120,
    /** One managed policy document. */
    managedPolicy: 6144,
    /** A role's trust policy: a default account quota that can be raised, up to a hard maximum. */
    roleTrustPolicy: { default: 2048, max: 8192 },
    /** Managed policies attached to one role, user or group: a default that can be raised, up to a maximum. */
    managedPoliciesPerIdentity: { default: 10, max: 20 },
} as const;

/** A policy document's size as IAM counts it: its characters, white space left out. */
export function policySize(document: string | object): number {
    const text = typeof document === "string" ? document : JSON.stringify(document);
    return text.replace(/\s/g, "").length;
}
