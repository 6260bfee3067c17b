// What `pulumi up --refresh` of one secure-packages stack needs, and no more. Three fences keep one
// stack's pipeline inside its own stack:
// - names: CodeArtifact actions name this domain's ARNs, IAM actions this stack's role and instance
//   profile names, KMS alias actions the domain's alias;
// - the stack tag: resources whose ARN is not known before they exist (the KMS key, the instance, the
//   network) must be created with `secure-packages:stack = STACK` (aws:RequestTag) and are only
//   changed when they carry it (aws:ResourceTag); the stack file's aws:defaultTags puts it on every one;
// - the permissions boundary: every IAM role write requires the role to carry the stack's boundary
//   (iam:PermissionsBoundary), removing it is denied, so no role the deploy creates or edits can exceed it.
// Reads a deploy needs (Describe, Get, List) are granted where AWS lets them be scoped, and on `*` only
// for the wildcard-only calls. test/bootstrap/deployCoverage.test.ts proves the role allows every call
// `pulumi up --refresh` of each stack makes (derived from the program's resources) and grants no
// action none of them needs: change the program, and that test says what the role lacks.
import { awsManagedPolicyArn, customerPolicyArn } from "../infra/iam/arns";
import { SESSION_MANAGER_POLICY } from "../infra/components/readerHost";
import { Account, Document, Statement, document, domainScope, stackContext } from "./documents";
import { STACK_TAG, StackFacts } from "./stackFacts";

