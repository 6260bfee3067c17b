// The deploy-call table for EC2 (see deployCalls.ts). Source: terraform-provider-aws,
// internal/service/ec2/<resource>.go, which @pulumi/aws 7 bridges. Every create sends the resource's
// tags in TagSpecifications, which EC2 authorizes as ec2:CreateTags with ec2:CreateAction (EC2 user
// guide, "Grant permission to tag resources during creation"); a call that uses another resource
// (a subnet for an instance, a VPC for a subnet) authorizes on that resource too, as the Service
// Authorization Reference lists per action. Describe calls take no resource.
import { CallList, DeployedResource, DeployedStack, NO_RESOURCE, Target, TypeCalls, arnOf, created, existing, requestTags, retagged } from "./deployCalls";
import { role } from "./deployCallsServices";

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const SECURITY_GROUPS = ["aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"];
const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";

function ec2Arn(stack: DeployedStack, kind: string, id: string, account = stack.account.accountId): string {
    return `arn:${stack.account.partition}:ec2:${stack.account.region}:${account}:${kind}/${id}`;
}

/** A resource the call uses: the stack's own (with its tags), else one outside the stack (untagged). */
function used(stack: DeployedStack, types: string[], id: unknown, resourceType: string): Target {
    const own = stack.resources.find((r) => types.includes(r.type) && r.id === id);
    return own ? existing(own, resourceType) : { arn: ec2Arn(stack, resourceType, String(id)), resourceType, context: {} };
}

/** Creating `r` with `action`: the action on the new resource, tagged in the request, and its tagging. */
function create(list: CallList, action: string, r: DeployedResource, resourceType: string, arn = arnOf(r)): void {
    list.add("create", [action], created(r, resourceType, arn));
    list.add("create", ["ec2:CreateTags"], created(r, resourceType, arn), { "ec2:CreateAction": [action.split(":")[1]] });
}

/** Tag changes on an existing resource. */
function retag(list: CallList, r: DeployedResource, resourceType: string): void {
    list.add("update", ["ec2:CreateTags"], retagged(r, resourceType)).add("update", ["ec2:DeleteTags"], existing(r, resourceType), { "aws:TagKeys": Object.keys(r.tags) });
}

const BURSTABLE = /^t\d[a-z]*\./;

