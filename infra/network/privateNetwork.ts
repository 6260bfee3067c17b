// A network for the build host with no path to the internet: a VPC with private subnets in two
// availability zones, no internet gateway, no NAT, no public IPs, and route tables that know only
// the VPC and the S3 gateway endpoint. The host reaches CodeArtifact, STS and (with Session Manager)
// SSM through interface endpoints with private DNS, so the usual hostnames resolve to addresses
// inside the VPC; package assets and AL2023's dnf repositories come through the S3 endpoint. Every
// endpoint's policy limits what it may be used for (endpointPolicies.ts).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext } from "../config/awsContext";
import { EndpointPolicyTarget, codeartifactEndpointPolicy, s3EndpointPolicy, sessionManagerEndpointPolicy, stsEndpointPolicy } from "../iam/endpointPolicies";
import { policyJson } from "../iam/policyDocuments";
import type { HostNetwork } from "../components/readerHost";

export const DEFAULT_VPC_CIDR = "10.40.0.0/16";
const HTTPS = 443;

export interface PrivateNetworkArgs extends EndpointPolicyTarget {
    /** The availability zones to put a subnet in (two: interface endpoints are billed per zone). */
    availabilityZones: readonly string[];
    /** Add the ssm, ssmmessages and ec2messages endpoints Session Manager needs. */
    sessionManager: boolean;
    /** Default 10.40.0.0/16; each subnet gets a /24 of it. */
    cidrBlock?: string;
    tags?: Record<string, string>;
}

/** An interface endpoint's service suffix, and the policy it gets. */
interface InterfaceService {
    service: string;
    policy: string;
}

export class PrivateNetwork extends pulumi.ComponentResource {
    readonly vpc: aws.ec2.Vpc;
    readonly subnets: aws.ec2.Subnet[];
    readonly routeTables: aws.ec2.RouteTable[];
    /** The build host's group: HTTPS out to the endpoints and the S3 prefix list only. */
    readonly hostSecurityGroup: aws.ec2.SecurityGroup;
    /** The interface endpoints' group: HTTPS in from the host's group only. */
    readonly endpointSecurityGroup: aws.ec2.SecurityGroup;
    readonly interfaceEndpoints: Record<string, aws.ec2.VpcEndpoint>;
    readonly s3Endpoint: aws.ec2.VpcEndpoint;

