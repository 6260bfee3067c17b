// The VPC pieces of the AWS provider model (see awsResources.ts for the four kinds of output): VPC,
// subnet, route table and its association, VPC endpoint. Private DNS names and the S3 prefix list
// follow AWS's shapes (DescribeVpcEndpoints' DnsEntries, DescribePrefixLists); the ids are fake.
import type { Account, ResourceContext, TypeModel } from "./resourceModel";
import { createHash } from "crypto";

const ec2Arn = (r: ResourceContext, resource: string) => `arn:${r.account.partition}:ec2:${r.account.region}:${r.account.accountId}:${resource}`;
const hexId = (prefix: string) => (r: ResourceContext) => `${prefix}-0${r.hex(16)}`;

/**
 * The names an interface endpoint's private DNS answers inside the VPC, per service (AWS
 * PrivateLink "AWS services that integrate with AWS PrivateLink"; for CodeArtifact, "Create VPC
 * endpoints for CodeArtifact": the repositories endpoint serves every `*.d.codeartifact.REGION...`).
 */
export function privateDnsNames(service: string, region: string): string[] {
    switch (service) {
        case "codeartifact.api": return [`codeartifact.${region}.amazonaws.com`];
        case "codeartifact.repositories": return [`*.d.codeartifact.${region}.amazonaws.com`];
        case "sts": case "ssm": case "ssmmessages": case "ec2messages": case "kms": case "logs":
            return [`${service}.${region}.amazonaws.com`];
        default: return [];
    }
}

/** `com.amazonaws.REGION.SERVICE` -> `SERVICE`, or undefined for another shape. */
export function serviceOf(serviceName: unknown, region: string): string | undefined {
    if (typeof serviceName !== "string") return undefined;
    const match = /^(?:cn\.)?com\.amazonaws\.([a-z0-9-]+)\.(.+)$/.exec(serviceName);
    return match && match[1] === region ? match[2] : undefined;
}

/**
 * The AWS-managed prefix list of S3 in a region. us-east-1's id and blocks are the real ones as
 * published by DescribePrefixLists at the time of writing; other regions get a derived id and the
 * same blocks, which is enough for a model that only matches ids and addresses it also made.
 */
export function s3PrefixList(account: Account): { id: string; name: string; cidrBlocks: string[] } {
    const id = account.region === "us-east-1" ? "pl-63a5400a" : `pl-${createHash("sha256").update(`s3:${account.region}`).digest("hex").slice(0, 8)}`;
    return {
        id,
        name: `com.amazonaws.${account.region}.s3`,
        cidrBlocks: ["3.5.0.0/19", "16.182.0.0/16", "18.34.0.0/19", "44.192.134.240/28", "44.192.140.64/28", "52.216.0.0/15", "54.231.0.0/16"],
    };
}

