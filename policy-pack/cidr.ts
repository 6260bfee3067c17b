// CIDR blocks as address ranges, to tell whether a set of them admits the whole internet.
//
// Matching the strings "0.0.0.0/0" and "::/0" is not enough: any IPv4 block with prefix length 0
// ("10.0.0.0/0") is the whole IPv4 space whatever its host part, and blocks that are narrower one by
// one can still add up to all of it ("0.0.0.0/1" + "128.0.0.0/1").

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
    const sorted = ranges.filter((r) => r.family === family).sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    let next = 0n; // the lowest address not yet covered
    for (const range of sorted) {
        if (range.first > next) return false;
        if (range.last + 1n > next) next = range.last + 1n;
    }
    return next === 1n << BigInt(addressBits[family]);
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
