import { expect } from "chai";
import { checkStack, StackResourceCase, unknown, urnOf } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";

const policy = "ec2-no-internet-egress";
const hostGroupUrn = urnOf(resourceTypes.ec2SecurityGroup, "host-sg");
const subnetUrn = urnOf(resourceTypes.ec2Subnet, "private-1");

/** The private network's host, in preview: the group's egress left to rule resources, links by dependency. */
function privateHost(...extra: StackResourceCase[]): StackResourceCase[] {
    return [
        { type: resourceTypes.ec2SecurityGroup, name: "host-sg", props: { vpcId: unknown.string, egress: unknown.array, ingress: unknown.array } },
        { type: resourceTypes.ec2SecurityGroup, name: "endpoint-sg", props: { vpcId: unknown.string, egress: unknown.array } },
        { type: resourceTypes.ec2Subnet, name: "private-1", props: { mapPublicIpOnLaunch: false } },
        egressRule("to-endpoints", { referencedSecurityGroupId: unknown.string }),
        egressRule("to-s3", { prefixListId: "pl-63a5400a" }),
        {
            type: resourceTypes.ec2Instance,
            name: "reader-host",
            props: { vpcSecurityGroupIds: unknown.array, subnetId: unknown.string, associatePublicIpAddress: false },
            propertyDependencies: { vpcSecurityGroupIds: [hostGroupUrn], subnetId: [subnetUrn] },
        },
        ...extra,
    ];
}

function egressRule(name: string, props: Record<string, unknown>): StackResourceCase {
    return {
        type: resourceTypes.vpcSecurityGroupEgressRule,
        name,
        props: { securityGroupId: unknown.string, ipProtocol: "tcp", fromPort: 443, toPort: 443, ...props },
        propertyDependencies: { securityGroupId: [hostGroupUrn] },
    };
}

/** Today's default-VPC host in update: its own group with HTTPS to anywhere, and a public IP. */
function defaultVpcHost(egress: unknown[] = [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }]): StackResourceCase[] {
    return [
        { type: resourceTypes.ec2SecurityGroup, name: "reader-host-sg", props: { id: "sg-0aaa", egress } },
        { type: resourceTypes.ec2Instance, name: "reader-host", props: { vpcSecurityGroupIds: ["sg-0aaa"], associatePublicIpAddress: true } },
    ];
}

