// Pulumi mocks that behave like the AWS provider for one fake account: resources go through the
// provider model (awsResources.ts), invokes through the data-source model (awsInvokes.ts). An explicit
// `aws.Provider` (or `aws-native.Provider`) with its own region moves the resources and invokes that
// use it to that region. `@pulumi/aws-native` resources on their default provider deploy into that
// provider's region: the stack's `aws-native:region`, else AWS_REGION / AWS_DEFAULT_REGION (as
// aws-native's provider.js reads them), else they fail as the provider would.
import * as pulumi from "@pulumi/pulumi";
import { answerInvoke } from "./awsInvokes";
import { checkInputs, createResource } from "./awsResources";
import { Account, hexFor } from "./resourceModel";

export { Account } from "./resourceModel";

/** The fake account every offline check deploys into. */
export const FAKE_ACCOUNT_ID = "123456789012";

/** The fake account in `region`, in the partition that region belongs to. */
export function fakeAccount(region: string): Account {
    return { accountId: FAKE_ACCOUNT_ID, partition: partitionOf(region), region };
}

function partitionOf(region: string): string {
    return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

export interface AwsMocks extends pulumi.runtime.Mocks {
    /** The account (with region) a resource of `type` using this provider reference deploys into. */
    accountFor(providerRef: string | undefined, type?: string): Account;
}

/** Packages whose resources deploy into a region: `aws` into the account's, the others into their `PKG:region`. */
const REGIONAL_PACKAGES = ["aws", "aws-native"];

/**
 * @param account the account, in the region of `aws:region` (the `aws` default provider's).
 * @param config the stack's config (full keys): other packages' default providers read their region there.
 */
export function awsMocks(account: Account, preview: boolean, config: Record<string, string> = {}): AwsMocks {
    // Explicit providers by type and logical name (the last segment of their URN): their region, if set.
    const providerRegions = new Map<string, string>();

    const defaultRegion = (pkg: string): string => {
        if (pkg === "aws") return account.region;
        const region = config[`${pkg}:region`] ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
        if (!region) throw new Error(`${pkg}:region is not set: the ${pkg} provider needs a region (pulumi config set ${pkg}:region ${account.region})`);
        return region;
    };

    const accountFor = (providerRef: string | undefined, type = "aws:"): Account => {
        const pkg = type.split(":")[0];
        if (!providerRef) return REGIONAL_PACKAGES.includes(pkg) ? { ...account, region: defaultRegion(pkg) } : account;
        const urn = providerRef.slice(0, providerRef.lastIndexOf("::"));
        const [providerType, name] = urn.split("::").slice(-2);
        const region = providerRegions.get(`${providerType}::${name}`);
        return region ? { ...account, region } : account;
    };

    return {
        accountFor,
        newResource(args: pulumi.runtime.MockResourceArgs) {
            if (!args.custom) return { id: undefined, state: {} };
            if (args.type.startsWith("pulumi:providers:")) {
                const pkg = args.type.slice("pulumi:providers:".length);
                if (REGIONAL_PACKAGES.includes(pkg) && typeof args.inputs.region === "string") providerRegions.set(`${args.type}::${args.name}`, args.inputs.region);
                const id = hexFor(args.type, args.name)(32);
                return { id: preview ? "" : `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`, state: args.inputs };
            }
            const checked = checkInputs(args.type, args.name, args.inputs);
            return createResource(args.type, args.name, checked, accountFor(args.provider, args.type), preview);
        },
        call(args: pulumi.runtime.MockCallArgs) {
            try {
                return answerInvoke(args.token, args.inputs, accountFor(args.provider, args.token));
            } catch (e) {
                // The SDK reads a failed invoke's message from the gRPC error's `details`, as the
                // engine sends it.
                const error = e as Error & { details?: string };
                error.details = `invocation of ${args.token} returned an error: ${error.message}`;
                throw error;
            }
        },
    };
}