export const EC2_CALLS: Record<string, TypeCalls> = {
    // vpc.go: CreateVpc; ModifyVpcAttribute for DNS hostnames (off by default) or DNS support turned off;
    // read: DescribeVpcs, DescribeVpcAttribute (three attributes), the main route table, default
    // security group and default network ACL (DescribeRouteTables, DescribeSecurityGroups, DescribeNetworkAcls).
    [VPC]: {
        taggable: true,
        calls(r, _stack, list) {
            create(list, "ec2:CreateVpc", r, "vpc");
            if (r.inputs.enableDnsHostnames === true || r.inputs.enableDnsSupport === false) list.add("create", ["ec2:ModifyVpcAttribute"], existing(r, "vpc"));
            list.add("read", ["ec2:DescribeVpcs", "ec2:DescribeRouteTables", "ec2:DescribeSecurityGroups", "ec2:DescribeNetworkAcls"], NO_RESOURCE);
            list.add("read", ["ec2:DescribeVpcAttribute"], existing(r, "vpc"));
            list.add("update", ["ec2:ModifyVpcAttribute"], existing(r, "vpc"));
            retag(list, r, "vpc");
            list.add("delete", ["ec2:DeleteVpc"], existing(r, "vpc"));
        },
    },
    // subnet.go: CreateSubnet in the VPC (ModifySubnetAttribute only for attributes set on, e.g. public
    // IPs); read DescribeSubnets; delete first looks for lingering network interfaces.
    [SUBNET]: {
        taggable: true,
        calls(r, stack, list) {
            create(list, "ec2:CreateSubnet", r, "subnet");
            list.add("create", ["ec2:CreateSubnet"], used(stack, [VPC], r.inputs.vpcId, "vpc"));
            if (r.inputs.mapPublicIpOnLaunch === true) list.add("create", ["ec2:ModifySubnetAttribute"], existing(r, "subnet"));
            list.add("read", ["ec2:DescribeSubnets"], NO_RESOURCE);
            list.add("update", ["ec2:ModifySubnetAttribute"], existing(r, "subnet"));
            retag(list, r, "subnet");
            list.add("delete", ["ec2:DescribeNetworkInterfaces"], NO_RESOURCE).add("delete", ["ec2:DeleteSubnet"], existing(r, "subnet"));
        },
    },
    // route_table.go: CreateRouteTable in the VPC; routes the program declares (none here: the S3
    // gateway endpoint adds its own) would be CreateRoute; read DescribeRouteTables.
    [ROUTE_TABLE]: {
        taggable: true,
        calls(r, stack, list) {
            create(list, "ec2:CreateRouteTable", r, "route-table");
            list.add("create", ["ec2:CreateRouteTable"], used(stack, [VPC], r.inputs.vpcId, "vpc"));
            if (Array.isArray(r.inputs.routes) && r.inputs.routes.length > 0) throw new Error(`${r.name} declares routes: add CreateRoute/ReplaceRoute/DeleteRoute to the table`);
            list.add("read", ["ec2:DescribeRouteTables"], NO_RESOURCE);
            retag(list, r, "route-table");
            list.add("delete", ["ec2:DeleteRouteTable"], existing(r, "route-table"));
        },
    },
    // route_table_association.go: AssociateRouteTable, ReplaceRouteTableAssociation, DisassociateRouteTable,
    // each on the route table and the subnet; read DescribeRouteTables.
    "aws:ec2/routeTableAssociation:RouteTableAssociation": {
        taggable: false,
        calls(r, stack, list) {
            const table = used(stack, [ROUTE_TABLE], r.inputs.routeTableId, "route-table");
            const subnet = used(stack, [SUBNET], r.inputs.subnetId, "subnet");
            for (const [phase, action] of [["create", "ec2:AssociateRouteTable"], ["update", "ec2:ReplaceRouteTableAssociation"], ["delete", "ec2:DisassociateRouteTable"]] as const) {
                list.add(phase, [action], table).add(phase, [action], subnet);
            }
            list.add("read", ["ec2:DescribeRouteTables"], NO_RESOURCE);
        },
    },
    // security_group.go: CreateSecurityGroup in the VPC, then (in a VPC) RevokeSecurityGroupEgress of the
    // allow-all rule AWS adds, then Authorize* for inline rules; read DescribeSecurityGroups; delete
    // looks for lingering network interfaces first.
    "aws:ec2/securityGroup:SecurityGroup": {
        taggable: true,
        calls(r, stack, list) {
            const self = existing(r, "security-group");
            create(list, "ec2:CreateSecurityGroup", r, "security-group");
            if (r.inputs.vpcId !== undefined) list.add("create", ["ec2:CreateSecurityGroup"], used(stack, [VPC], r.inputs.vpcId, "vpc"));
            list.add("create", ["ec2:RevokeSecurityGroupEgress"], self);
            for (const [field, action] of [["egress", "ec2:AuthorizeSecurityGroupEgress"], ["ingress", "ec2:AuthorizeSecurityGroupIngress"]]) {
                if (Array.isArray(r.inputs[field]) && (r.inputs[field] as unknown[]).length > 0) list.add("create", [action], self).add("update", [action, action.replace("Authorize", "Revoke")], self);
            }
            list.add("read", ["ec2:DescribeSecurityGroups"], NO_RESOURCE);
            retag(list, r, "security-group");
            list.add("delete", ["ec2:DescribeNetworkInterfaces"], NO_RESOURCE).add("delete", ["ec2:DeleteSecurityGroup"], self);
        },
    },
    // default_security_group.go: adopts the VPC's default group (DescribeSecurityGroups), tags it first
    // (CreateTags on a group that does not carry the stack tag yet: no ec2:CreateAction, no
    // aws:ResourceTag), then revokes every rule it has (the default allows all from itself and all out);
    // delete only forgets it.
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
        taggable: true,
        calls(r, _stack, list) {
            const self = existing(r, "security-group");
            list.add("create", ["ec2:DescribeSecurityGroups"], NO_RESOURCE);
            list.add("create", ["ec2:CreateTags"], { arn: arnOf(r), resourceType: "security-group", context: requestTags(r.tags) });
            list.add("create", ["ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"], self);
            list.add("read", ["ec2:DescribeSecurityGroups"], NO_RESOURCE);
            retag(list, r, "security-group");
        },
    },
    // vpc_security_group_egress_rule.go / _ingress_rule.go: Authorize* with the rule's TagSpecifications
    // (so on the group and on the new security-group-rule), read DescribeSecurityGroupRules, update
    // ModifySecurityGroupRules, delete Revoke* on the group.
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": securityGroupRule("Egress"),
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": securityGroupRule("Ingress"),
    // vpc_endpoint.go: CreateVpcEndpoint authorizes on the new endpoint and on the VPC, subnets, security
    // groups and route tables it names; read DescribeVpcEndpoints (and DescribePrefixLists for a gateway
    // endpoint's prefix list); update ModifyVpcEndpoint; delete DeleteVpcEndpoints.
    "aws:ec2/vpcEndpoint:VpcEndpoint": {
        taggable: true,
        calls(r, stack, list) {
            const self = existing(r, "vpc-endpoint");
            const ids = (field: string) => (Array.isArray(r.inputs[field]) ? (r.inputs[field] as string[]) : []);
            const named = [
                ...ids("subnetIds").map((id) => used(stack, [SUBNET], id, "subnet")),
                ...ids("securityGroupIds").map((id) => used(stack, SECURITY_GROUPS, id, "security-group")),
                ...ids("routeTableIds").map((id) => used(stack, [ROUTE_TABLE], id, "route-table")),
            ];
            create(list, "ec2:CreateVpcEndpoint", r, "vpc-endpoint");
            for (const target of [used(stack, [VPC], r.inputs.vpcId, "vpc"), ...named]) list.add("create", ["ec2:CreateVpcEndpoint"], target);
            list.add("read", ["ec2:DescribeVpcEndpoints", ...(r.inputs.vpcEndpointType === "Gateway" ? ["ec2:DescribePrefixLists"] : [])], NO_RESOURCE);
            for (const target of [self, ...named]) list.add("update", ["ec2:ModifyVpcEndpoint"], target);
            retag(list, r, "vpc-endpoint");
            list.add("delete", ["ec2:DeleteVpcEndpoints"], self);
        },
    },
    // instance.go: RunInstances authorizes on the new instance (tagged in the request), the AMI, the
    // subnet, the security groups, the network interface it creates (untagged) and the root volume,
    // which gets the provider's default tags (and the root block device's own; @pulumi/aws
    // aws.ec2.Instance docs, "five types of tags"); the instance profile's role is passed to EC2. Create looks up
    // the AMI's root device (DescribeImages) and waits (DescribeInstances); read adds
    // DescribeInstanceAttribute, DescribeVolumes and, for burstable types, DescribeInstanceCreditSpecifications.
    // An instance type change stops, modifies and starts it; user data changes replace it
    // (userDataReplaceOnChange); a profile change replaces the association.
    "aws:ec2/instance:Instance": {
        taggable: true,
        calls(r, stack, list) {
            const self = existing(r, "instance");
            const profile = stack.find("aws:iam/instanceProfile:InstanceProfile", r.inputs.iamInstanceProfile);
            const passed = role(stack, profile.inputs.role);
            const toEc2 = { "iam:PassedToService": ["ec2.amazonaws.com"] };
            const groups = Array.isArray(r.inputs.vpcSecurityGroupIds) ? (r.inputs.vpcSecurityGroupIds as string[]) : [];
            if (groups.length === 0) throw new Error(`${r.name} names no security group: model the VPC's default group it would get`);
            create(list, "ec2:RunInstances", r, "instance");
            for (const target of [
                { arn: `arn:${stack.account.partition}:ec2:${stack.account.region}::image/${String(r.inputs.ami)}`, resourceType: "image", context: {} },
                used(stack, [SUBNET], r.inputs.subnetId, "subnet"),
                ...groups.map((id) => used(stack, SECURITY_GROUPS, id, "security-group")),
                { arn: ec2Arn(stack, "network-interface", "eni-created-with-the-instance"), resourceType: "network-interface", context: {} },
            ]) list.add("create", ["ec2:RunInstances"], target);
            const rootDeviceTags = ((r.inputs.rootBlockDevice as { tags?: Record<string, string> } | undefined)?.tags) ?? {};
            const rootVolume = { ...r, tags: { ...stack.defaultTags, ...rootDeviceTags }, state: { arn: ec2Arn(stack, "volume", "vol-root-of-the-instance") } };
            create(list, "ec2:RunInstances", rootVolume, "volume");
            retag(list, rootVolume, "volume");
            list.add("create", ["iam:PassRole"], passed, toEc2).add("create", ["ec2:DescribeImages", "ec2:DescribeInstances"], NO_RESOURCE);
            const burstable = BURSTABLE.test(String(r.inputs.instanceType)) ? ["ec2:DescribeInstanceCreditSpecifications"] : [];
            list.add("read", ["ec2:DescribeInstances", "ec2:DescribeInstanceAttribute", "ec2:DescribeVolumes", ...burstable], NO_RESOURCE);
            list.add("update", ["ec2:StopInstances", "ec2:ModifyInstanceAttribute", "ec2:StartInstances", "ec2:ModifyInstanceMetadataOptions", "ec2:ReplaceIamInstanceProfileAssociation"], self);
            list.add("update", ["ec2:DescribeIamInstanceProfileAssociations"], NO_RESOURCE).add("update", ["iam:PassRole"], passed, toEc2);
            retag(list, r, "instance");
            list.add("delete", ["ec2:TerminateInstances"], self).add("delete", ["ec2:DescribeInstances"], NO_RESOURCE);
        },
    },
};

