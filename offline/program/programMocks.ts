// The mocks a program runs under: the AWS stand-in (aws/awsMocks.ts) for AWS, and around it what a
// program outside this project also meets:
// - a StackReference (`pulumi:pulumi:StackReference`, read by the SDK as a resource) answers with the
//   outputs the user supplied for that stack (--stack-outputs FILE, JSON keyed by stack name); the
//   check cannot know them, so without them the run stops with a message that names the reference;
// - a resource of a provider the stand-in does not model (random, tls, awsx's components...) gets
//   the generic behaviour: its inputs echoed back, its id and every output the provider computes
//   unknown in preview (the SDK leaves outputs the mock does not return unknown in preview) and absent
//   in an update, with one note per provider so the user knows the pack saw only its inputs.
import type * as pulumi from "@pulumi/pulumi";
import { AwsMocks } from "../aws/awsMocks";
import { Registration } from "./registrations";
import { isModelledType } from "../aws/awsResources";

/** Other stacks' outputs, keyed by the stack name a StackReference names (`org/project/stack`). */
export type StackOutputs = Record<string, Record<string, unknown>>;

/** Providers whose resources need nothing more from the stand-in (the engine's own, AWS's); of others, the types it models (aws-native's PackageGroup, ...). */
const MODELLED_PACKAGES = new Set(["aws", "pulumi"]);

export class MissingStackOutputsError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "MissingStackOutputsError";
    }
}

export function programMocks(aws: AwsMocks, stackOutputs: StackOutputs | undefined): pulumi.runtime.Mocks {
    return {
        newResource: (args: pulumi.runtime.MockResourceArgs) => (args.type === "pulumi:pulumi:StackReference" ? stackReference(args, stackOutputs) : aws.newResource(args)),
        call: (args: pulumi.runtime.MockCallArgs) => aws.call(args),
    };
}

/**
 * One line per provider whose resources (or remote components) got the generic behaviour; a
 * program's own components (local, built by its code) are not a provider's.
 */
export function unmodelledProviderNotes(registrations: Registration[]): string[] {
    const byPackage = new Map<string, Set<string>>();
    for (const r of registrations) {
        const pkg = r.type.split(":")[0];
        if ((!r.custom && !r.remote) || MODELLED_PACKAGES.has(pkg) || isModelledType(r.type) || r.type.startsWith("pulumi:providers:")) continue;
        if (!byPackage.has(pkg)) byPackage.set(pkg, new Set());
        byPackage.get(pkg)?.add(r.type);
    }
    return [...byPackage].map(([pkg, types]) => {
        const remote = registrations.some((r) => r.remote && types.has(r.type));
        return (
            `${[...types].join(", ")}: the offline check does not model these resources of the '${pkg}' provider; they get their inputs back as outputs, ` +
            `and what the provider computes is unknown in preview and missing in an update, so policies see only their inputs` +
            (remote ? `; its components' children, which its plugin builds, are not created` : "")
        );
    });
}

function stackReference(args: pulumi.runtime.MockResourceArgs, stackOutputs: StackOutputs | undefined): { id: string; state: Record<string, unknown> } {
    const stack = typeof args.inputs.name === "string" ? args.inputs.name : args.name;
    const outputs = stackOutputs?.[stack];
    if (!outputs) {
        const how = stackOutputs
            ? `the --stack-outputs file has no entry "${stack}" (it has: ${Object.keys(stackOutputs).join(", ") || "none"})`
            : `pass --stack-outputs FILE, a JSON file keyed by stack name: {"${stack}": {"outputName": "value", ...}}`;
        const error = new MissingStackOutputsError(`StackReference '${args.name}' reads the outputs of stack '${stack}', which the offline check cannot fetch: ${how}`);
        // The SDK reads a failed registration's message from the gRPC error's `details`.
        (error as Error & { details?: string }).details = error.message;
        throw error;
    }
    return { id: stack, state: { name: stack, outputs, secretOutputNames: [] } };
}
