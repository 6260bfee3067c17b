// Where the build host runs, as the stack's `network` key chooses it. `private` (the default) gives
// the host a network of its own with no path to the internet (privateNetwork.ts); the other two keep
// today's behaviour and need the pack told so (allowInternetEgress), since their host can send
// data anywhere over HTTPS.

export const NETWORK_MODES = ["private", "default-vpc", "subnet"] as const;
export type NetworkMode = (typeof NETWORK_MODES)[number];

export type NetworkChoice =
    | { mode: "private" }
    | { mode: "default-vpc" }
    | { mode: "subnet"; subnetId: string };

/** What a stack that opts out of the private network must tell the policy pack, in its words. */
export const INTERNET_EGRESS_NOTICE =
    "the build host then has HTTPS out to the whole internet: set allowInternetEgress: true for ec2-no-internet-egress " +
    "in the stack's policy pack config, or choose network: private";

export function isNetworkMode(value: string): value is NetworkMode {
    return (NETWORK_MODES as readonly string[]).includes(value);
}
