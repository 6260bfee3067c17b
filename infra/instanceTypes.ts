// EC2 instance type names, and the CPU architecture they imply (which picks the AMI).

/** The instance type shape: family (letters, a generation digit, attribute letters), a dot, a size. */
export const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*[0-9][a-z0-9-]*\.[a-z0-9]+$/;

/** Small and cheap: the host only runs builds that fetch packages. */
export const DEFAULT_INSTANCE_TYPE = "t3.micro";

export type Architecture = "x86_64" | "arm64";

/**
 * Graviton families carry a `g` among the attribute letters after the generation digit
 * (t4g, m7gd, c7gn, im4gn); a leading `g` is the GPU series (g4dn, g5), which is x86_64.
 * Known gap: the first-generation Graviton `a1` family has no `g` and is reported as x86_64.
 */
export function architectureOf(instanceType: string): Architecture {
    const family = instanceType.split(".")[0];
    const generation = family.search(/[0-9]/);
    const attributes = generation < 0 ? "" : family.slice(generation + 1);
    return attributes.includes("g") ? "arm64" : "x86_64";
}
