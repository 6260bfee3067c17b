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

/** Other stacks' outputs, keyed by the stack name a StackReference names (`org/project/stack`). */
export type StackOutputs = Record<string, Record<string, unknown>>;

/** Providers whose resources need nothing from the stand-in (the engine's own, the pack's). */
const MODELLED_PACKAGES = new Set(["aws", "pulumi"]);

export class MissingStackOutputsError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "MissingStackOutputsError";
    }
}

export interface ProgramMocks extends pulumi.runtime.Mocks {
    /** One line per provider whose resources got the generic behaviour (in the order first met). */
    notes(): string[];
}

export function programMocks(aws: AwsMocks, stackOutputs: StackOutputs | undefined): ProgramMocks {
    const unmodelled = new Map<string, Set<string>>();
    return {
        notes: () =>
            [...unmodelled].map(
                ([pkg, types]) =>
                    `${[...types].join(", ")}: the offline check does not model the '${pkg}' provider; its resources get their inputs back as outputs, ` +
                    `and what the provider computes is unknown in preview and missing in an update, so policies see only their inputs`,
            ),
        newResource(args: pulumi.runtime.MockResourceArgs) {
            if (args.type === "pulumi:pulumi:StackReference") return stackReference(args, stackOutputs);
            const pkg = args.type.split(":")[0];
            if (!MODELLED_PACKAGES.has(pkg) && !args.type.startsWith("pulumi:providers:")) {
                if (!unmodelled.has(pkg)) unmodelled.set(pkg, new Set());
                unmodelled.get(pkg)?.add(args.type);
            }
            return aws.newResource(args);
        },
        call: (args: pulumi.runtime.MockCallArgs) => aws.call(args),
    };
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
