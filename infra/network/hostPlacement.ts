// Where the build host goes, resolved before anything is declared. The lookups are invokes, which the
// engine answers in `pulumi preview` too: an account without a default VPC fails at preview, with a
// message naming the key, rather than halfway through `pulumi up`.
import * as aws from "@pulumi/aws";
import { INTERNET_EGRESS_NOTICE, NetworkChoice } from "../config/networkChoice";
import { codeartifactAssetBucket } from "./serviceBuckets";

export type HostPlacement =
    | { mode: "private"; availabilityZones: string[] }
    | { mode: "default-vpc"; vpcId: string }
    | { mode: "subnet"; subnetId: string };

export class PlacementError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PlacementError";
    }
}

export async function resolveHostPlacement(choice: NetworkChoice, region: string): Promise<HostPlacement> {
    switch (choice.mode) {
        case "private": {
            codeartifactAssetBucket(region); // throws, naming the way out, for a region the program cannot scope
            // Zones that need no opt-in (Local Zones and Wavelength do), so every account can use them.
            const zones = await aws.getAvailabilityZones({ state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] });
            if (zones.names.length < 2) {
                throw new PlacementError(
                    `secure-packages:network = "private" needs two availability zones in ${region}; the account has ${zones.names.length} (${zones.names.join(", ") || "none"}). ` +
                        `Choose another region, or network: default-vpc or subnet (${INTERNET_EGRESS_NOTICE}).`,
                );
            }
            return { mode: "private", availabilityZones: zones.names.slice(0, 2) };
        }
        case "default-vpc": {
            // getVpcs answers an empty list where getVpc({default: true}) would fail with a bare "no matching VPC".
            const found = await aws.ec2.getVpcs({ filters: [{ name: "is-default", values: ["true"] }] });
            if (found.ids.length === 0) {
                throw new PlacementError(
                    `secure-packages:network = "default-vpc", but the account has no default VPC in ${region}. ` +
                        `Set secure-packages:network to private (the stack builds its own network), or to subnet with secure-packages:subnetId, ` +
                        `or create one with 'aws ec2 create-default-vpc --region ${region}'.`,
                );
            }
            return { mode: "default-vpc", vpcId: found.ids[0] };
        }
        case "subnet":
            return { mode: "subnet", subnetId: choice.subnetId };
    }
}
