// Which destinations a stack's EC2 host can reach over HTTPS, computed from what the stack registered
// (update mode: every value known): its subnet and route table, its security groups and their egress
// rules, the VPC endpoints (private DNS names from their dnsEntries, the S3 gateway's prefix list
// blocks and route tables) and the endpoints' policies, read with the pack's IAM document reader.
// Nothing here knows what the answer should be; it follows packets and policies the way AWS does,
// in the simplified form written below. Two facts come from AWS rather than the stack: a subnet the
// stack does not create is taken as a default subnet (in the default VPC, which routes 0.0.0.0/0 to
// an internet gateway and maps public IPs), and a host needs a public IP to use an internet gateway.
import { Registration } from "../../offline/program/registrations";
import { parseCidr } from "../../policy-pack/cidr";
import { Statement, readPolicyDocument } from "../../policy-pack/iam/document";
import { matchesWildcard } from "../../policy-pack/iam/wildcard";

export interface Request {
    /** Whose credentials sign the request: an IAM ARN, or "anonymous" (dnf, presigned URLs). */
    principal: string;
    action: string;
    resource: string;
    context?: Record<string, string>;
}

export interface Destination {
    host: string;
    /** The address public DNS gives; private DNS of an interface endpoint overrides it inside the VPC. */
    publicIp: string;
    /** What the host asks there, for the endpoint policies to judge; absent for a non-AWS site. */
    request?: Request;
}

export interface Verdict {
    reachable: boolean;
    path: string;
}

type State = Record<string, unknown>;
const HTTPS = 443;

const stateOf = (r: Registration): State => ({ ...r.inputs, ...(r.state ?? {}), id: r.id });
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string => (typeof value === "string" ? value : "");

function inCidr(ip: string, cidr: string): boolean {
    const range = parseCidr(cidr);
    const address = parseCidr(`${ip}/32`);
    return !!range && !!address && range.family === address.family && address.first >= range.first && address.last <= range.last;
}

const coversPort = (rule: State) => {
    const protocol = str(rule.protocol ?? rule.ipProtocol);
    if (protocol === "-1" || protocol === "all") return true;
    return protocol === "tcp" && Number(rule.fromPort) <= HTTPS && Number(rule.toPort) >= HTTPS;
};

/** What a security group rule lets through, in one shape (inline rule or rule resource). */
interface Rule {
    cidrs: string[];
    groups: string[];
    prefixLists: string[];
}

export class StackNetwork {
    private readonly all: { r: Registration; s: State }[];

    constructor(registrations: readonly Registration[]) {
        this.all = registrations.filter((r) => r.custom).map((r) => ({ r, s: stateOf(r) }));
    }

    private ofType(type: string): State[] {
        return this.all.filter((x) => x.r.type === type).map((x) => x.s);
    }

    private byId(type: string, id: unknown): State | undefined {
        return this.ofType(type).find((s) => s.id === id);
    }

    /** The rules of one direction of a group: inline, vpc rule resources and SecurityGroupRules. */
    private rules(group: State, direction: "ingress" | "egress"): Rule[] {
        const inline = list(group[direction]).map((rule) => rule as State).filter(coversPort).map((rule) => ({
            cidrs: list(rule.cidrBlocks).map(str), groups: list(rule.securityGroups).map(str), prefixLists: list(rule.prefixListIds).map(str),
        }));
        const resourceType = direction === "egress" ? "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" : "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
        const vpcRules = this.ofType(resourceType).filter((rule) => rule.securityGroupId === group.id && coversPort(rule)).map((rule) => ({
            cidrs: [str(rule.cidrIpv4)].filter(Boolean), groups: [str(rule.referencedSecurityGroupId)].filter(Boolean), prefixLists: [str(rule.prefixListId)].filter(Boolean),
        }));
        const classic = this.ofType("aws:ec2/securityGroupRule:SecurityGroupRule").filter((rule) => rule.securityGroupId === group.id && rule.type === direction && coversPort(rule)).map((rule) => ({
            cidrs: list(rule.cidrBlocks).map(str), groups: [str(rule.sourceSecurityGroupId)].filter(Boolean), prefixLists: list(rule.prefixListIds).map(str),
        }));
        return [...inline, ...vpcRules, ...classic];
    }

    private groupRules(groupIds: readonly unknown[], direction: "ingress" | "egress"): Rule[] {
        return groupIds.flatMap((id) => {
            const group = this.byId("aws:ec2/securityGroup:SecurityGroup", id);
            return group ? this.rules(group, direction) : [];
        });
    }

