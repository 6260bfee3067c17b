// How Go renders what the AWS provider returns, where a Pulumi program can see the difference:
// encoding/json's map-key order and HTML-safe escaping, and hash/crc32's IEEE checksum (the provider's
// create.StringHashcode). policyDocument.ts uses them to render getPolicyDocument as the provider does.

export function sortedObject<T>(map: Record<string, T>): Record<string, T> {
    return Object.fromEntries(Object.keys(map).sort(compareStrings).map((k) => [k, map[k]]));
}

/** Go's string order (bytes); for the ASCII of IAM documents the same as UTF-16 order. */
export function compareStrings(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** Go's encoding/json escapes <, >, & and the JavaScript line separators; JSON.stringify does not. */
export function goJson(json: string): string {
    return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const CRC_TABLE = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        table[n] = c >>> 0;
    }
    return table;
})();

/** crc32.ChecksumIEEE, as create.StringHashcode uses it. */
export function crc32(text: string): number {
    let crc = 0xffffffff;
    for (const byte of Buffer.from(text, "utf8")) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
}
