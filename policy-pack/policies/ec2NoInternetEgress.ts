// ec2-no-internet-egress: a build host cannot send data to the internet. Whatever runs on it (a
// malicious build plugin, a compromised dependency's build script) runs with the host's network; if
// HTTPS out reaches anywhere, anything it can read can leave. With network: private the host reaches
// only the VPC endpoints and the S3 prefix list, and this policy keeps it that way.
//
// A stack policy, because what a host can reach is spread over resources: for each EC2 instance (or
// spot instance request), the
// security groups it uses (vpcSecurityGroupIds, securityGroups) and every egress rule on them (inline
// `egress`, vpc SecurityGroupEgressRule, SecurityGroupRule of type "egress") are judged with the
// ingress policy's CIDR reasoning (internetBlocks.ts): a /0 or blocks that together cover every
// internet-routed address. A host with a public IP (associatePublicIpAddress) or in a subnet of the
// stack that maps public IPs on launch is refused too, where the stack shows it. Config
// allowInternetEgress: true (for network: default-vpc or subnet, which give the host the internet
// on purpose) turns the policy off.
import { PolicyResource, ReportViolation, UnknownValueError } from "@pulumi/policy";
import { StackIndex } from "../iam/roleAccess";
import { Wording, checkInlineRules, checkRuleBlocks, ruleResourceBlocks } from "../internetBlocks";
import { resourceTypes } from "../resourceTypes";
import { isPresentButUnknown } from "../resourceProps";
import { PackStackPolicy } from "./packPolicy";

interface Config {
    allowInternetEgress: boolean;
}

const fix =
    "send only to what the host needs (the VPC endpoints' security group and the S3 prefix list, as secure-packages:network private does); " +
    "a stack that gives its host the internet on purpose (network: default-vpc or subnet) sets allowInternetEgress: true for this policy";

const wording: Wording = { verb: "reaches", fix };

export const ec2NoInternetEgress: PackStackPolicy = {
    name: "ec2-no-internet-egress",
    description: "An EC2 build host cannot reach the internet: no egress rule of its security groups reaches 0.0.0.0/0, ::/0 or every internet-routed address, and it has no public IP.",
    rationale:
        "Anything that runs on the build host (a build plugin, a dependency's build script) runs with its network; HTTPS to the internet lets it send whatever it can read anywhere. The policy follows each instance to its security groups and their egress rules, and refuses any that reach the whole internet (the same CIDR reasoning as ingress, `policy-pack/internetBlocks.ts`), and a public IP where the stack shows it.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: [
        "Use secure-packages:network private (the default): the host's group sends HTTPS only to the VPC endpoints' group and the S3 prefix list.",
        "Elsewhere, replace 0.0.0.0/0 or ::/0 egress with the destinations the host needs (a security group, a prefix list, the VPC CIDR),",
        "and set associatePublicIpAddress: false. A stack that means the host to reach the internet (network: default-vpc or subnet)",
        "sets allowInternetEgress: true for this policy in its pack config.",
    ].join(" "),
    url: "https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html",
    configSchema: {
        properties: {
            allowInternetEgress: {
                type: "boolean",
                default: false,
                description: "The stack's build hosts may reach the internet (secure-packages:network default-vpc or subnet): the policy checks nothing.",
            },
        },
    },
    validateStack: (args, reportViolation) => {
        if (args.getConfig<Config>().allowInternetEgress) return;
        const index = new StackIndex(args.resources);
        const judged = new Set<PolicyResource>();
        let unknown: UnknownValueError | undefined;
        const attempt = (judge: () => void) => {
            try {
                judge();
            } catch (e) {
                if (!(e instanceof UnknownValueError)) throw e;
                unknown ??= e;
            }
        };
        // Each rule resource under the group it belongs to, found once: linear in the stack.
        const rulesOf = new Map<PolicyResource, PolicyResource[]>();
        for (const rule of args.resources.filter((r) => r.type === resourceTypes.vpcSecurityGroupEgressRule || r.type === resourceTypes.ec2SecurityGroupRule)) {
            attempt(() => {
                for (const group of index.pointsTo(rule, "securityGroupId", resourceTypes.ec2SecurityGroup)) rulesOf.set(group, [...(rulesOf.get(group) ?? []), rule]);
            });
        }
        // Spot requests launch instances from the same arguments.
        for (const instance of args.resources.filter((r) => r.type === resourceTypes.ec2Instance || r.type === resourceTypes.ec2SpotInstanceRequest)) {
            attempt(() => judgePublicAddress(instance, index, reportViolation));
            const groups: PolicyResource[] = [];
            attempt(() => groups.push(...index.pointsTo(instance, "vpcSecurityGroupIds", resourceTypes.ec2SecurityGroup)));
            attempt(() => groups.push(...index.pointsTo(instance, "securityGroups", resourceTypes.ec2SecurityGroup)));
            for (const group of groups.filter((g) => !judged.has(g))) {
                judged.add(group);
                attempt(() => judgeInlineEgress(group, instance, reportViolation));
                for (const rule of rulesOf.get(group) ?? []) attempt(() => judgeEgressRule(rule, group, instance, reportViolation));
            }
        }
        if (unknown) throw unknown;
    },
};