function securityGroupRule(direction: "Egress" | "Ingress"): TypeCalls {
    return {
        taggable: true,
        calls(r, stack, list) {
            const group = used(stack, SECURITY_GROUPS, r.inputs.securityGroupId, "security-group");
            const rule = existing(r, "security-group-rule");
            const authorize = `ec2:AuthorizeSecurityGroup${direction}`;
            create(list, authorize, r, "security-group-rule");
            list.add("create", [authorize], group);
            list.add("read", ["ec2:DescribeSecurityGroupRules"], NO_RESOURCE);
            list.add("update", ["ec2:ModifySecurityGroupRules"], group).add("update", ["ec2:ModifySecurityGroupRules"], rule);
            retag(list, r, "security-group-rule");
            list.add("delete", [`ec2:RevokeSecurityGroup${direction}`], group);
        },
    };
}

/** The invokes (data sources) the program makes, and what each authorizes. */
export function invokeCalls(token: string, inputs: Record<string, unknown>, stack: DeployedStack): Target & { action: string } | "none" | undefined {
    switch (token) {
        // sts:GetCallerIdentity needs no permission; partition and region are answered locally.
        case "aws:index/getCallerIdentity:getCallerIdentity":
        case "aws:index/getPartition:getPartition":
        case "aws:index/getRegion:getRegion":
            return "none";
        case "aws:index/getAvailabilityZones:getAvailabilityZones":
            return { action: "ec2:DescribeAvailabilityZones", ...NO_RESOURCE };
        case "aws:ec2/getPrefixList:getPrefixList":
            return { action: "ec2:DescribePrefixLists", ...NO_RESOURCE };
        case "aws:ssm/getParameter:getParameter": {
            // AWS's public parameters live in no account: arn:PARTITION:ssm:REGION::parameter/aws/service/...
            const name = String(inputs.name);
            const owner = name.startsWith("/aws/service/") ? "" : stack.account.accountId;
            return { action: "ssm:GetParameter", arn: `arn:${stack.account.partition}:ssm:${stack.account.region}:${owner}:parameter${name}`, resourceType: "parameter", context: {} };
        }
        default:
            return undefined;
    }
}
