import { expect } from "chai";
import { checkResource, unknown } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";
import { coversInternet, coversWholeSpace, parseCidr } from "../../policy-pack/cidr";

const policy = "ec2-no-public-ingress";
const securityGroup = (ingress: unknown, extra: Record<string, unknown> = {}) => ({
    type: resourceTypes.ec2SecurityGroup,
    props: { vpcId: "vpc-0123", ...(ingress === undefined ? {} : { ingress }), ...extra },
});
const tcp = (from: number, rule: Record<string, unknown>) => ({ protocol: "tcp", fromPort: from, toPort: from, ...rule });
const sgRule = (props: Record<string, unknown>) => ({
    type: resourceTypes.ec2SecurityGroupRule,
    props: { type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, securityGroupId: "sg-0123", ...props },
});
const ingressRule = (props: Record<string, unknown>) => ({
    type: resourceTypes.vpcSecurityGroupIngressRule,
    props: { ipProtocol: "tcp", fromPort: 443, toPort: 443, securityGroupId: "sg-0123", ...props },
});
const defaultGroup = (ingress: unknown) => ({ type: resourceTypes.ec2DefaultSecurityGroup, props: { vpcId: "vpc-0123", ...(ingress === undefined ? {} : { ingress }) } });
/** Every IPv4 address but 10.0.0.0/8: the internet, less a private range. */
const allButTenSlashEight = ["0.0.0.0/5", "8.0.0.0/7", "11.0.0.0/8", "12.0.0.0/6", "16.0.0.0/4", "32.0.0.0/3", "64.0.0.0/2", "128.0.0.0/1"];
/** Every IPv6 global unicast address but the documentation prefix 3fff::/20. */
const globalUnicastButDocumentation = [
    "2000::/4", "3000::/5", "3800::/6", "3c00::/7", "3e00::/8", "3f00::/9", "3f80::/10", "3fc0::/11", "3fe0::/12",
    "3ff0::/13", "3ff8::/14", "3ffc::/15", "3ffe::/16", "3fff:1000::/20", "3fff:2000::/19", "3fff:4000::/18", "3fff:8000::/17",
];
const ipv4Internet = "every address but the private, shared, loopback, link-local, documentation, benchmarking, multicast and reserved blocks";
const ipv6Internet = "every global unicast address, 2000::/3, but the documentation and benchmarking prefixes";