    constructor(name: string, args: PrivateNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("secure-packages:index:PrivateNetwork", name, {}, opts);
        const tags = args.tags ?? {};
        const { context } = args;
        const cidrBlock = args.cidrBlock ?? DEFAULT_VPC_CIDR;
        if (args.availabilityZones.length < 2) {
            throw new Error(`PrivateNetwork: needs two availability zones in ${context.region}, found ${args.availabilityZones.length} (${args.availabilityZones.join(", ") || "none"})`);
        }
        const zones = args.availabilityZones.slice(0, 2);
        const parent = { parent: this };
        // Built first: a region without a known CodeArtifact bucket throws before anything is declared.
        const s3Policy = policyJson(s3EndpointPolicy(context));

        this.vpc = new aws.ec2.Vpc(`${name}-vpc`, {
            cidrBlock,
            // Private DNS of the interface endpoints needs both.
            enableDnsSupport: true,
            enableDnsHostnames: true,
            tags: { ...tags, Name: `${name}-vpc` },
        }, parent);

        // The VPC's default group allows all traffic out; nothing should use it, so it keeps no rule.
        new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: this.vpc.id, ingress: [], egress: [], tags }, parent);

        this.subnets = [];
        this.routeTables = [];
        zones.forEach((zone, index) => {
            const subnet = new aws.ec2.Subnet(`${name}-private-${index + 1}`, {
                vpcId: this.vpc.id,
                availabilityZone: zone,
                cidrBlock: subnetCidr(cidrBlock, index),
                mapPublicIpOnLaunch: false,
                tags: { ...tags, Name: `${name}-private-${zone}` },
            }, parent);
            // Only the VPC's local route (implicit) and, below, the S3 endpoint's: no way out.
            const routeTable = new aws.ec2.RouteTable(`${name}-private-${index + 1}`, { vpcId: this.vpc.id, routes: [], tags: { ...tags, Name: `${name}-private-${zone}` } }, parent);
            new aws.ec2.RouteTableAssociation(`${name}-private-${index + 1}`, { subnetId: subnet.id, routeTableId: routeTable.id }, parent);
            this.subnets.push(subnet);
            this.routeTables.push(routeTable);
        });

        this.hostSecurityGroup = new aws.ec2.SecurityGroup(`${name}-host-sg`, {
            vpcId: this.vpc.id,
            description: "CodeArtifact build host: no inbound; HTTPS out to the VPC endpoints only",
            tags: { ...tags, Name: `${name}-host` },
        }, parent);
        this.endpointSecurityGroup = new aws.ec2.SecurityGroup(`${name}-endpoint-sg`, {
            vpcId: this.vpc.id,
            description: "VPC interface endpoints: HTTPS in from the build host only",
            tags: { ...tags, Name: `${name}-endpoints` },
        }, parent);
        // Rules as their own resources: the two groups refer to each other, which inline rules cannot.
        new aws.vpc.SecurityGroupEgressRule(`${name}-host-to-endpoints`, {
            securityGroupId: this.hostSecurityGroup.id,
            description: "HTTPS to the interface endpoints",
            ipProtocol: "tcp", fromPort: HTTPS, toPort: HTTPS,
            referencedSecurityGroupId: this.endpointSecurityGroup.id,
        }, parent);
        const s3PrefixList = aws.ec2.getPrefixListOutput({ name: `com.amazonaws.${context.region}.s3` }, parent);
        new aws.vpc.SecurityGroupEgressRule(`${name}-host-to-s3`, {
            securityGroupId: this.hostSecurityGroup.id,
            description: "HTTPS to S3 through the gateway endpoint (CodeArtifact assets, AL2023 repositories)",
            ipProtocol: "tcp", fromPort: HTTPS, toPort: HTTPS,
            prefixListId: s3PrefixList.id,
        }, parent);
        new aws.vpc.SecurityGroupIngressRule(`${name}-endpoints-from-host`, {
            securityGroupId: this.endpointSecurityGroup.id,
            description: "HTTPS from the build host",
            ipProtocol: "tcp", fromPort: HTTPS, toPort: HTTPS,
            referencedSecurityGroupId: this.hostSecurityGroup.id,
        }, parent);

        const codeartifactPolicy = policyJson(codeartifactEndpointPolicy(args));
        const services: InterfaceService[] = [
            { service: "codeartifact.api", policy: codeartifactPolicy },
            { service: "codeartifact.repositories", policy: codeartifactPolicy },
            { service: "sts", policy: policyJson(stsEndpointPolicy(context)) },
            ...(args.sessionManager
                ? ["ssm", "ssmmessages", "ec2messages"].map((service) => ({ service, policy: policyJson(sessionManagerEndpointPolicy(context, service)) }))
                : []),
        ];
        this.interfaceEndpoints = {};
        for (const { service, policy } of services) {
            this.interfaceEndpoints[service] = new aws.ec2.VpcEndpoint(`${name}-${service.replace(/\./g, "-")}`, {
                vpcId: this.vpc.id,
                serviceName: serviceName(context, service),
                vpcEndpointType: "Interface",
                privateDnsEnabled: true,
                subnetIds: this.subnets.map((subnet) => subnet.id),
                securityGroupIds: [this.endpointSecurityGroup.id],
                policy,
                tags: { ...tags, Name: `${name}-${service}` },
            }, {
                parent: this,
                // In the order AWS's guide ("Create VPC endpoints for CodeArtifact") creates them.
                ...(service === "codeartifact.repositories" ? { dependsOn: [this.interfaceEndpoints["codeartifact.api"]] } : {}),
            });
        }

        this.s3Endpoint = new aws.ec2.VpcEndpoint(`${name}-s3`, {
            vpcId: this.vpc.id,
            serviceName: serviceName(context, "s3"),
            vpcEndpointType: "Gateway",
            routeTableIds: this.routeTables.map((table) => table.id),
            policy: s3Policy,
            tags: { ...tags, Name: `${name}-s3` },
        }, parent);

        this.registerOutputs({
            vpcId: this.vpc.id,
            subnetIds: this.subnets.map((subnet) => subnet.id),
            hostSecurityGroupId: this.hostSecurityGroup.id,
        });
    }

    /** Where a build host goes: the first subnet, the host group, no public IP, after every endpoint. */
    hostNetwork(): HostNetwork {
        return {
            subnetId: this.subnets[0].id,
            securityGroupId: this.hostSecurityGroup.id,
            isPrivate: true,
            firstBootNeeds: [...Object.values(this.interfaceEndpoints), this.s3Endpoint],
        };
    }
}

/** `com.amazonaws.REGION.SERVICE` (`cn.com.amazonaws...` in the China partition). */
export function serviceName(context: AwsContext, service: string): string {
    return `${context.partition === "aws-cn" ? "cn.com.amazonaws" : "com.amazonaws"}.${context.region}.${service}`;
}

/** The index-th /24 of a /16 (the default); a narrower block is split the same way from its start. */
export function subnetCidr(vpcCidr: string, index: number): string {
    const [address, prefix] = vpcCidr.split("/");
    const octets = address.split(".").map(Number);
    if (octets.length !== 4 || Number(prefix) > 23) throw new Error(`PrivateNetwork: cidrBlock ${vpcCidr} must be an IPv4 block of /23 or wider`);
    const base = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8)) >>> 0;
    const value = base + index * 256;
    return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.0/24`;
}
