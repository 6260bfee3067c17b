// CIDR blocks as address ranges, to tell whether a set of them admits the whole internet.
//
// Matching the strings "0.0.0.0/0" and "::/0" is not enough: any IPv4 block with prefix length 0
// ("10.0.0.0/0") is the whole IPv4 space whatever its host part, and blocks that are narrower one by
// one can still add up to all of it ("0.0.0.0/1" + "128.0.0.0/1").
//
// Nor is the whole address space the only "whole internet": internet hosts send only from the
// addresses the internet routes, so a rule that admits all of those admits everyone, whatever it
// leaves out of the reserved rest. "2000::/3" is every global unicast IPv6 address, and
// "0.0.0.0/1" + "128.0.0.0/2" + "192.0.0.0/3" every IPv4 address but multicast and reserved ones.

export type IpFamily = "IPv4" | "IPv6";

export interface CidrRange {
    family: IpFamily;
    prefixLength: number;
    /** First and last address of the block, as integers. */
    first: bigint;
    last: bigint;
}

const addressBits: Record<IpFamily, number> = { IPv4: 32, IPv6: 128 };

/** Parses `a.b.c.d/n` or an IPv6 block (`::/0`, `2001:db8::/32`, `::ffff:10.0.0.0/104`); undefined if it is neither. */
export function parseCidr(cidr: string): CidrRange | undefined {
    const match = /^([^/\s]+)\/(\d{1,3})$/.exec(cidr.trim());
    if (!match) return undefined;
    const [, address, prefixText] = match;
    const family: IpFamily = address.includes(":") ? "IPv6" : "IPv4";
    const value = family === "IPv4" ? parseIpv4(address) : parseIpv6(address);
    const prefixLength = Number(prefixText);
    const bits = addressBits[family];
    if (value === undefined || prefixLength > bits) return undefined;
    const hostBits = BigInt(bits - prefixLength);
    const first = (value >> hostBits) << hostBits;
    return { family, prefixLength, first, last: first + (1n << hostBits) - 1n };
}

/** True when the blocks together cover every address of the family. */
export function coversWholeSpace(ranges: readonly CidrRange[], family: IpFamily): boolean {
    return coversInterval(ranges, family, 0n, (1n << BigInt(addressBits[family])) - 1n);
}

/**
 * True when the blocks together cover every address the internet can send from (see
 * internetSpace): a rule admitting them admits the whole internet, even if it is not a /0.
 */
export function coversInternet(ranges: readonly CidrRange[], family: IpFamily): boolean {
    return internetIntervals[family].every(([first, last]) => coversInterval(ranges, family, first, last));
}

/**
 * Where internet traffic can come from: the family's routed space, minus the blocks no internet host
 * sends from (private, shared, loopback, link-local, "this network", documentation, benchmarking,
 * multicast and reserved, from IANA's special-purpose registries). Every IPv6 address on the
 * internet is assigned from 2000::/3 (global unicast); the rest of the IPv6 space is loopback,
 * IPv4-mapped, unique-local, link-local, multicast or unassigned. Leaving a block out here can only
 * make the check stricter: a rule counts as public when it covers every address that remains.
 */
const internetSpace: Record<IpFamily, { within: string; except: string[] }> = {
    IPv4: {
        within: "0.0.0.0/0",
        except: [
            "0.0.0.0/8", // "this network"
            "10.0.0.0/8", // private
            "100.64.0.0/10", // shared (carrier-grade NAT)
            "127.0.0.0/8", // loopback
            "169.254.0.0/16", // link-local
            "172.16.0.0/12", // private
            "192.0.2.0/24", // documentation
            "192.168.0.0/16", // private
            "198.18.0.0/15", // benchmarking
            "198.51.100.0/24", // documentation
            "203.0.113.0/24", // documentation
            "224.0.0.0/3", // multicast (224/4) and reserved (240/4, with the broadcast address)
        ],
    },
    IPv6: {
        within: "2000::/3", // global unicast
        except: [
            "2001:2::/48", // benchmarking
            "2001:db8::/32", // documentation
            "3fff::/20", // documentation
        ],
    },
};

type Interval = [first: bigint, last: bigint];

/** The internet space of each family as sorted, disjoint address intervals. */
const internetIntervals: Record<IpFamily, Interval[]> = { IPv4: intervalsOf(internetSpace.IPv4), IPv6: intervalsOf(internetSpace.IPv6) };

function intervalsOf({ within, except }: { within: string; except: string[] }): Interval[] {
    const space = parseCidr(within)!;
    const holes = except.map((cidr) => parseCidr(cidr)!).sort(byFirst);
    const intervals: Interval[] = [];
    let next = space.first; // the lowest address not yet placed in an interval or a hole
    for (const hole of holes) {
        if (hole.first > next) intervals.push([next, hole.first - 1n]);
        if (hole.last + 1n > next) next = hole.last + 1n;
    }
    if (next <= space.last) intervals.push([next, space.last]);
    return intervals;
}

function byFirst(a: CidrRange, b: CidrRange): number {
    return a.first < b.first ? -1 : a.first > b.first ? 1 : 0;
}

/** True when the family's blocks together cover every address from `first` to `last`. */
function coversInterval(ranges: readonly CidrRange[], family: IpFamily, first: bigint, last: bigint): boolean {
    const sorted = ranges.filter((r) => r.family === family).sort(byFirst);
    let next = first; // the lowest address not yet covered
    for (const range of sorted) {
        if (range.last < next) continue;
        if (range.first > next) return false;
        next = range.last + 1n;
        if (next > last) return true;
    }
    return next > last;
}

function parseIpv4(address: string): bigint | undefined {
    const parts = address.split(".");
    if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
    return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseIpv6(address: string): bigint | undefined {
    const halves = address.split("::");
    if (halves.length > 2) return undefined;
    const groupsOf = (text: string): string[] | undefined => {
        if (text === "") return [];
        const groups = text.split(":");
        // A dotted IPv4 tail (`::ffff:192.0.2.1`) stands for the last two groups.
        const last = groups[groups.length - 1];
        if (last.includes(".")) {
            const v4 = parseIpv4(last);
            if (v4 === undefined) return undefined;
            groups.splice(groups.length - 1, 1, (v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16));
        }
        return groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) ? groups : undefined;
    };
    const head = groupsOf(halves[0]);
    const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
    if (!head || !tail) return undefined;
    // A dotted tail is only allowed at the very end.
    if (halves.length === 2 && halves[0].includes(".")) return undefined;
    const missing = 8 - head.length - tail.length;
    if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
    const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
    return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}
