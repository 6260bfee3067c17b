// Pulumi mocks that behave like the AWS provider for one fake account: resources go through the
// provider model (awsResources.ts), invokes through the data-source model (awsInvokes.ts). An explicit
// `aws.Provider` with its own region moves the resources and invokes that use it to that region.
import * as pulumi from "@pulumi/pulumi";
import { answerInvoke } from "./awsInvokes";
import { Account, checkInputs, createResource, hexFor } from "./awsResources";

export { Account } from "./awsResources";

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
    /** The account (with region) resources using this provider reference deploy into. */
    accountFor(providerRef: string | undefined): Account;
}

export function awsMocks(account: Account, preview: boolean): AwsMocks {
    // Explicit providers by logical name (the last segment of their URN): their region, if set.
    const providerRegions = new Map<string, string>();

    const accountFor = (providerRef: string | undefined): Account => {
        if (!providerRef) return account;
        const urn = providerRef.slice(0, providerRef.lastIndexOf("::"));
        const name = urn.split("::").pop() ?? "";
        const region = urn.includes("::pulumi:providers:aws::") ? providerRegions.get(name) : undefined;
        return region ? { ...account, region } : account;
    };

    return {
        accountFor,
        newResource(args: pulumi.runtime.MockResourceArgs) {
            if (!args.custom) return { id: undefined, state: {} };
            if (args.type.startsWith("pulumi:providers:")) {
                if (args.type === "pulumi:providers:aws" && typeof args.inputs.region === "string") providerRegions.set(args.name, args.inputs.region);
                const id = hexFor(args.type, args.name)(32);
                return { id: preview ? "" : `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`, state: args.inputs };
            }
            const checked = checkInputs(args.type, args.name, args.inputs);
            return createResource(args.type, args.name, checked, accountFor(args.provider), preview);
        },
        call(args: pulumi.runtime.MockCallArgs) {
            try {
                return answerInvoke(args.token, args.inputs, accountFor(args.provider));
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
