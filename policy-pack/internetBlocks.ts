// Whether one security group rule's CIDR blocks open it to the whole internet, judged the same way
// for inbound (ec2-no-public-ingress) and outbound (ec2-no-internet-egress) rules: any /0, a block
// that covers every internet-routed address, or blocks that do so together (cidr.ts).
import { ReportViolation } from "@pulumi/policy";
import { CidrRange, IpFamily, coversInternet, coversWholeSpace, parseCidr } from "./cidr";
import { describeValue, isObject, isPresentButUnknown } from "./resourceProps";

/** "admits" -> "admit", "reaches" -> "reach": the verb for blocks taken together. */
function plural(verb: string): string {
    return verb.replace(/es$/, "").replace(/s$/, "");
}

/** One rule's blocks of one family, as found under `path`. */
export interface RuleBlocks {
    path: string;
    family: IpFamily;
    /** Reads the value: lazily, so a violation found in one field is reported before the next is read. */
    read: () => unknown;
    /** A single string field (`cidrIpv4`) rather than a list (`cidrBlocks`). */
    single?: boolean;
}

function wholeInternet(family: IpFamily): string {
    return family === "IPv4" ? "0.0.0.0/0" : "::/0";
}

/** The internet-routed space of a family, as a message names it (see cidr.ts). */
const internetSpace: Record<IpFamily, string> = {
    IPv4: "every address but the private, shared, loopback, link-local, documentation, benchmarking, multicast and reserved blocks",
    IPv6: "every global unicast address, 2000::/3, but the documentation and benchmarking prefixes",
};

/** How a policy words its finding: `admits` (inbound) or `reaches` (outbound), and the fix it suggests. */
export interface Wording {
    verb: string;
    fix: string;
}

/**
 * Reports each block that covers the whole internet among one rule's blocks (a /0, or blocks that
 * cover every internet-routed address); the blocks of one field are judged together.
 */
export function checkRuleBlocks(sources: RuleBlocks[], { verb, fix }: Wording, reportViolation: ReportViolation): void {
    for (const { path, family, read, single } of sources) {
        const value = read();
        if (value === undefined || value === null) continue;
        if (!single && !Array.isArray(value)) {
            reportViolation(`${path} is ${describeValue(value)}; expected a list of ${family} CIDR blocks.`);
            continue;
        }
        const count = single ? 1 : (value as unknown[]).length;
        const found: unknown[] = [];
        const ranges: CidrRange[] = [];
        let reported = false;
        // Blocks that alone cover the internet space without being a /0. Reported once the field is
        // read, unless the field covers the whole address space: the message then names all its blocks.
        const internetBlocks: string[] = [];
        const reportInternetBlocks = () => {
            for (const message of internetBlocks.splice(0)) reportViolation(message);
        };
        for (let i = 0; i < count; i++) {
            // Each element is read just before it is judged: an unknown one comes after the violations
            // before it, so pending ones are reported before an unknown element ends the check.
            if (!single && isPresentButUnknown(value as object, String(i))) reportInternetBlocks();
            const item: unknown = single ? value : (value as unknown[])[i];
            const where = single ? path : `${path}[${i}]`;
            found.push(item);
            const range = typeof item === "string" ? parseCidr(item) : undefined;
            if (!range || range.family !== family) {
                reportViolation(`${where} is ${describeValue(item)}, which is not an ${family} CIDR block, so the policy cannot tell what it admits; expected a block such as "10.0.0.0/16".`);
                reported = true;
            } else if (range.prefixLength === 0) {
                reportViolation(`${where} is ${describeValue(item)}: it ${verb} the whole ${family} internet (${wholeInternet(family)}); ${fix}.`);
                reported = true;
            } else {
                ranges.push(range);
                if (coversInternet([range], family)) {
                    internetBlocks.push(`${where} is ${describeValue(item)}: it ${verb} the whole ${family} internet (${internetSpace[family]}); ${fix}.`);
                }
            }
        }
        const together = `${path} is [${found.map(describeValue).join(", ")}]: together these ${plural(verb)} the whole ${family} internet`;
        if (!reported && coversWholeSpace(ranges, family)) {
            reportViolation(`${together} (${wholeInternet(family)}); ${fix}.`);
        } else if (internetBlocks.length > 0) {
            reportInternetBlocks();
        } else if (!reported && coversInternet(ranges, family)) {
            reportViolation(`${together} (${internetSpace[family]}); ${fix}.`);
        }
    }
}


/**
 * A security group's inline `ingress` or `egress` list: each rule's IPv4 and IPv6 blocks judged. A
 * list that is not a list, or a rule that is not an object, is reported: it cannot be shown safe.
 */
export function checkInlineRules(field: "ingress" | "egress", rules: unknown, wording: Wording, reportViolation: ReportViolation): void {
    if (rules === undefined || rules === null) return;
    if (!Array.isArray(rules)) return reportViolation(`${field} is ${describeValue(rules)}; expected a list of rules.`);
    for (let i = 0; i < rules.length; i++) {
        const rule: unknown = rules[i];
        if (!isObject(rule)) {
            reportViolation(`${field}[${i}] is ${describeValue(rule)}; expected a rule object.`);
            continue;
        }
        checkRuleBlocks([
            { path: `${field}[${i}].cidrBlocks`, family: "IPv4", read: () => rule.cidrBlocks },
            { path: `${field}[${i}].ipv6CidrBlocks`, family: "IPv6", read: () => rule.ipv6CidrBlocks },
        ], wording, reportViolation);
    }
}

/**
 * The blocks of a rule resource: a SecurityGroupRule's lists (`cidrBlocks`, `ipv6CidrBlocks`), or a
 * vpc SecurityGroupIngressRule's or SecurityGroupEgressRule's single fields (`cidrIpv4`, `cidrIpv6`).
 */
export function ruleResourceBlocks(props: Record<string, unknown>, shape: "lists" | "single"): RuleBlocks[] {
    return shape === "lists"
        ? [
            { path: "cidrBlocks", family: "IPv4", read: () => props.cidrBlocks },
            { path: "ipv6CidrBlocks", family: "IPv6", read: () => props.ipv6CidrBlocks },
        ]
        : [
            { path: "cidrIpv4", family: "IPv4", read: () => props.cidrIpv4, single: true },
            { path: "cidrIpv6", family: "IPv6", read: () => props.cidrIpv6, single: true },
        ];
}
