// The pack's policies, in one list: the PolicyPack entry point, the tests and the offline check all
// import it from here. Policy names are a contract (docs, configs and tools refer to them).
import { PolicyPackArgs } from "@pulumi/policy";
import { PackPolicy } from "./packPolicy";
// --- IAM policies ---
import { codeartifactBearerTokenCondition } from "./codeartifactBearerTokenCondition";
import { codeartifactReadOnly } from "./codeartifactReadOnly";
import { codeartifactReaderEffectiveAccess } from "./codeartifactReaderEffectiveAccess";
import { codeartifactResourcePolicyNoPublic } from "./codeartifactResourcePolicyNoPublic";
import { codeartifactResourcesScoped } from "./codeartifactResourcesScoped";
import { iamInstanceRoleTrust } from "./iamInstanceRoleTrust";
import { iamNoLongLivedKeys } from "./iamNoLongLivedKeys";
import { iamNoPrivilegedManagedPolicies } from "./iamNoPrivilegedManagedPolicies";
import { iamNoWildcardAdmin } from "./iamNoWildcardAdmin";
// --- resource policies (KMS, CodeArtifact resources, EC2) ---
import { codeartifactDataProtected } from "./codeartifactDataProtected";
import { codeartifactDomainEncryptedCmk } from "./codeartifactDomainEncryptedCmk";
import { codeartifactExternalConnectionsAllowed } from "./codeartifactExternalConnectionsAllowed";
import { codeartifactInternalNamespacesBlocked } from "./codeartifactInternalNamespacesBlocked";
import { ec2Imdsv2Required } from "./ec2Imdsv2Required";
import { ec2NoInternetEgress } from "./ec2NoInternetEgress";
import { ec2NoPublicIngress } from "./ec2NoPublicIngress";
import { ec2EbsVolumesEncrypted } from "./ec2EbsVolumesEncrypted";
import { kmsKeyPolicyNoPublic } from "./kmsKeyPolicyNoPublic";
import { kmsKeyRotation } from "./kmsKeyRotation";
import { vpcEndpointPolicyScoped } from "./vpcEndpointPolicyScoped";

export const packName = "codeartifact-least-privilege";

export const policies: PackPolicy[] = [
    // --- IAM policies ---
    codeartifactReadOnly,
    codeartifactResourcesScoped,
    codeartifactBearerTokenCondition,
    iamNoWildcardAdmin,
    iamNoPrivilegedManagedPolicies,
    iamInstanceRoleTrust,
    iamNoLongLivedKeys,
    codeartifactResourcePolicyNoPublic,
    // --- resource policies (KMS, CodeArtifact resources, EC2) ---
    codeartifactDomainEncryptedCmk,
    kmsKeyRotation,
    kmsKeyPolicyNoPublic,
    codeartifactExternalConnectionsAllowed,
    codeartifactDataProtected,
    ec2Imdsv2Required,
    ec2NoPublicIngress,
    ec2EbsVolumesEncrypted,
    // --- stack policies ---
    codeartifactReaderEffectiveAccess,
    ec2NoInternetEgress,
    vpcEndpointPolicyScoped,
    // --- resource and stack policies (both halves under one name and config) ---
    codeartifactInternalNamespacesBlocked,
];

export const packArgs: PolicyPackArgs = {
    description: "Least-privilege, read-only AWS CodeArtifact IAM, enforced on every preview and update.",
    enforcementLevel: "mandatory",
    policies,
};