function judgePublicAddress(instance: PolicyResource, index: StackIndex, reportViolation: ReportViolation): void {
    const report = (message: string) => reportViolation(`instance "${instance.name}": ${message}; ${fix}.`, instance.urn);
    const publicIp = isPresentButUnknown(instance.props, "associatePublicIpAddress") ? undefined : instance.props.associatePublicIpAddress;
    if (publicIp === true) return report("associatePublicIpAddress is true: the host gets a public IP");
    if (publicIp === false) return;
    // A subnet id unknown in preview with no dependency on a stack resource is one AWS picks (a
    // default subnet) or one from outside the stack: not shown by the stack, so not judged here.
    const linked = (instance.propertyDependencies["subnetId"] ?? []).length > 0;
    if (!linked && isPresentButUnknown(instance.props, "subnetId")) return;
    for (const subnet of index.pointsTo(instance, "subnetId", resourceTypes.ec2Subnet)) {
        if (subnet.props.mapPublicIpOnLaunch === true) report(`its subnet "${subnet.name}" maps public IPs on launch (mapPublicIpOnLaunch), and the host does not set associatePublicIpAddress: false`);
    }
}

function judgeInlineEgress(group: PolicyResource, instance: PolicyResource, reportViolation: ReportViolation): void {
    // A whole `egress` unknown in preview is one the program left out (rules as their own resources):
    // the provider then creates the group with no egress rule (it removes AWS's default allow-all),
    // and reads back what the rule resources add, which are judged one by one.
    if (isPresentButUnknown(group.props, "egress")) return;
    checkInlineRules("egress", group.props.egress, wording, forGroup(group, instance, reportViolation));
}

function judgeEgressRule(rule: PolicyResource, group: PolicyResource, instance: PolicyResource, reportViolation: ReportViolation): void {
    const report = (message: string) => forGroup(group, instance, reportViolation)(`${rule.type.split(":").pop()} "${rule.name}": ${message}`);
    if (rule.type === resourceTypes.ec2SecurityGroupRule) {
        // Anything but "ingress" is judged as outbound: a wrong value must not slip through.
        if (rule.props.type === "ingress") return;
        return checkRuleBlocks(ruleResourceBlocks(rule.props, "lists"), wording, report);
    }
    checkRuleBlocks(ruleResourceBlocks(rule.props, "single"), wording, report);
}

function forGroup(group: PolicyResource, instance: PolicyResource, reportViolation: ReportViolation): (message: string) => void {
    return (message) => reportViolation(`security group "${group.name}" (used by instance "${instance.name}"): ${message}`, group.urn);
}