/** The EC2 reads `pulumi up --refresh` makes (terraform-provider-aws); EC2 takes no resource for them. */
const EC2_DESCRIBE_CALLS = [
    "ec2:DescribeAvailabilityZones", "ec2:DescribeIamInstanceProfileAssociations", "ec2:DescribeImages", "ec2:DescribeInstanceAttribute",
    "ec2:DescribeInstanceCreditSpecifications", "ec2:DescribeInstances", "ec2:DescribeNetworkAcls", "ec2:DescribeNetworkInterfaces",
    "ec2:DescribePrefixLists", "ec2:DescribeRouteTables", "ec2:DescribeSecurityGroupRules", "ec2:DescribeSecurityGroups",
    "ec2:DescribeSubnets", "ec2:DescribeVolumes", "ec2:DescribeVpcEndpoints", "ec2:DescribeVpcs",
];

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
    // New, or not yet any stack's: tagging another stack's resource with this stack's tag (and so
    // taking it over) is refused, since that resource carries its own stack's tag.
    const createdTagged = { StringEquals: { [`aws:RequestTag/${STACK_TAG}`]: facts.stack }, Null: { [`aws:ResourceTag/${STACK_TAG}`]: "true" } };
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

        // EC2: the build host, its security group, and the private network around it. The Describe
        // calls take no resource in IAM; these are the ones the provider makes, no more.
        { Sid: "DescribeEc2", Effect: "Allow", Action: EC2_DESCRIBE_CALLS, Resource: ["*"] },
        { Sid: "ReadAmiParameter", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: [`arn:${partition}:ssm:${region}::parameter/aws/service/ami-amazon-linux-latest/*`] },
        {
            // Created with the stack tag in the request. The instance's root volume gets the provider's
            // default tags with it; a security group rule (aws.vpc.SecurityGroup*Rule) is created by
            // Authorize*, which then takes the new rule as its resource.
            Sid: "CreateTaggedEc2",
            Effect: "Allow",
            Action: ["ec2:RunInstances", "ec2:CreateSecurityGroup", "ec2:CreateVpc", "ec2:CreateSubnet", "ec2:CreateRouteTable", "ec2:CreateVpcEndpoint", "ec2:AuthorizeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress"],
            Resource: [ec2("instance"), ec2("volume"), ec2("security-group"), ec2("vpc"), ec2("subnet"), ec2("route-table"), ec2("vpc-endpoint"), ec2("security-group-rule")],
            Condition: createdTagged,
        },
        {
            // What RunInstances also authorizes on without a stack tag: the AMI is AWS's, the network
            // interface the instance's own (it exists only with the tagged instance).
            Sid: "UseInRunInstances",
            Effect: "Allow",
            Action: ["ec2:RunInstances"],
            Resource: [`arn:${partition}:ec2:${region}::image/*`, ec2("network-interface")],
        },
        {
            // The stack's own network, used by a create: the VPC a subnet, route table, group or endpoint
            // goes in, the subnet and groups an instance or endpoint is placed in.
            Sid: "UseOwnNetworkInCreate",
            Effect: "Allow",
            Action: ["ec2:RunInstances", "ec2:CreateSecurityGroup", "ec2:CreateSubnet", "ec2:CreateRouteTable", "ec2:CreateVpcEndpoint"],
            Resource: [ec2("subnet"), ec2("security-group"), ec2("vpc"), ec2("route-table")],
            Condition: tagged,
        },
        {
            // Security groups: TagUntaggedSecurityGroup below.
            Sid: "TagOnCreate",
            Effect: "Allow",
            Action: ["ec2:CreateTags"],
            Resource: [ec2("instance"), ec2("volume"), ec2("vpc"), ec2("subnet"), ec2("route-table"), ec2("vpc-endpoint"), ec2("security-group-rule")],
            Condition: {
                ...createdTagged,
                StringEquals: {
                    ...createdTagged.StringEquals,
                    "ec2:CreateAction": ["RunInstances", "CreateVpc", "CreateSubnet", "CreateRouteTable", "CreateVpcEndpoint", "AuthorizeSecurityGroupEgress", "AuthorizeSecurityGroupIngress"],
                },
            },
        },
        {
            // A security group is tagged as CreateSecurityGroup makes it; aws.ec2.DefaultSecurityGroup
            // adopts the group CreateVpc made, untagged, and tags it before it revokes its rules. Both
            // put the stack tag on a group that carries no stack tag yet, which is all this allows (no
            // ec2:CreateAction: the adoption is a plain CreateTags). Once tagged, a group is fenced like
            // the rest; an untagged group of someone else's in the region could be claimed the same way.
            Sid: "TagUntaggedSecurityGroup",
            Effect: "Allow",
            Action: ["ec2:CreateTags"],
            Resource: [ec2("security-group")],
            Condition: createdTagged,
        },
        {
            // Authorize*Ingress: one inbound rule, the VPC endpoints' HTTPS from the build host's group;
            // the pack's ec2-no-public-ingress refuses any rule from the internet before a deploy runs.
            Sid: "ManageTaggedEc2",
            Effect: "Allow",
            Action: [
                "ec2:TerminateInstances", "ec2:StopInstances", "ec2:StartInstances", "ec2:ModifyInstanceAttribute", "ec2:ModifyInstanceMetadataOptions",
                "ec2:ReplaceIamInstanceProfileAssociation",
                "ec2:AuthorizeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress",
                "ec2:ModifySecurityGroupRules", "ec2:DeleteSecurityGroup",
                "ec2:DescribeVpcAttribute", "ec2:ModifyVpcAttribute", "ec2:DeleteVpc", "ec2:ModifySubnetAttribute", "ec2:DeleteSubnet",
                "ec2:AssociateRouteTable", "ec2:ReplaceRouteTableAssociation", "ec2:DisassociateRouteTable", "ec2:DeleteRouteTable",
                "ec2:ModifyVpcEndpoint", "ec2:DeleteVpcEndpoints",
                "ec2:CreateTags", "ec2:DeleteTags",
            ],
            Resource: [ec2("instance"), ec2("volume"), ec2("security-group"), ec2("security-group-rule"), ec2("vpc"), ec2("subnet"), ec2("route-table"), ec2("vpc-endpoint")],
            Condition: tagged,
        },

        // IAM: only the stack's own roles, only bounded, only tagged with the stack.
        { Sid: "CreateBoundedRole", Effect: "Allow", Action: ["iam:CreateRole"], Resource: roles, Condition: { ...createdTagged, StringEquals: { ...bounded.StringEquals, ...createdTagged.StringEquals } } },
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
            Action: ["iam:AttachRolePolicy"],
            Resource: [readerRole],
            Condition: { StringEquals: { ...bounded.StringEquals, ...tagged.StringEquals, "iam:PolicyARN": awsManagedPolicyArn(partition, SESSION_MANAGER_POLICY) } },
        },
        {
            // Any policy, from the stack's own roles: the exclusive attachments detach whatever was
            // attached by hand. Detaching only ever takes permissions away.
            Sid: "DetachFromOwnRoles",
            Effect: "Allow",
            Action: ["iam:DetachRolePolicy"],
            Resource: roles,
            Condition: { StringEquals: { ...bounded.StringEquals, ...tagged.StringEquals } },
        },
        { Sid: "TagOwnRoles", Effect: "Allow", Action: ["iam:TagRole", "iam:UntagRole"], Resource: roles, Condition: { StringEquals: { [`aws:ResourceTag/${STACK_TAG}`]: facts.stack } } },
        { Sid: "TagRoleOnCreate", Effect: "Allow", Action: ["iam:TagRole"], Resource: roles, Condition: createdTagged },
        { Sid: "ReadOwnRoles", Effect: "Allow", Action: ["iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole"], Resource: roles, Condition: tagged },
        {
            // RunInstances passes the role to EC2; AddRoleToInstanceProfile checks iam:PassRole too, with
            // no service in the request: to EC2 or to no service, and only the stack's own reader role.
            Sid: "PassReaderRoleToEc2",
            Effect: "Allow",
            Action: ["iam:PassRole"],
            Resource: [readerRole],
            Condition: { ...tagged, StringEqualsIfExists: { "iam:PassedToService": "ec2.amazonaws.com" } },
        },
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