describe(policy, () => {
    describe("security group inline ingress", () => {
        it("accepts a group with no inbound rules (Session Manager needs none)", async () => {
            for (const extra of [{}, { ingress: [] }]) {
                const outcome = await checkResource(policy, { type: resourceTypes.ec2SecurityGroup, props: { vpcId: "vpc-0123", ...extra } });
                expect(outcome.violations).to.deep.equal([]);
                expect(outcome.notApplicable).to.deep.equal([]);
            }
        });

        it("accepts ingress from private ranges and from other security groups", async () => {
            const { violations } = await checkResource(
                policy,
                securityGroup([tcp(443, { cidrBlocks: ["10.0.0.0/16", "192.168.1.0/24"], ipv6CidrBlocks: ["2001:db8::/32"] }), tcp(22, { securityGroups: ["sg-0456"] })]),
            );
            expect(violations).to.deep.equal([]);
        });

        it("rejects SSH open to 0.0.0.0/0, pointing at Session Manager", async () => {
            const { violations } = await checkResource(policy, securityGroup([tcp(443, { cidrBlocks: ["10.0.0.0/16"] }), tcp(22, { cidrBlocks: ["0.0.0.0/0"] })]));
            expect(violations).to.have.length(1);
            expect(violations[0])
                .to.contain('ingress[1].cidrBlocks[0] is "0.0.0.0/0": it admits the whole IPv4 internet (0.0.0.0/0)')
                .and.contain("Session Manager needs no inbound rule");
        });

        it("rejects ::/0 in ipv6CidrBlocks", async () => {
            const { violations } = await checkResource(policy, securityGroup([tcp(443, { ipv6CidrBlocks: ["::/0"] })]));
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain('ingress[0].ipv6CidrBlocks[0] is "::/0": it admits the whole IPv6 internet (::/0)');
        });

        it("rejects a prefix length of 0 whatever the host part", async () => {
            for (const [field, cidr] of [
                ["cidrBlocks", "10.0.0.0/0"],
                ["cidrBlocks", " 0.0.0.0/0 "],
                ["ipv6CidrBlocks", "2001:db8::/0"],
                ["ipv6CidrBlocks", "0:0:0:0:0:0:0:0/0"],
            ]) {
                const { violations } = await checkResource(policy, securityGroup([tcp(22, { [field]: [cidr] })]));
                expect(violations, cidr).to.have.length(1);
                expect(violations[0]).to.contain("admits the whole");
            }
        });

        it("rejects blocks of one rule that together cover the whole internet", async () => {
            const v4 = await checkResource(policy, securityGroup([tcp(22, { cidrBlocks: ["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/2"] })]));
            expect(v4.violations).to.deep.equal([
                'ingress[0].cidrBlocks is ["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/2"]: together these admit the whole IPv4 internet (0.0.0.0/0); ' +
                    "admit only the addresses that need access (the VPC CIDR, a prefix list or a source security group), or remove the rule: Session Manager needs no inbound rule.",
            ]);
            const v6 = await checkResource(policy, securityGroup([tcp(22, { ipv6CidrBlocks: ["::/1", "8000::/1"] })]));
            expect(v6.violations).to.have.length(1);
            expect(v6.violations[0]).to.contain("together these admit the whole IPv6 internet");
        });

        it("accepts broad blocks that leave part of the space out (the line is the whole internet)", async () => {
            for (const cidrBlocks of [
                ["0.0.0.0/1", "128.0.0.0/2"],
                ["0.0.0.0/2", "128.0.0.0/1"],
            ]) {
                const { violations } = await checkResource(policy, securityGroup([tcp(22, { cidrBlocks })]));
                expect(violations, cidrBlocks.join(" + ")).to.deep.equal([]);
            }
        });

        it("rejects sources it cannot read as CIDR blocks, without crashing", async () => {
            const { violations } = await checkResource(
                policy,
                securityGroup([tcp(22, { cidrBlocks: ["anywhere", 42, "::/0", "10.0.0.256/24"] }), tcp(80, { cidrBlocks: "0.0.0.0/0" }), "not a rule"]),
            );
            expect(violations).to.deep.equal([
                'ingress[0].cidrBlocks[0] is "anywhere", which is not an IPv4 CIDR block, so the policy cannot tell what it admits; expected a block such as "10.0.0.0/16".',
                "ingress[0].cidrBlocks[1] is 42, which is not an IPv4 CIDR block, so the policy cannot tell what it admits; expected a block such as \"10.0.0.0/16\".",
                'ingress[0].cidrBlocks[2] is "::/0", which is not an IPv4 CIDR block, so the policy cannot tell what it admits; expected a block such as "10.0.0.0/16".',
                'ingress[0].cidrBlocks[3] is "10.0.0.256/24", which is not an IPv4 CIDR block, so the policy cannot tell what it admits; expected a block such as "10.0.0.0/16".',
                'ingress[1].cidrBlocks is "0.0.0.0/0"; expected a list of IPv4 CIDR blocks.',
                'ingress[2] is "not a rule"; expected a rule object.',
            ]);
        });

        it("rejects an ingress that is not a list", async () => {
            const { violations } = await checkResource(policy, securityGroup({ cidrBlocks: ["0.0.0.0/0"] }));
            expect(violations).to.deep.equal(["ingress is an object; expected a list of rules."]);
        });

        it("ignores egress to 0.0.0.0/0: egress is out of scope", async () => {
            const outcome = await checkResource(policy, securityGroup(undefined, { egress: [tcp(443, { cidrBlocks: ["0.0.0.0/0"] })] }));
            expect(outcome.violations).to.deep.equal([]);
        });
    });

    describe("the whole internet without a /0", () => {
        it("rejects 2000::/3, every global unicast IPv6 address, and any block that contains it", async () => {
            for (const cidr of ["2000::/3", "::/1", "::/2", "2000::/2"]) {
                const { violations } = await checkResource(policy, securityGroup([tcp(22, { ipv6CidrBlocks: ["2001:db8::/32", cidr] })]));
                expect(violations, cidr).to.deep.equal([
                    `ingress[0].ipv6CidrBlocks[1] is "${cidr}": it admits the whole IPv6 internet (${ipv6Internet}); ` +
                        "admit only the addresses that need access (the VPC CIDR, a prefix list or a source security group), or remove the rule: Session Manager needs no inbound rule.",
                ]);
            }
        });

        it("rejects it in every place an inbound rule is written", async () => {
            const rule = await checkResource(policy, sgRule({ ipv6CidrBlocks: ["2000::/3"] }));
            expect(rule.violations).to.have.length(1);
            expect(rule.violations[0]).to.contain('ipv6CidrBlocks[0] is "2000::/3": it admits the whole IPv6 internet');
            const single = await checkResource(policy, ingressRule({ cidrIpv6: "2000::/3" }));
            expect(single.violations).to.have.length(1);
            expect(single.violations[0]).to.contain('cidrIpv6 is "2000::/3": it admits the whole IPv6 internet');
            const dflt = await checkResource(policy, defaultGroup([tcp(22, { ipv6CidrBlocks: ["2000::/3"] })]));
            expect(dflt.violations).to.have.length(1);
        });

        it("rejects blocks that together cover every internet-routed address, leaving out only what no internet host sends from", async () => {
            const unicast = await checkResource(policy, securityGroup([tcp(22, { cidrBlocks: ["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3"] })]));
            expect(unicast.violations).to.deep.equal([
                `ingress[0].cidrBlocks is ["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3"]: together these admit the whole IPv4 internet (${ipv4Internet}); ` +
                    "admit only the addresses that need access (the VPC CIDR, a prefix list or a source security group), or remove the rule: Session Manager needs no inbound rule.",
            ]);
            const butPrivate = await checkResource(policy, sgRule({ cidrBlocks: allButTenSlashEight }));
            expect(butPrivate.violations).to.have.length(1);
            expect(butPrivate.violations[0]).to.contain("cidrBlocks is [").and.contain(`together these admit the whole IPv4 internet (${ipv4Internet})`);
            const v6 = await checkResource(policy, securityGroup([tcp(22, { ipv6CidrBlocks: ["2000::/4", "3000::/4"] }), tcp(443, { ipv6CidrBlocks: globalUnicastButDocumentation })]));
            expect(v6.violations).to.have.length(2);
            expect(v6.violations[0]).to.contain(`ingress[0].ipv6CidrBlocks is ["2000::/4", "3000::/4"]: together these admit the whole IPv6 internet (${ipv6Internet})`);
            expect(v6.violations[1]).to.contain("ingress[1].ipv6CidrBlocks is [").and.contain("together these admit the whole IPv6 internet");
        });

        it("accepts broad blocks that leave an internet-routed part out, and blocks no internet host sends from", async () => {
            for (const [field, cidrBlocks] of [
                ["ipv6CidrBlocks", ["2000::/4"]],
                ["ipv6CidrBlocks", ["2600::/12", "2a00::/12"]],
                ["ipv6CidrBlocks", ["fc00::/7", "fe80::/10", "::1/128", "4000::/2", "8000::/1"]],
                ["ipv6CidrBlocks", globalUnicastButDocumentation.slice(1)],
                ["cidrBlocks", ["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/4"]],
                ["cidrBlocks", allButTenSlashEight.filter((b) => b !== "11.0.0.0/8")],
                ["cidrBlocks", ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"]],
            ] as const) {
                const { violations } = await checkResource(policy, securityGroup([tcp(22, { [field]: cidrBlocks })]));
                expect(violations, cidrBlocks.join(" + ")).to.deep.equal([]);
            }
        });

        it("still names the whole address space when the blocks cover it", async () => {
            const { violations } = await checkResource(policy, securityGroup([tcp(22, { ipv6CidrBlocks: ["2000::/3", "::/1", "8000::/1"] })]));
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain('ingress[0].ipv6CidrBlocks is ["2000::/3", "::/1", "8000::/1"]: together these admit the whole IPv6 internet (::/0)');
        });

        it("reports an internet-wide block beside a /0 or an unreadable block", async () => {
            const { violations } = await checkResource(policy, securityGroup([tcp(22, { ipv6CidrBlocks: ["::/0", "2000::/3", "anywhere"] })]));
            expect(violations).to.have.length(3);
            expect(violations[0]).to.contain('ipv6CidrBlocks[0] is "::/0"');
            expect(violations[1]).to.contain('ipv6CidrBlocks[2] is "anywhere"');
            expect(violations[2]).to.contain('ipv6CidrBlocks[1] is "2000::/3": it admits the whole IPv6 internet');
        });
    });

    describe("default security group", () => {
        it("accepts the VPC's default group with no inbound rules, or private ones", async () => {
            for (const ingress of [undefined, [], [tcp(443, { cidrBlocks: ["10.0.0.0/16"], self: true })]]) {
                const outcome = await checkResource(policy, defaultGroup(ingress));
                expect(outcome.violations, JSON.stringify(ingress)).to.deep.equal([]);
                expect(outcome.notApplicable).to.deep.equal([]);
            }
        });

        it("rejects inbound rules open to the internet, like a security group's", async () => {
            const { violations } = await checkResource(policy, defaultGroup([tcp(22, { cidrBlocks: ["0.0.0.0/0"] }), tcp(22, { ipv6CidrBlocks: ["::/0"] })]));
            expect(violations).to.have.length(2);
            expect(violations[0]).to.contain('ingress[0].cidrBlocks[0] is "0.0.0.0/0": it admits the whole IPv4 internet (0.0.0.0/0)');
            expect(violations[1]).to.contain('ingress[1].ipv6CidrBlocks[0] is "::/0": it admits the whole IPv6 internet (::/0)');
        });

        it("rejects malformed ingress and cannot judge an unknown one", async () => {
            const malformed = await checkResource(policy, defaultGroup({ cidrBlocks: ["0.0.0.0/0"] }));
            expect(malformed.violations).to.deep.equal(["ingress is an object; expected a list of rules."]);
            const unknownIngress = await checkResource(policy, defaultGroup(unknown.array));
            expect(unknownIngress.cantRun[0]).to.contain("Array value at .ingress can't be known during preview");
        });
    });

    describe("security group rule", () => {
        it("rejects an ingress rule from 0.0.0.0/0 or ::/0", async () => {
            const { violations } = await checkResource(policy, sgRule({ cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }));
            expect(violations).to.have.length(2);
            expect(violations[0]).to.contain('cidrBlocks[0] is "0.0.0.0/0"');
            expect(violations[1]).to.contain('ipv6CidrBlocks[0] is "::/0"');
        });

        it("accepts an ingress rule from a private range or a source group", async () => {
            for (const props of [{ cidrBlocks: ["10.0.0.0/8"] }, { sourceSecurityGroupId: "sg-0456" }, { self: true }]) {
                const { violations } = await checkResource(policy, sgRule(props));
                expect(violations, JSON.stringify(props)).to.deep.equal([]);
            }
        });

        it("does not apply to an egress rule", async () => {
            const outcome = await checkResource(policy, sgRule({ type: "egress", cidrBlocks: ["0.0.0.0/0"] }));
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.notApplicable).to.deep.equal(["egress rules are out of scope"]);
        });

        it("judges a rule whose type is neither ingress nor egress as inbound", async () => {
            const { violations } = await checkResource(policy, sgRule({ type: "Ingress", cidrBlocks: ["0.0.0.0/0"] }));
            expect(violations).to.have.length(1);
        });
    });

    describe("vpc security group ingress rule", () => {
        it("rejects cidrIpv4 0.0.0.0/0 and cidrIpv6 ::/0", async () => {
            const v4 = await checkResource(policy, ingressRule({ cidrIpv4: "0.0.0.0/0" }));
            expect(v4.violations).to.have.length(1);
            expect(v4.violations[0]).to.contain('cidrIpv4 is "0.0.0.0/0": it admits the whole IPv4 internet');
            const v6 = await checkResource(policy, ingressRule({ cidrIpv6: "::/0" }));
            expect(v6.violations[0]).to.contain('cidrIpv6 is "::/0": it admits the whole IPv6 internet');
        });

        it("accepts a private range, an IPv6 block and a referenced group", async () => {
            for (const props of [{ cidrIpv4: "10.0.0.0/16" }, { cidrIpv6: "2001:db8::/56" }, { referencedSecurityGroupId: "sg-0456" }, { prefixListId: "pl-0123" }]) {
                const { violations } = await checkResource(policy, ingressRule(props));
                expect(violations, JSON.stringify(props)).to.deep.equal([]);
            }
        });

        it("rejects a source that is not a CIDR string", async () => {
            const { violations } = await checkResource(policy, ingressRule({ cidrIpv4: ["0.0.0.0/0"] }));
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain("cidrIpv4 is a list of 1 item, which is not an IPv4 CIDR block");
        });
    });

    describe("in preview", () => {
        it("does not wait on ports, descriptions, the VPC or the group id", async () => {
            const sg = await checkResource(
                policy,
                securityGroup([{ protocol: "tcp", fromPort: unknown.number, toPort: unknown.number, description: unknown.string, cidrBlocks: ["10.0.0.0/16"] }], {
                    vpcId: unknown.string,
                    egress: unknown.array,
                }),
            );
            expect(sg.violations).to.deep.equal([]);
            expect(sg.cantRun).to.deep.equal([]);
            const rule = await checkResource(policy, ingressRule({ securityGroupId: unknown.string, referencedSecurityGroupId: unknown.string }));
            expect(rule.cantRun).to.deep.equal([]);
        });

        it("cannot judge an unknown ingress list or an unknown block", async () => {
            const list = await checkResource(policy, securityGroup(unknown.array));
            expect(list.cantRun[0]).to.contain("Array value at .ingress can't be known during preview");
            const block = await checkResource(policy, securityGroup([tcp(22, { cidrBlocks: [unknown.string] })]));
            expect(block.violations).to.deep.equal([]);
            expect(block.cantRun[0]).to.contain("string value at .ingress.0.cidrBlocks.0");
            const single = await checkResource(policy, ingressRule({ cidrIpv4: unknown.string }));
            expect(single.cantRun[0]).to.contain(".cidrIpv4");
        });

        it("keeps a public block found before an unknown one", async () => {
            const { violations, cantRun } = await checkResource(policy, securityGroup([tcp(22, { cidrBlocks: ["0.0.0.0/0", unknown.string] })]));
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain('ingress[0].cidrBlocks[0] is "0.0.0.0/0"');
            expect(cantRun).to.have.length(1);
        });

        it("keeps an internet-wide block found before an unknown one", async () => {
            const { violations, cantRun } = await checkResource(policy, securityGroup([tcp(22, { ipv6CidrBlocks: ["2001:db8::/32", "2000::/3", unknown.string] })]));
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain('ingress[0].ipv6CidrBlocks[1] is "2000::/3": it admits the whole IPv6 internet');
            expect(cantRun).to.have.length(1);
            expect(cantRun[0]).to.contain("string value at .ingress.0.ipv6CidrBlocks.2");
        });

        it("cannot tell an ingress from an egress rule while the rule's type is unknown", async () => {
            const { violations, cantRun } = await checkResource(policy, sgRule({ type: unknown.string, cidrBlocks: ["0.0.0.0/0"] }));
            expect(violations).to.deep.equal([]);
            expect(cantRun[0]).to.contain("string value at .type");
        });
    });

    it("does not apply to other resource types", async () => {
        const outcome = await checkResource(policy, { type: resourceTypes.ec2Instance, props: {} });
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.notApplicable).to.deep.equal([
            `applies only to ${resourceTypes.ec2SecurityGroup}, ${resourceTypes.ec2DefaultSecurityGroup}, ${resourceTypes.ec2SecurityGroupRule}, ${resourceTypes.vpcSecurityGroupIngressRule}`,
        ]);
    });

    describe("CIDR arithmetic", () => {
        it("parses IPv4 and IPv6 blocks, normalizing the host part", () => {
            expect(parseCidr("10.1.2.3/8")).to.deep.include({ family: "IPv4", prefixLength: 8, first: 0x0a000000n, last: 0x0affffffn });
            expect(parseCidr("2001:db8::/32")).to.deep.include({ family: "IPv6", prefixLength: 32, first: 0x20010db8n << 96n });
            expect(parseCidr("::ffff:192.0.2.0/120")?.first).to.equal((0xffffn << 32n) | 0xc0000200n);
            expect(parseCidr("::/128")).to.deep.include({ first: 0n, last: 0n });
            expect(parseCidr("1:2:3:4:5:6:7:8/64")?.prefixLength).to.equal(64);
        });

        it("refuses what is not a CIDR block", () => {
            for (const text of ["10.0.0.0", "10.0.0/8", "256.0.0.0/8", "10.0.0.0/33", "::/129", "1::2::3/64", "1:2:3:4:5:6:7:8:9/64", "1:2:3:4:5:6:7/64", "g::/16", "1.2.3.4::/64", "/0", ""]) {
                expect(parseCidr(text), text).to.equal(undefined);
            }
        });

        it("tells whether overlapping, unordered blocks cover the whole space", () => {
            const ranges = (...cidrs: string[]) => cidrs.map((c) => parseCidr(c)!);
            expect(coversWholeSpace(ranges("128.0.0.0/1", "0.0.0.0/2", "0.0.0.0/1"), "IPv4")).to.equal(true);
            expect(coversWholeSpace(ranges("0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3", "224.0.0.0/3"), "IPv4")).to.equal(true);
            expect(coversWholeSpace(ranges("0.0.0.0/1", "128.0.0.1/32"), "IPv4")).to.equal(false);
            expect(coversWholeSpace(ranges("0.0.0.0/1", "10.0.0.0/8", "128.0.0.0/1"), "IPv4"), "a block inside another").to.equal(true);
            expect(coversWholeSpace(ranges("128.0.0.0/1", "0.0.0.0/2"), "IPv4"), "a gap in the middle").to.equal(false);
            expect(coversWholeSpace(ranges("::/2", "8000::/1"), "IPv6"), "a gap in the middle").to.equal(false);
            expect(coversWholeSpace(ranges("0.0.0.0/1", "::/0"), "IPv4")).to.equal(false);
            expect(coversWholeSpace([], "IPv6")).to.equal(false);
        });

        it("tells whether blocks cover every address the internet can send from", () => {
            const ranges = (...cidrs: readonly string[]) => cidrs.map((c) => parseCidr(c)!);
            expect(coversInternet(ranges("2000::/3"), "IPv6")).to.equal(true);
            expect(coversInternet(ranges("::/0"), "IPv6")).to.equal(true);
            expect(coversInternet(ranges("3000::/4", "2000::/4"), "IPv6")).to.equal(true);
            expect(coversInternet(ranges(...globalUnicastButDocumentation), "IPv6"), "all but a documentation prefix").to.equal(true);
            expect(coversInternet(ranges(...globalUnicastButDocumentation.slice(0, -1)), "IPv6"), "a public part left out").to.equal(false);
            expect(coversInternet(ranges("2000::/4"), "IPv6")).to.equal(false);
            expect(coversInternet(ranges("fc00::/7", "fe80::/10", "ff00::/8"), "IPv6")).to.equal(false);
            expect(coversInternet(ranges("0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3"), "IPv4"), "all unicast").to.equal(true);
            expect(coversInternet(ranges(...allButTenSlashEight), "IPv4"), "all but 10/8").to.equal(true);
            expect(coversInternet(ranges("0.0.0.0/1", "128.0.0.0/2"), "IPv4")).to.equal(false);
            expect(coversInternet(ranges("0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3").concat(ranges("2000::/3")), "IPv4"), "blocks of the other family are ignored").to.equal(true);
            expect(coversInternet(ranges("2000::/3"), "IPv4")).to.equal(false);
            expect(coversInternet([], "IPv4")).to.equal(false);
        });
    });
});
