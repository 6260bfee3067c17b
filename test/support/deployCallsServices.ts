// The deploy-call table for IAM, KMS and CodeArtifact (see deployCalls.ts). Sources:
// - AWS provider resources: terraform-provider-aws, the resource's Create/Read/Update/Delete functions
//   (internal/service/<service>/<resource>.go), which @pulumi/aws 7 bridges;
// - aws-native resources: the CloudFormation registry schema's handlers.*.permissions, called through
//   Cloud Control (cloudformation:*Resource*) with the deployer's own credentials;
// - what a call authorizes besides its own resource: the AWS API and Service Authorization references.
import { RequestContext } from "./iamDecision";
import { DeployedStack, NO_RESOURCE, Target, TypeCalls, arnOf, created, existing, requestTags, retagged } from "./deployCalls";

const ROLE = "aws:iam/role:Role";
const KEY = "aws:kms/key:Key";
const REPOSITORY = "aws:codeartifact/repository:Repository";

/** A role as IAM sees it in a request: its tags and, when it has one, its permissions boundary. */
export function role(stack: DeployedStack, name: unknown): Target {
    const r = stack.find(ROLE, name);
    const target = existing(r, "role");
    const boundary = r.inputs.permissionsBoundary;
    return typeof boundary === "string" ? { ...target, context: { ...target.context, "iam:PermissionsBoundary": [boundary] } } : target;
}

/** A policy someone attached or put on the role by hand: what the exclusive resources remove. */
const STRAY_MANAGED_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess";

