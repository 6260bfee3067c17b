// Reading resource props defensively, the way the engine hands them to a policy: wrapped in
// @pulumi/policy's unknown-checking proxy, which throws UnknownValueError when a value that is
// unknown during preview is read. The engine reports that as "can't run policy ... during preview",
// so these helpers never catch it: they only avoid reading what a judgement does not need.

/**
 * The wire protocol's unknown-value sentinels (the engine's `plugin.Unknown*Value`, the same strings
 * @pulumi/policy's proxy checks for): a property holding one is present, but its value is not known
 * until the update.
 */
export const unknownValues = {
    boolean: "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    number: "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    string: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    array: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    asset: "030794c1-ac77-496b-92df-f27374a8bd58",
    archive: "e48ece36-62e2-4504-bad9-02848725956a",
    object: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
} as const;

const unknownSentinels: ReadonlySet<unknown> = new Set(Object.values(unknownValues));

/**
 * Whether `props[key]` is present but unknown during preview, found without reading it through the
 * proxy (its only trap is `get`; a property descriptor comes from the target untouched). For the rare
 * policy that can judge from a property's presence alone; everything else should just read the value
 * and let the proxy throw.
 */
export function isPresentButUnknown(props: object, key: string): boolean {
    const descriptor = Object.getOwnPropertyDescriptor(props, key);
    return descriptor !== undefined && "value" in descriptor && unknownSentinels.has(descriptor.value);
}

/**
 * Whether `props[key]` holds a value, known or not, found without reading it through the proxy (see
 * isPresentButUnknown). Absent, null and an empty list are "not set", as for singleBlock. For a
 * judgement that only needs to know a property is set, such as an instance's `launchTemplate`
 * reference, whose id is unknown in preview when the template is created in the same deployment.
 */
export function isSet(props: object, key: string): boolean {
    const descriptor = Object.getOwnPropertyDescriptor(props, key);
    if (descriptor === undefined || !("value" in descriptor)) return false;
    const value: unknown = descriptor.value;
    return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
}

/**
 * A value as a violation message shows it. Objects and lists are summarized, not serialized:
 * serializing would read every nested value, and one unknown among them would throw.
 */
export function describeValue(value: unknown): string {
    if (value === undefined) return "absent";
    if (value === null) return "null";
    if (typeof value === "string") return JSON.stringify(value);
    if (Array.isArray(value)) return value.length === 1 ? "a list of 1 item" : `a list of ${value.length} items`;
    if (typeof value === "object") return "an object";
    return String(value);
}

/** A nested block (`metadataOptions`, `rootBlockDevice`, ...), as the props actually hold it. */
export type Block =
    | { kind: "absent" }
    /** `path` locates the block for messages: `rootBlockDevice`, or `rootBlockDevice[0]` when it came in a list. */
    | { kind: "block"; block: Record<string, unknown>; path: string }
    | { kind: "malformed"; found: string };

/**
 * Reads a single nested block. @pulumi/aws 7 passes these as one object; the underlying Terraform
 * schema is a list of at most one, so a one-element list is accepted too. Absent, null and an empty
 * list mean "not set"; anything else that is not an object is malformed (reported, never a crash).
 */
export function singleBlock(props: Record<string, unknown>, key: string): Block {
    const value = props[key];
    if (value === undefined || value === null) return { kind: "absent" };
    if (Array.isArray(value)) {
        if (value.length === 0) return { kind: "absent" };
        const first: unknown = value[0];
        if (value.length === 1 && isObject(first)) return { kind: "block", block: first, path: `${key}[0]` };
        return { kind: "malformed", found: value.length === 1 ? `a list holding ${describeValue(first)}` : describeValue(value) };
    }
    if (isObject(value)) return { kind: "block", block: value, path: key };
    return { kind: "malformed", found: describeValue(value) };
}

export function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A list property as a list: absent or null is none, a single value (a bare string) is one. */
export function asList(value: unknown): unknown[] {
    return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

/**
 * A list property's items that are known, and how many are unknown in preview, read without the
 * proxy (see isPresentButUnknown): `policyArns: [policy.arn]` holds an unknown item while the
 * policy is being created. A wholly unknown list counts as one unknown item.
 */
export function knownListItems(props: object, key: string): { known: unknown[]; unknown: number } {
    const descriptor = Object.getOwnPropertyDescriptor(props, key);
    const value: unknown = descriptor && "value" in descriptor ? descriptor.value : undefined;
    if (unknownSentinels.has(value)) return { known: [], unknown: 1 };
    const items = asList(value);
    const known = items.filter((item) => !unknownSentinels.has(item));
    return { known, unknown: items.length - known.length };
}