    /** Where the host named `instanceName` can get to, and how (or why not). */
    reach(instanceName: string, destination: Destination): Verdict {
        const instance = this.all.find((x) => x.r.type === "aws:ec2/instance:Instance" && x.r.name === instanceName)?.s;
        if (!instance) throw new Error(`no instance ${instanceName} in the stack`);
        const hostGroups = list(instance.vpcSecurityGroupIds);
        const egress = this.groupRules(hostGroups, "egress");
        const subnet = this.byId("aws:ec2/subnet:Subnet", instance.subnetId);

        if (!subnet) {
            // A subnet of the default VPC (AWS: internet gateway route 0.0.0.0/0, public IPs mapped).
            const allowed = egress.some((rule) => rule.cidrs.some((c) => inCidr(destination.publicIp, c)));
            const publicIp = instance.associatePublicIpAddress !== false;
            return allowed && publicIp
                ? { reachable: true, path: "default VPC: internet gateway" }
                : { reachable: false, path: allowed ? "default VPC: no public IP" : "default VPC: egress rules do not allow it" };
        }
        const vpcId = subnet.vpcId;
        const subnetCidr = str(subnet.cidrBlock);

        // Private DNS: an interface endpoint in the VPC that answers the hostname.
        const endpoint = this.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").find((e) =>
            e.vpcEndpointType === "Interface" && e.privateDnsEnabled === true && e.vpcId === vpcId &&
            list(e.dnsEntries).some((entry) => dnsMatches(str((entry as State).dnsName), destination.host)));
        if (endpoint) {
            const endpointGroups = list(endpoint.securityGroupIds);
            const out = egress.some((rule) => rule.groups.some((g) => endpointGroups.includes(g)) || rule.cidrs.some((c) => cidrCovers(c, subnetCidr)));
            const inbound = this.groupRules(endpointGroups, "ingress").some((rule) => rule.groups.some((g) => hostGroups.includes(g)) || rule.cidrs.some((c) => cidrCovers(c, subnetCidr)));
            if (!out || !inbound) return { reachable: false, path: `endpoint ${str(endpoint.serviceName)}: security groups do not connect the host to it` };
            return this.throughPolicy(endpoint, destination, `endpoint ${str(endpoint.serviceName)}`);
        }

        const association = this.ofType("aws:ec2/routeTableAssociation:RouteTableAssociation").find((a) => a.subnetId === subnet.id);
        const routeTable = association ? this.byId("aws:ec2/routeTable:RouteTable", association.routeTableId) : undefined;
        if (!routeTable) return { reachable: false, path: "the subnet has no route table in the stack" };
        const gateway = this.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").find((e) =>
            e.vpcEndpointType === "Gateway" && list(e.routeTableIds).includes(routeTable.id) && list(e.cidrBlocks).some((c) => inCidr(destination.publicIp, str(c))));
        if (gateway) {
            const out = egress.some((rule) => rule.prefixLists.includes(str(gateway.prefixListId)) || rule.cidrs.some((c) => inCidr(destination.publicIp, c)));
            if (!out) return { reachable: false, path: `gateway ${str(gateway.serviceName)}: egress rules do not allow its prefix list` };
            return this.throughPolicy(gateway, destination, `gateway ${str(gateway.serviceName)}`);
        }
        const routes = [...list(routeTable.routes).map((route) => route as State), ...this.ofType("aws:ec2/route:Route").filter((route) => route.routeTableId === routeTable.id)];
        const out = routes.find((route) => inCidr(destination.publicIp, str(route.cidrBlock ?? route.destinationCidrBlock)) && (route.gatewayId || route.natGatewayId));
        if (!out) return { reachable: false, path: "no route out of the VPC" };
        const allowed = egress.some((rule) => rule.cidrs.some((c) => inCidr(destination.publicIp, c)));
        const publicIp = instance.associatePublicIpAddress === true || subnet.mapPublicIpOnLaunch === true || !!out.natGatewayId;
        return { reachable: allowed && publicIp, path: `route to ${str(out.gatewayId ?? out.natGatewayId)}` };
    }

    private throughPolicy(endpoint: State, destination: Destination, path: string): Verdict {
        const request = destination.request;
        if (!request) return { reachable: false, path: `${path}: not an AWS service it serves` };
        const statements = readPolicyDocument(endpoint.policy).statements;
        const matching = statements.filter((s) => statementMatches(s, request));
        const allowed = matching.some((s) => s.effect === "Allow") && !matching.some((s) => s.effect === "Deny");
        return { reachable: allowed, path: `${path}: its policy ${allowed ? "allows" : "does not allow"} ${request.action} on ${request.resource}` };
    }
}

/** A DNS name of an endpoint (`*.d.codeartifact...` included) answers `host`. */
function dnsMatches(name: string, host: string): boolean {
    if (name.startsWith("*.")) return host.endsWith(name.slice(1)) && host.length > name.length - 1;
    return name.toLowerCase() === host.toLowerCase();
}

function cidrCovers(outer: string, inner: string): boolean {
    const a = parseCidr(outer);
    const b = parseCidr(inner);
    return !!a && !!b && a.family === b.family && a.first <= b.first && a.last >= b.last;
}

function statementMatches(statement: Statement, request: Request): boolean {
    const actionHit = statement.actions ? statement.actions.some((p) => matchesWildcard(p, request.action, true)) : !(statement.notActions ?? []).some((p) => matchesWildcard(p, request.action, true));
    const resourceHit = statement.resources ? statement.resources.some((p) => matchesWildcard(p, request.resource, false)) : !(statement.notResources ?? []).some((p) => matchesWildcard(p, request.resource, false));
    return actionHit && resourceHit && principalMatches(statement, request.principal) && statement.conditions.every((c) => conditionHolds(c.operator, c.key, c.values, request));
}

function principalMatches(statement: Statement, principal: string): boolean {
    const p = statement.principal;
    if (!p) return true;
    if (p.anyone) return true;
    if (principal === "anonymous") return false;
    const account = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
    return p.aws.some((arn) => arn === principal || (account !== undefined && (arn === account || arn.endsWith(`::${account}:root`))));
}

/** Only StringEquals is modelled; any other operator counts as not met (the stricter answer). */
function conditionHolds(operator: string, key: string, values: string[], request: Request): boolean {
    if (operator !== "StringEquals") return false;
    const actual = Object.entries(request.context ?? {}).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
    return actual !== undefined && values.includes(actual);
}
