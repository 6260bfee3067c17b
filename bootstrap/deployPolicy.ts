// What `pulumi up --refresh` of one secure-packages stack needs, and no more. Three fences keep one
// stack's pipeline inside its own stack:
// - names: CodeArtifact actions name this domain's ARNs, IAM actions this stack's role and instance
//   profile names, KMS alias actions the domain's alias;
// - the stack tag: resources whose ARN is not known before they exist (the KMS key, the instance, the
//   security group) must be created with `secure-packages:stack = STACK` (aws:RequestTag) and are only
//   changed when they carry it (aws:ResourceTag); the stack file's aws:defaultTags puts it on every one;
// - the permissions boundary: every IAM role write requires the role to carry the stack's boundary
//   (iam:PermissionsBoundary), removing it is denied, so no role the deploy creates or edits can exceed it.
// Reads a deploy needs (Describe, Get, List) are granted where AWS lets them be scoped, and on `*` only
// for the wildcard-only EC2 Describe calls.
import { awsManagedPolicyArn, customerPolicyArn } from "../infra/arns";
import { SESSION_MANAGER_POLICY } from "../infra/readerHost";
import { Account, Document, Statement, document, domainScope, stackContext } from "./documents";
import { STACK_TAG, StackFacts } from "./stackFacts";

/** The names Pulumi gives the build host's role and instance profile: `reader-host` (index.ts) + suffix + random part. */
export const READER_ROLE_PATTERN = "reader-host-role-*";
export const READER_PROFILE_PATTERN = "reader-host-profile-*";