export const SERVICE_CALLS: Record<string, TypeCalls> = {
    // internal/service/iam/role.go. CreateRole with Tags also authorizes iam:TagRole (IAM User Guide,
    // "Permissions required to tag IAM entities"). Read lists inline and attached policies every refresh.
    // Delete removes the role from its instance profiles first (ListInstanceProfilesForRole).
    [ROLE]: {
        taggable: true,
        calls(r, stack, list) {
            const creating = created(r, "role");
            const boundary: RequestContext = typeof r.inputs.permissionsBoundary === "string" ? { "iam:PermissionsBoundary": [r.inputs.permissionsBoundary] } : {};
            list.add("create", ["iam:CreateRole"], creating, boundary).add("create", ["iam:TagRole"], creating);
            const self = role(stack, r.id);
            list.add("read", ["iam:GetRole", "iam:ListRolePolicies", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies"], self);
            list.add("update", ["iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:PutRolePermissionsBoundary"], self);
            list.add("update", ["iam:TagRole"], { ...self, context: { ...self.context, ...requestTags(r.tags) } });
            list.add("update", ["iam:UntagRole"], self, { "aws:TagKeys": Object.keys(r.tags) });
            list.add("delete", ["iam:ListInstanceProfilesForRole", "iam:DeleteRole"], self);
        },
    },
    // internal/service/iam/role_policy.go: PutRolePolicy (create and update), GetRolePolicy, DeleteRolePolicy.
    "aws:iam/rolePolicy:RolePolicy": {
        taggable: false,
        calls(r, stack, list) {
            const target = role(stack, r.inputs.role);
            list.add("create", ["iam:PutRolePolicy"], target).add("read", ["iam:GetRolePolicy"], target);
            list.add("update", ["iam:PutRolePolicy"], target).add("delete", ["iam:DeleteRolePolicy"], target);
        },
    },
    // internal/service/iam/role_policy_attachment.go: AttachRolePolicy, read by ListAttachedRolePolicies, DetachRolePolicy.
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
        taggable: false,
        calls(r, stack, list) {
            const target = role(stack, r.inputs.role);
            const policy = { "iam:PolicyARN": [String(r.inputs.policyArn)] };
            list.add("create", ["iam:AttachRolePolicy"], target, policy).add("read", ["iam:ListAttachedRolePolicies"], target);
            list.add("delete", ["iam:DetachRolePolicy"], target, policy);
        },
    },
    // internal/service/iam/role_policies_exclusive.go: lists the role's inline policies and deletes
    // every one the program does not declare.
    "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive": {
        taggable: false,
        calls(r, stack, list) {
            const target = role(stack, r.inputs.roleName);
            list.add("read", ["iam:ListRolePolicies"], target).add("create", ["iam:DeleteRolePolicy"], target).add("update", ["iam:DeleteRolePolicy"], target);
        },
    },
    // internal/service/iam/role_policy_attachments_exclusive.go: lists the attached policies and detaches
    // every one the program does not declare, whatever it is (a policy attached by hand).
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": {
        taggable: false,
        calls(r, stack, list) {
            const target = role(stack, r.inputs.roleName);
            list.add("read", ["iam:ListAttachedRolePolicies"], target);
            for (const phase of ["create", "update"] as const) list.add(phase, ["iam:DetachRolePolicy"], target, { "iam:PolicyARN": [STRAY_MANAGED_POLICY] });
        },
    },
    // internal/service/iam/instance_profile.go: CreateInstanceProfile with Tags (and so
    // iam:TagInstanceProfile), AddRoleToInstanceProfile, which also authorizes iam:PassRole on the
    // role (AddRoleToInstanceProfile API reference; no iam:PassedToService in that request), GetInstanceProfile;
    // a role change removes and adds; delete removes the role, then the profile.
    "aws:iam/instanceProfile:InstanceProfile": {
        taggable: true,
        calls(r, stack, list) {
            const creating = created(r, "instance-profile");
            const self = existing(r, "instance-profile");
            const passed = role(stack, r.inputs.role);
            list.add("create", ["iam:CreateInstanceProfile", "iam:TagInstanceProfile"], creating);
            for (const phase of ["create", "update"] as const) list.add(phase, ["iam:AddRoleToInstanceProfile"], self).add(phase, ["iam:PassRole"], passed);
            list.add("read", ["iam:GetInstanceProfile"], self);
            list.add("update", ["iam:RemoveRoleFromInstanceProfile", "iam:UntagInstanceProfile"], self).add("update", ["iam:TagInstanceProfile"], retagged(r, "instance-profile"));
            list.add("delete", ["iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"], self);
        },
    },

    // internal/service/kms/key.go: CreateKey with Tags (which also authorizes kms:TagResource, KMS
    // CreateKey API reference; neither takes a resource), EnableKeyRotation when asked; read:
    // DescribeKey, GetKeyPolicy, GetKeyRotationStatus, ListResourceTags; delete: ScheduleKeyDeletion.
    [KEY]: {
        taggable: true,
        calls(r, _stack, list) {
            const self = existing(r, "key");
            list.add("create", ["kms:CreateKey", "kms:TagResource"], { ...NO_RESOURCE, context: requestTags(r.tags) });
            if (r.inputs.enableKeyRotation === true) list.add("create", ["kms:EnableKeyRotation"], self);
            list.add("read", ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"], self);
            list.add("update", ["kms:UpdateKeyDescription", "kms:EnableKeyRotation", "kms:UntagResource"], self).add("update", ["kms:TagResource"], retagged(r, "key"));
            list.add("delete", ["kms:ScheduleKeyDeletion"], self);
        },
    },
    // internal/service/kms/alias.go: CreateAlias, UpdateAlias and DeleteAlias authorize on the alias and
    // on the key (KMS developer guide, "Controlling access to aliases"); read pages through ListAliases.
    "aws:kms/alias:Alias": {
        taggable: false,
        calls(r, stack, list) {
            const alias = { arn: arnOf(r), resourceType: "alias", context: {} };
            const key = existing(stack.find(KEY, r.inputs.targetKeyId), "key");
            for (const [phase, action] of [["create", "kms:CreateAlias"], ["update", "kms:UpdateAlias"], ["delete", "kms:DeleteAlias"]] as const) {
                list.add(phase, [action], alias).add(phase, [action], key);
            }
            list.add("read", ["kms:ListAliases"], NO_RESOURCE);
        },
    },

    // internal/service/codeartifact/domain.go: CreateDomain (no resource in IAM) with Tags; with an
    // encryption key, CodeArtifact calls kms:DescribeKey and kms:CreateGrant on it with the caller's
    // credentials (CodeArtifact user guide, "Domain encryption"): through the service, for an AWS resource.
    "aws:codeartifact/domain:Domain": {
        taggable: true,
        calls(r, stack, list) {
            const self = existing(r, "domain");
            list.add("create", ["codeartifact:CreateDomain"], { ...NO_RESOURCE, context: requestTags(r.tags) });
            if (typeof r.inputs.encryptionKey === "string") {
                const key = existing(stack.find(KEY, r.inputs.encryptionKey), "key");
                const viaCodeArtifact = { "kms:ViaService": [`codeartifact.${stack.account.region}.amazonaws.com`], "kms:CallerAccount": [stack.account.accountId] };
                list.add("create", ["kms:DescribeKey"], key, viaCodeArtifact).add("create", ["kms:CreateGrant"], key, { ...viaCodeArtifact, "kms:GrantIsForAWSResource": ["true"] });
            }
            list.add("read", ["codeartifact:DescribeDomain", "codeartifact:ListTagsForResource"], self);
            list.add("update", ["codeartifact:UntagResource"], self).add("update", ["codeartifact:TagResource"], retagged(r, "domain"));
            list.add("delete", ["codeartifact:DeleteDomain"], self);
        },
    },
    // internal/service/codeartifact/repository.go: CreateRepository (no resource) with Tags and
    // upstreams, each upstream authorizing codeartifact:AssociateWithDownstreamRepository on itself
    // (CodeArtifact user guide, "Upstream repository permissions"); then AssociateExternalConnection.
    [REPOSITORY]: {
        taggable: true,
        calls(r, stack, list) {
            const self = existing(r, "repository");
            const upstreams = ((r.inputs.upstreams ?? []) as { repositoryName: string }[])
                .map((u) => existing(stack.find(REPOSITORY, `${arnOf(r).slice(0, arnOf(r).lastIndexOf("/"))}/${u.repositoryName}`), "repository"));
            const connects = Array.isArray(r.inputs.externalConnections) ? ["codeartifact:AssociateExternalConnection"] : [];
            list.add("create", ["codeartifact:CreateRepository"], { ...NO_RESOURCE, context: requestTags(r.tags) }).add("create", connects, self);
            list.add("read", ["codeartifact:DescribeRepository", "codeartifact:ListTagsForResource"], self);
            list.add("update", ["codeartifact:UpdateRepository", "codeartifact:AssociateExternalConnection", "codeartifact:DisassociateExternalConnection", "codeartifact:UntagResource"], self);
            list.add("update", ["codeartifact:TagResource"], retagged(r, "repository"));
            for (const upstream of upstreams) for (const phase of ["create", "update"] as const) list.add(phase, ["codeartifact:AssociateWithDownstreamRepository"], upstream);
            list.add("delete", ["codeartifact:DeleteRepository"], self);
        },
    },
    // internal/service/codeartifact/domain_permissions_policy.go.
    "aws:codeartifact/domainPermissions:DomainPermissions": {
        taggable: false,
        calls(r, stack, list) {
            const domain = existing(stack.findBy("aws:codeartifact/domain:Domain", (d) => d.inputs.domain === r.inputs.domain), "domain");
            list.add("create", ["codeartifact:PutDomainPermissionsPolicy"], domain).add("read", ["codeartifact:GetDomainPermissionsPolicy"], domain);
            list.add("update", ["codeartifact:PutDomainPermissionsPolicy"], domain).add("delete", ["codeartifact:DeleteDomainPermissionsPolicy"], domain);
        },
    },
    // internal/service/codeartifact/repository_permissions_policy.go.
    "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy": {
        taggable: false,
        calls(r, stack, list) {
            const repository = existing(stack.find(REPOSITORY, r.id), "repository");
            list.add("create", ["codeartifact:PutRepositoryPermissionsPolicy"], repository).add("read", ["codeartifact:GetRepositoryPermissionsPolicy"], repository);
            list.add("update", ["codeartifact:PutRepositoryPermissionsPolicy"], repository).add("delete", ["codeartifact:DeleteRepositoryPermissionsPolicy"], repository);
        },
    },
    // AWS::CodeArtifact::PackageGroup (aws-cloudformation-resource-providers-codeartifact), handlers:
    // create CreatePackageGroup, DescribePackageGroup, UpdatePackageGroup, UpdatePackageGroupOriginConfiguration,
    // ListAllowedRepositoriesForGroup, ListTagsForResource, TagResource; read Describe/ListAllowed/ListTags;
    // update adds UntagResource; delete DeletePackageGroup, DescribePackageGroup. Through Cloud Control:
    // CreateResource/UpdateResource/DeleteResource, polled with GetResourceRequestStatus; read is GetResource.
    "aws-native:codeartifact:PackageGroup": {
        taggable: true,
        calls(r, _stack, list) {
            const self = existing(r, "package-group");
            const handlerReads = ["codeartifact:DescribePackageGroup", "codeartifact:ListAllowedRepositoriesForGroup", "codeartifact:ListTagsForResource"];
            const writes = ["codeartifact:UpdatePackageGroup", "codeartifact:UpdatePackageGroupOriginConfiguration"];
            list.add("create", ["cloudformation:CreateResource", "cloudformation:GetResourceRequestStatus"], NO_RESOURCE);
            list.add("create", ["codeartifact:CreatePackageGroup"], { ...NO_RESOURCE, context: requestTags(r.tags) });
            list.add("create", [...handlerReads, ...writes], self).add("create", ["codeartifact:TagResource"], retagged(r, "package-group"));
            list.add("read", ["cloudformation:GetResource"], NO_RESOURCE).add("read", handlerReads, self);
            list.add("update", ["cloudformation:UpdateResource", "cloudformation:GetResourceRequestStatus"], NO_RESOURCE);
            list.add("update", [...handlerReads, ...writes, "codeartifact:UntagResource"], self).add("update", ["codeartifact:TagResource"], retagged(r, "package-group"));
            list.add("delete", ["cloudformation:DeleteResource", "cloudformation:GetResourceRequestStatus"], NO_RESOURCE);
            list.add("delete", ["codeartifact:DeletePackageGroup", "codeartifact:DescribePackageGroup"], self);
        },
    },
};