describe(policy, () => {
    it("accepts the private network's host in preview, reading nothing unknown", async () => {
        const outcome = await checkStack(policy, privateHost());
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.cantRun).to.deep.equal([]);
    });

    it("refuses today's default-VPC host: HTTPS to 0.0.0.0/0 and a public IP, saying how to allow it", async () => {
        const { violations } = await checkStack(policy, defaultVpcHost());
        expect(violations).to.have.length(2);
        expect(violations[0]).to.contain('instance "reader-host": associatePublicIpAddress is true').and.contain("allowInternetEgress: true");
        expect(violations[1]).to.contain('security group "reader-host-sg" (used by instance "reader-host"): egress[0].cidrBlocks[0] is "0.0.0.0/0": it reaches the whole IPv4 internet (0.0.0.0/0)');
    });

    it("judges a spot instance request like an instance", async () => {
        const [group, instance] = defaultVpcHost();
        const { violations } = await checkStack(policy, [group, { ...instance, type: resourceTypes.ec2SpotInstanceRequest }]);
        expect(violations).to.have.length(2);
    });

    it("allows it all with allowInternetEgress: true", async () => {
        const outcome = await checkStack(policy, defaultVpcHost(), { config: { allowInternetEgress: true } });
        expect(outcome.violations).to.deep.equal([]);
    });

    it("refuses ::/0 and blocks that together cover the internet, in every kind of egress rule", async () => {
        const { violations } = await checkStack(policy, privateHost(
            egressRule("v6-anywhere", { cidrIpv6: "::/0" }),
            egressRule("unicast", { cidrIpv6: "2000::/3" }),
            {
                type: resourceTypes.ec2SecurityGroupRule,
                name: "halves",
                props: { type: "egress", securityGroupId: unknown.string, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] },
                propertyDependencies: { securityGroupId: [hostGroupUrn] },
            },
        ));
        expect(violations).to.have.length(3);
        expect(violations[0]).to.contain('SecurityGroupEgressRule "v6-anywhere": cidrIpv6 is "::/0": it reaches the whole IPv6 internet (::/0)');
        expect(violations[1]).to.contain('SecurityGroupEgressRule "unicast": cidrIpv6 is "2000::/3": it reaches the whole IPv6 internet (every global unicast address');
        expect(violations[2]).to.contain('SecurityGroupRule "halves": cidrBlocks is ["0.0.0.0/1", "128.0.0.0/1"]: together these reach the whole IPv4 internet (0.0.0.0/0)');
    });

    it("accepts egress to private ranges, and ignores ingress rules and groups no instance uses", async () => {
        const outcome = await checkStack(policy, privateHost(
            egressRule("vpc", { cidrIpv4: "10.40.0.0/16" }),
            {
                type: resourceTypes.ec2SecurityGroupRule,
                name: "inbound",
                props: { type: "ingress", securityGroupId: unknown.string, cidrBlocks: ["0.0.0.0/0"] },
                propertyDependencies: { securityGroupId: [hostGroupUrn] },
            },
            { type: resourceTypes.ec2SecurityGroup, name: "unused", props: { egress: [{ cidrBlocks: ["0.0.0.0/0"] }] } },
        ));
        expect(outcome.violations).to.deep.equal([]);
    });

    it("refuses a host in a subnet that maps public IPs, unless the host turns its public IP off", async () => {
        const publicSubnet: StackResourceCase[] = [
            { type: resourceTypes.ec2Subnet, name: "public-1", props: { id: "subnet-0bbb", mapPublicIpOnLaunch: true } },
            { type: resourceTypes.ec2Instance, name: "reader-host", props: { subnetId: "subnet-0bbb" } },
        ];
        const { violations } = await checkStack(policy, publicSubnet);
        expect(violations).to.deep.equal([
            'instance "reader-host": its subnet "public-1" maps public IPs on launch (mapPublicIpOnLaunch), and the host does not set associatePublicIpAddress: false; ' +
                "send only to what the host needs (the VPC endpoints' security group and the S3 prefix list, as secure-packages:network private does); " +
                "a stack that gives its host the internet on purpose (network: default-vpc or subnet) sets allowInternetEgress: true for this policy.",
        ]);
        publicSubnet[1].props.associatePublicIpAddress = false;
        expect((await checkStack(policy, publicSubnet)).violations).to.deep.equal([]);
    });

    it("leaves a subnet the stack does not show (unknown, unlinked in preview) to the update", async () => {
        const outcome = await checkStack(policy, [{ type: resourceTypes.ec2Instance, name: "reader-host", props: { subnetId: unknown.string, associatePublicIpAddress: unknown.boolean } }]);
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.cantRun).to.deep.equal([]);
    });

    it("cannot judge a host whose groups are unknown and unlinked in preview", async () => {
        const outcome = await checkStack(policy, [{ type: resourceTypes.ec2Instance, name: "reader-host", props: { vpcSecurityGroupIds: unknown.array } }]);
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.cantRun[0]).to.contain(".vpcSecurityGroupIds");
    });

    it("reports a malformed egress list instead of passing it", async () => {
        const { violations } = await checkStack(policy, defaultVpcHost([{ cidrBlocks: "0.0.0.0/0" }]));
        expect(violations.some((v) => v.includes("egress[0].cidrBlocks is \"0.0.0.0/0\"; expected a list of IPv4 CIDR blocks"))).to.equal(true);
    });
});