export function deployPolicyDocument(account: Account, facts: StackFacts): Document {
    const context = stackContext(account, facts.region);
    const { partition, accountId } = account;
    const region = facts.region;
    const scope = domainScope(context, facts.domainName, facts.repositoryNames);
    const ec2 = (type: string) => `arn:${partition}:ec2:${region}:${accountId}:${type}/*`;
    const kmsKeys = `arn:${partition}:kms:${region}:${accountId}:key/*`;
    const roles = [`arn:${partition}:iam::${accountId}:role/${READER_ROLE_PATTERN}`, ...(facts.publisherRoleName ? [`arn:${partition}:iam::${accountId}:role/${facts.publisherRoleName}`] : [])];
    const readerRole = roles[0];
    const profiles = [`arn:${partition}:iam::${accountId}:instance-profile/${READER_PROFILE_PATTERN}`];
    const boundary = customerPolicyArn(partition, accountId, facts.permissionsBoundaryPolicy);
    const createdTagged = { StringEquals: { [`aws:RequestTag/${STACK_TAG}`]: facts.stack } };
    const tagged = { StringEquals: { [`aws:ResourceTag/${STACK_TAG}`]: facts.stack } };
    const bounded = { StringEquals: { "iam:PermissionsBoundary": boundary } };

    const statements: Statement[] = [
        // CodeArtifact. Creating a domain, repository or package group takes no resource ARN in IAM:
        // the request's tags are what can be required.
        { Sid: "CreateCodeArtifactTagged", Effect: "Allow", Action: ["codeartifact:CreateDomain", "codeartifact:CreateRepository", "codeartifact:CreatePackageGroup"], Resource: ["*"], Condition: createdTagged },
        {
            Sid: "AdministerThisDomain",
            Effect: "Allow",
            Action: [
                "codeartifact:DescribeDomain", "codeartifact:DeleteDomain",
                "codeartifact:GetDomainPermissionsPolicy", "codeartifact:PutDomainPermissionsPolicy", "codeartifact:DeleteDomainPermissionsPolicy",
                "codeartifact:DescribeRepository", "codeartifact:UpdateRepository", "codeartifact:DeleteRepository",
                "codeartifact:AssociateExternalConnection", "codeartifact:DisassociateExternalConnection", "codeartifact:AssociateWithDownstreamRepository",
                "codeartifact:GetRepositoryPermissionsPolicy", "codeartifact:PutRepositoryPermissionsPolicy", "codeartifact:DeleteRepositoryPermissionsPolicy",
                "codeartifact:GetRepositoryEndpoint",
                "codeartifact:DescribePackageGroup", "codeartifact:UpdatePackageGroup", "codeartifact:UpdatePackageGroupOriginConfiguration",
                "codeartifact:DeletePackageGroup", "codeartifact:ListAllowedRepositoriesForGroup",
                "codeartifact:TagResource", "codeartifact:UntagResource", "codeartifact:ListTagsForResource",
            ],
            Resource: [scope.domain, ...scope.repositories, scope.packageGroups],
        },

        // Package groups come from @pulumi/aws-native, which works through Cloud Control: its calls take
        // no resource ARN, and Cloud Control acts with the deployer's own CodeArtifact permissions above.
        {
            Sid: "CloudControlForPackageGroups",
            Effect: "Allow",
            Action: ["cloudformation:CreateResource", "cloudformation:GetResource", "cloudformation:UpdateResource", "cloudformation:DeleteResource", "cloudformation:GetResourceRequestStatus"],
            Resource: ["*"],
        },

        // KMS: the domain's key. Its ARN exists only once it is created, so it is fenced by the stack tag;
        // CodeArtifact creates its grant on the key with the deployer's credentials, through the service.
        { Sid: "CreateKeyTagged", Effect: "Allow", Action: ["kms:CreateKey", "kms:TagResource"], Resource: ["*"], Condition: createdTagged },
        {
            Sid: "ManageTaggedKey",
            Effect: "Allow",
            Action: [
                "kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:EnableKeyRotation", "kms:ListResourceTags",
                "kms:TagResource", "kms:UntagResource", "kms:UpdateKeyDescription", "kms:ScheduleKeyDeletion",
                "kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias",
            ],
            Resource: [kmsKeys],
            Condition: tagged,
        },
        {
            Sid: "GrantTaggedKeyToCodeArtifact",
            Effect: "Allow",
            Action: ["kms:CreateGrant"],
            Resource: [kmsKeys],
            Condition: { ...tagged, StringEquals: { ...tagged.StringEquals, "kms:ViaService": `codeartifact.${region}.amazonaws.com` }, Bool: { "kms:GrantIsForAWSResource": "true" } },
        },
        { Sid: "TheDomainKeyAlias", Effect: "Allow", Action: ["kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"], Resource: [`arn:${partition}:kms:${region}:${accountId}:alias/codeartifact/${facts.domainName}`] },
        { Sid: "ListAliases", Effect: "Allow", Action: ["kms:ListAliases"], Resource: ["*"] },

        // EC2: the build host, its security group, and the private network around it.
        { Sid: "DescribeEc2", Effect: "Allow", Action: ["ec2:Describe*"], Resource: ["*"] },
        { Sid: "ReadAmiParameter", Effect: "Allow", Action: ["ssm:GetParameter", "ssm:GetParameters"], Resource: [`arn:${partition}:ssm:${region}::parameter/aws/service/ami-amazon-linux-latest/*`] },
        {
            Sid: "CreateTaggedEc2",
            Effect: "Allow",
            Action: ["ec2:RunInstances", "ec2:CreateSecurityGroup", "ec2:CreateVpc", "ec2:CreateSubnet", "ec2:CreateRouteTable", "ec2:CreateVpcEndpoint"],
            Resource: [ec2("instance"), ec2("security-group"), ec2("vpc"), ec2("subnet"), ec2("route-table"), ec2("vpc-endpoint")],
            Condition: createdTagged,
        },
        {
            // What RunInstances, CreateSecurityGroup and CreateVpcEndpoint also touch without creating it
            // tagged (the AMI is AWS's, the volume and network interface are the instance's own).
            Sid: "UseInCreate",
            Effect: "Allow",
            Action: ["ec2:RunInstances", "ec2:CreateSecurityGroup", "ec2:CreateSubnet", "ec2:CreateRouteTable", "ec2:CreateVpcEndpoint"],
            Resource: [`arn:${partition}:ec2:${region}::image/*`, ec2("volume"), ec2("network-interface"), ec2("subnet"), ec2("security-group"), ec2("vpc"), ec2("route-table")],
        },
        {
            Sid: "TagOnCreate",
            Effect: "Allow",
            Action: ["ec2:CreateTags"],
            Resource: [ec2("instance"), ec2("volume"), ec2("network-interface"), ec2("security-group"), ec2("vpc"), ec2("subnet"), ec2("route-table"), ec2("vpc-endpoint")],
            Condition: { StringEquals: { "ec2:CreateAction": ["RunInstances", "CreateSecurityGroup", "CreateVpc", "CreateSubnet", "CreateRouteTable", "CreateVpcEndpoint"] } },
        },
        {
            // No Authorize*Ingress: the stack opens no inbound port, so its deploy cannot either.
            Sid: "ManageTaggedEc2",
            Effect: "Allow",
            Action: [
                "ec2:TerminateInstances", "ec2:StopInstances", "ec2:StartInstances", "ec2:ModifyInstanceAttribute", "ec2:ModifyInstanceMetadataOptions",
                "ec2:AssociateIamInstanceProfile", "ec2:ReplaceIamInstanceProfileAssociation",
                "ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress", "ec2:ModifySecurityGroupRules", "ec2:DeleteSecurityGroup",
                "ec2:ModifyVpcAttribute", "ec2:DeleteVpc", "ec2:ModifySubnetAttribute", "ec2:DeleteSubnet",
                "ec2:AssociateRouteTable", "ec2:DisassociateRouteTable", "ec2:DeleteRouteTable",
                "ec2:ModifyVpcEndpoint", "ec2:DeleteVpcEndpoints",
                "ec2:CreateTags", "ec2:DeleteTags",
            ],
            Resource: [ec2("instance"), ec2("volume"), ec2("security-group"), ec2("security-group-rule"), ec2("vpc"), ec2("subnet"), ec2("route-table"), ec2("vpc-endpoint")],
            Condition: tagged,
        },

        // IAM: only the stack's own roles, only bounded, only tagged with the stack.
        { Sid: "CreateBoundedRole", Effect: "Allow", Action: ["iam:CreateRole"], Resource: roles, Condition: { StringEquals: { ...bounded.StringEquals, ...createdTagged.StringEquals } } },
        {
            Sid: "ChangeBoundedRole",
            Effect: "Allow",
            Action: ["iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:PutRolePermissionsBoundary", "iam:DeleteRole"],
            Resource: roles,
            Condition: { StringEquals: { ...bounded.StringEquals, ...tagged.StringEquals } },
        },
        {
            Sid: "AttachOnlySessionManager",
            Effect: "Allow",
            Action: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
            Resource: [readerRole],
            Condition: { StringEquals: { ...bounded.StringEquals, ...tagged.StringEquals, "iam:PolicyARN": awsManagedPolicyArn(partition, SESSION_MANAGER_POLICY) } },
        },
        { Sid: "TagOwnRoles", Effect: "Allow", Action: ["iam:TagRole", "iam:UntagRole"], Resource: roles, Condition: { StringEquals: { [`aws:ResourceTag/${STACK_TAG}`]: facts.stack } } },
        { Sid: "TagRoleOnCreate", Effect: "Allow", Action: ["iam:TagRole"], Resource: roles, Condition: createdTagged },
        { Sid: "ReadOwnRoles", Effect: "Allow", Action: ["iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole"], Resource: roles },
        { Sid: "PassReaderRoleToEc2", Effect: "Allow", Action: ["iam:PassRole"], Resource: [readerRole], Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } } },
        { Sid: "CreateTaggedInstanceProfile", Effect: "Allow", Action: ["iam:CreateInstanceProfile", "iam:TagInstanceProfile"], Resource: profiles, Condition: createdTagged },
        {
            Sid: "ManageTaggedInstanceProfile",
            Effect: "Allow",
            Action: ["iam:GetInstanceProfile", "iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile", "iam:TagInstanceProfile", "iam:UntagInstanceProfile"],
            Resource: profiles,
            Condition: tagged,
        },
        { Sid: "NeverUnbound", Effect: "Deny", Action: ["iam:DeleteRolePermissionsBoundary"], Resource: ["*"] },
    ];
    return document(statements);
}
