// The shapes every model of the AWS stand-in shares: the fake account, inputs as they come off the
// wire, what a model sees of a resource and what it declares, and the deterministic ids and ARNs the
// models and invokes build from them. Kept apart from the registry (awsResources.ts) so the per-service
// model files can use them without importing the registry that imports them.
import { createHash } from "crypto";
import { unknownValues } from "../../policy-pack/resourceProps";

/** The SDK's wire sentinel for an unknown value; the Node SDK reads only this one as unknown. */
export const UNKNOWN = unknownValues.string;

export interface Account {
    accountId: string;
    partition: string;
    region: string;
    /** An account whose default VPC was deleted (many organisations do): default-VPC lookups find none. */
    noDefaultVpc?: boolean;
}

/**
 * Inputs as the SDK deserializes them from the wire: untyped JSON. Each model reads the fields it
 * knows, the way the provider's schema would, and checks them where AWS would.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped wire data, read field by field
export type WireInputs = Record<string, any>;

export interface ResourceContext {
    type: string;
    name: string;
    /** Inputs after Check, as the SDK deserialized them (in an update: all known). */
    inputs: WireInputs;
    account: Account;
    /** Deterministic hex digits for this resource (same in preview and update). */
    hex(length: number, salt?: string): string;
}

export interface TypeModel {
    autoName?: { property: string; maxLength: number; lowercase?: boolean };
    id(r: ResourceContext): string;
    computed?(r: ResourceContext): Record<string, unknown>;
    defaults?: Record<string, unknown>;
    optionalComputed?(r: ResourceContext): Record<string, unknown>;
}

export const arn = (r: ResourceContext, service: string, resource: string, region = r.account.region, account = r.account.accountId) =>
    `arn:${r.account.partition}:${service}:${region}:${account}:${resource}`;

/** The hex digits a resource gets: from its type and name, so preview and update agree. */
export function hexFor(type: string, name: string): (length: number, salt?: string) => string {
    return (length, salt = "") => {
        let out = "";
        for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`${type}::${name}::${salt}::${i}`).digest("hex");
        return out.slice(0, length);
    };
}

export const defaultSubnetIds = (account: Account) =>
    ["a", "b", "c"].map((az) => `subnet-0${createHash("sha256").update(account.accountId + account.region + az).digest("hex").slice(0, 16)}`);
export const defaultVpcId = (account: Account) => `vpc-0${account.accountId.slice(0, 6)}d3fa17c0`;
