// ec2-no-public-ingress: no security group admits inbound traffic from the whole internet. The
// package reader holds an instance role that can fetch CodeArtifact tokens; an open port is an
// attack surface from anywhere, and no inbound rule is needed at all: Session Manager reaches the
// instance through an outbound connection.
//
// Checked wherever an inbound rule can be written: the inline `ingress` entries of a SecurityGroup or
// of the VPC's DefaultSecurityGroup, a SecurityGroupRule of type "ingress", and a vpc
// SecurityGroupIngressRule. Egress is out of scope.
//
// The rule for "the whole internet": the blocks of one field of one rule (one block, or several
// together) cover every address the internet can send from. The whole address space does (any /0,
// whatever its host part; "0.0.0.0/1" + "128.0.0.0/1"), and so does everything that is left once
// the blocks no internet host sends from are taken out (cidr.ts, after IANA's special-purpose
// registries): for IPv6, every global unicast address (2000::/3) but the documentation and
// benchmarking prefixes ("2000::/3", "::/1"); for IPv4, all of 0.0.0.0/0 but the private, shared,
// loopback, link-local, documentation, benchmarking, multicast and reserved blocks ("0.0.0.0/1" +
// "128.0.0.0/2" + "192.0.0.0/3", or everything but 10.0.0.0/8). A rule that leaves out any
// internet-routed block passes: breadth alone is not judged, so "0.0.0.0/1" (half the IPv4
// internet) passes, and so would everything but one public /24.
// A string that is not a CIDR block is reported too: the policy cannot show it is not public.
import { validateTypes } from "../appliesTo";
import { resourceTypes } from "../resourceTypes";
import { Wording, checkInlineRules, checkRuleBlocks, ruleResourceBlocks } from "../internetBlocks";
import { PackResourcePolicy } from "./packPolicy";

const wording: Wording = {
    verb: "admits",
    fix: "admit only the addresses that need access (the VPC CIDR, a prefix list or a source security group), or remove the rule: Session Manager needs no inbound rule",
};

export const ec2NoPublicIngress: PackResourcePolicy = {
    name: "ec2-no-public-ingress",
    description: "No security group rule admits inbound traffic from the whole internet (0.0.0.0/0, ::/0, or blocks that cover every internet-routed address, such as 2000::/3).",
    rationale:
        "The host needs no inbound access; Session Manager connects outbound. The line is the whole internet, not breadth: the blocks of one field of a rule are refused when they cover every address an internet host can send from, which is the whole space less the blocks none sends from (IANA's special-purpose registries). For IPv6 that is `2000::/3`, global unicast, less the documentation and benchmarking prefixes, so `2000::/3` or `::/1` is refused like `::/0`; for IPv4 it is `0.0.0.0/0` less the private, shared (CGN), loopback, link-local, documentation, benchmarking, multicast and reserved blocks, so everything but `10.0.0.0/8` is refused too. A rule that leaves out any routed block, such as `0.0.0.0/1`, passes.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: [
        "Remove the 0.0.0.0/0 (cidrBlocks, cidrIpv4) or ::/0 (ipv6CidrBlocks, cidrIpv6) source from the inbound rule,",
        "or the blocks that add up to every internet-routed address (2000::/3 is all of IPv6's).",
        "Admit only what needs access: the VPC's CIDR, a corporate range, a managed prefix list or a source security group.",
        "For shell access use Session Manager (AmazonSSMManagedInstanceCore on the instance role, outbound 443):",
        "it needs no inbound rule and no key pair, so the reader's security group can have no ingress at all.",
    ].join(" "),
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
    validateResource: validateTypes(
        [resourceTypes.ec2SecurityGroup, resourceTypes.ec2DefaultSecurityGroup, resourceTypes.ec2SecurityGroupRule, resourceTypes.vpcSecurityGroupIngressRule],
        (args, reportViolation) => {
            const props = args.props;
            switch (args.type) {
                case resourceTypes.ec2SecurityGroup:
                case resourceTypes.ec2DefaultSecurityGroup:
                    return checkInlineRules("ingress", props.ingress, wording, reportViolation);
                case resourceTypes.ec2SecurityGroupRule:
                    // Anything but "egress" is judged as inbound: a wrong value must not slip through.
                    if (props.type === "egress") return args.notApplicable("egress rules are out of scope");
                    return checkRuleBlocks(ruleResourceBlocks(props, "lists"), wording, reportViolation);
                default:
                    return checkRuleBlocks(ruleResourceBlocks(props, "single"), wording, reportViolation);
            }
        },
    ),
};
