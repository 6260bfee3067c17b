// EC2 instance type names, and the CPU architecture they imply (which picks the AMI).
//
// AWS's naming convention ("Amazon EC2 instance type naming conventions"): a type is FAMILY.SIZE; a
// family is a series (letters: c, m, r, t, im, is, inf, trn, hpc, mac, u...), a generation (digits),
// then attribute letters (a AMD, g AWS Graviton, i Intel, d instance store, n network, e extra, z high
// frequency, b block storage, flex...), and sometimes a `-` and more (u-6tb1, m7i-flex, mac2-m2pro).

/** The instance type shape: family (letters, a generation digit, attribute letters), a dot, a size. */
export const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*[0-9][a-z0-9-]*\.[a-z0-9]+$/;

/** Small and cheap: the host only runs builds that fetch packages. */
export const DEFAULT_INSTANCE_TYPE = "t3.micro";

export type Architecture = "x86_64" | "arm64";

/** Series whose every type is Graviton: `a` (a1, the first generation, which has no `g` attribute). */
const GRAVITON_SERIES: readonly string[] = ["a"];

/** The processor attribute of Graviton types of every other series (t4g, m7gd, c7gn, im4gn, is4gen, g5g). */
const GRAVITON_ATTRIBUTE = "g";

/**
 * Series the build host cannot run on, and why: the host boots Amazon Linux 2023 from its public
 * parameter, which has no image for them.
 */
const UNSUPPORTED_SERIES: Readonly<Record<string, string>> = {
    mac: "Mac instances run macOS on dedicated hosts; the build host runs Amazon Linux 2023",
};

/** A family's parts: `im4gn` -> series `im`, generation `4`, attributes `gn` (nothing after a `-`). */
function familyParts(instanceType: string): { series: string; attributes: string } {
    const family = instanceType.split(".")[0].split("-")[0];
    const match = /^([a-z]+)(\d+)([a-z]*)/.exec(family);
    return match ? { series: match[1], attributes: match[3] } : { series: family, attributes: "" };
}

/**
 * The architecture of a type, from its name: Graviton (arm64) when the series is Graviton's own (a1)
 * or the attribute letters after the generation carry a `g`; a leading `g` is the GPU series (g4dn,
 * g5: x86_64; g5g: Graviton with a GPU).
 */
export function architectureOf(instanceType: string): Architecture {
    const { series, attributes } = familyParts(instanceType);
    return GRAVITON_SERIES.includes(series) || attributes.includes(GRAVITON_ATTRIBUTE) ? "arm64" : "x86_64";
}

/** Why the build host cannot use this type, or undefined when it can. */
export function unsupportedReason(instanceType: string): string | undefined {
    return UNSUPPORTED_SERIES[familyParts(instanceType).series];
}