/** AWS's policy for an endpoint created without one: full access, for anyone. */
const FULL_ACCESS_POLICY = JSON.stringify({ Version: "2008-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] });

function endpointOutputs(r: ResourceContext): Record<string, unknown> {
    const id = `vpce-0${r.hex(16)}`;
    const service = serviceOf(r.inputs.serviceName, r.account.region) ?? "";
    const gateway = (r.inputs.vpcEndpointType ?? "Gateway") === "Gateway";
    const base = { arn: ec2Arn(r, `vpc-endpoint/${id}`), ownerId: r.account.accountId, state: "available", requesterManaged: false };
    if (gateway) {
        const prefixList = service === "s3" ? s3PrefixList(r.account) : { id: `pl-${r.hex(8, "pl")}`, cidrBlocks: [] };
        return { ...base, prefixListId: prefixList.id, cidrBlocks: prefixList.cidrBlocks, dnsEntries: [], networkInterfaceIds: [] };
    }
    const subnets: unknown[] = Array.isArray(r.inputs.subnetIds) ? r.inputs.subnetIds : [];
    // DescribeVpcEndpoints names: vpce-ID-SUFFIX.SERVICE.REGION.vpce.amazonaws.com; the repositories
    // endpoint answers under d.codeartifact (AWS's "Use CodeArtifact from a VPC" shows one).
    const dnsService = service === "codeartifact.repositories" ? "d.codeartifact" : service;
    const zoneHost = `${id}-${r.hex(8, "dns")}.${dnsService}.${r.account.region}.vpce.amazonaws.com`;
    const privateNames = r.inputs.privateDnsEnabled === true ? privateDnsNames(service, r.account.region) : [];
    return {
        ...base,
        prefixListId: "",
        cidrBlocks: [],
        networkInterfaceIds: subnets.map((_, i) => `eni-0${r.hex(16, `eni${i}`)}`),
        dnsEntries: [
            { dnsName: zoneHost, hostedZoneId: "Z7HUB22UULQXV" },
            ...subnets.map((_, i) => ({ dnsName: `${id}-${r.hex(8, "dns")}-${r.account.region}${"abcdef"[i]}.${dnsService}.${r.account.region}.vpce.amazonaws.com`, hostedZoneId: "Z7HUB22UULQXV" })),
            ...privateNames.map((dnsName) => ({ dnsName, hostedZoneId: `Z0${r.hex(12, "zone").toUpperCase()}` })),
        ],
    };
}

export function networkModels(): Record<string, TypeModel> {
    return {
        "aws:ec2/vpc:Vpc": {
            id: hexId("vpc"),
            computed: (r) => ({
                arn: ec2Arn(r, `vpc/vpc-0${r.hex(16)}`),
                ownerId: r.account.accountId,
                mainRouteTableId: `rtb-0${r.hex(16, "main-rtb")}`,
                defaultRouteTableId: `rtb-0${r.hex(16, "main-rtb")}`,
                defaultSecurityGroupId: `sg-0${r.hex(16, "default-sg")}`,
                defaultNetworkAclId: `acl-0${r.hex(16, "acl")}`,
                dhcpOptionsId: `dopt-0${r.hex(16, "dopt")}`,
                ipv6AssociationId: "",
                ipv6CidrBlock: "",
            }),
            defaults: { instanceTenancy: "default", enableDnsSupport: true, enableDnsHostnames: false, enableNetworkAddressUsageMetrics: false, assignGeneratedIpv6CidrBlock: false },
        },
        "aws:ec2/subnet:Subnet": {
            id: hexId("subnet"),
            computed: (r) => ({ arn: ec2Arn(r, `subnet/subnet-0${r.hex(16)}`), ownerId: r.account.accountId, ipv6CidrBlockAssociationId: "" }),
            defaults: { mapPublicIpOnLaunch: false, assignIpv6AddressOnCreation: false, enableDns64: false, ipv6Native: false, mapCustomerOwnedIpOnLaunch: false },
            optionalComputed: (r) => ({
                availabilityZone: `${r.account.region}a`,
                availabilityZoneId: `${r.account.region.replace(/-/g, "").slice(0, 4)}-az1`,
                privateDnsHostnameTypeOnLaunch: "ip-name",
            }),
        },
        "aws:ec2/routeTable:RouteTable": {
            id: hexId("rtb"),
            computed: (r) => ({ arn: ec2Arn(r, `route-table/rtb-0${r.hex(16)}`), ownerId: r.account.accountId }),
            optionalComputed: () => ({ routes: [], propagatingVgws: [] }),
        },
        "aws:ec2/routeTableAssociation:RouteTableAssociation": { id: hexId("rtbassoc") },
        "aws:ec2/route:Route": { id: (r) => `r-${r.inputs.routeTableId}${r.hex(8)}`, computed: () => ({ origin: "CreateRoute", state: "active" }) },
        "aws:ec2/vpcEndpoint:VpcEndpoint": {
            id: hexId("vpce"),
            computed: endpointOutputs,
            defaults: { autoAccept: false },
            optionalComputed: (r) => ({
                vpcEndpointType: "Gateway",
                policy: FULL_ACCESS_POLICY,
                privateDnsEnabled: false,
                routeTableIds: [],
                subnetIds: [],
                securityGroupIds: (r.inputs.vpcEndpointType ?? "Gateway") === "Interface" ? [`sg-0${r.hex(16, "vpc-default-sg")}`] : [],
                ipAddressType: "ipv4",
                dnsOptions: { dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: false },
            }),
        },
        "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy": { id: (r) => String(r.inputs.vpcEndpointId) },
    };
}
