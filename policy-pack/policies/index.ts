// The pack's policies, in one list: the PolicyPack entry point, the tests and the offline check all
// import it from here. Policy names are a contract (docs, configs and tools refer to them).
import { PolicyPackArgs, Policies } from "@pulumi/policy";
// --- IAM policies ---
// --- resource policies (KMS, CodeArtifact resources, EC2) ---

export const packName = "codeartifact-least-privilege";

export const policies: Policies = [
    // --- IAM policies ---
    // --- resource policies (KMS, CodeArtifact resources, EC2) ---
];

export const packArgs: PolicyPackArgs = {
    description: "Least-privilege, read-only AWS CodeArtifact IAM, enforced on every preview and update.",
    enforcementLevel: "mandatory",
    policies,
};
