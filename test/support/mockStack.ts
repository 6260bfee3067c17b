// Runs code (the whole program, or components built directly) in a Pulumi stack under the offline
// check's AWS mocks (offline/aws/awsMocks.ts), through the offline check's own runner
// (offline/program/runProgram.ts), and returns what the engine would have received, plus the invokes made.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext } from "../../infra/config/awsContext";
import { amazonLinuxAmiId } from "../../offline/aws/awsInvokes";
import { Account, AwsMocks, awsMocks, fakeAccount } from "../../offline/aws/awsMocks";
import { defaultVpcId } from "../../offline/aws/resourceModel";
import { Registration } from "../../offline/program/registrations";
import { runInStack } from "../../offline/program/runProgram";
import { loadStackConfig } from "../../offline/program/stackConfig";

export const REPO_ROOT = path.resolve(__dirname, "../..");

/** The region the specs deploy into unless their config names another: the dev stack's. */
const DEFAULT_REGION = "us-east-1";

/** The offline check's fake account, in the default region: what the mocks answer for. */
export const FAKE_CONTEXT: AwsContext = fakeAccount(DEFAULT_REGION);
/** The account's default VPC, where the mocks put any subnet a stack names. */
export const FAKE_VPC_ID = defaultVpcId(FAKE_CONTEXT);
/** The AMIs the build host's SSM parameters hold in the fake account. */
export const FAKE_AMI = {
    x86_64: amazonLinuxAmiId("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"),
    arm64: amazonLinuxAmiId("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"),
} as const;

export interface InvokeCall {
    token: string;
    inputs: Record<string, unknown>;
}

export interface StackRun {
    registrations: Registration[];
    /** Every invoke the code made, in order. */
    invokes: InvokeCall[];
    /** The stack's outputs in wire form (unknowns as the sentinel); undefined when the run failed. */
    outputs?: Record<string, unknown>;
    /** What failed first (the code's throw, usually), if anything did. */
    error?: unknown;
}

export interface RunOptions {
    preview?: boolean;
    /** Full keys (`secure-packages:domainName`, `aws:region`) to raw string values. */
    config?: Record<string, string>;
    /** The fake account, changed (e.g. `{ noDefaultVpc: true }`). */
    account?: Partial<Account>;
}

/** The mocks, with every invoke recorded as it is answered. */
function recordingInvokes(mocks: AwsMocks): { mocks: AwsMocks; invokes: InvokeCall[] } {
    const invokes: InvokeCall[] = [];
    const call = (args: pulumi.runtime.MockCallArgs) => {
        invokes.push({ token: args.token, inputs: args.inputs });
        return mocks.call(args);
    };
    return { mocks: { ...mocks, call }, invokes };
}

/** Runs `program` as a stack's body under fresh mocks. Never throws: a failure comes back as `error`. */
export async function runInMockStack(
    program: () => unknown | Promise<unknown>,
    options: RunOptions = {},
): Promise<StackRun> {
    const preview = options.preview ?? false;
    const config = { "aws:region": DEFAULT_REGION, ...(options.config ?? {}) };
    // Components built directly (no program, no stack file) still need the aws-native default provider's
    // region for the mocks; the program itself sees only the config given.
    const providerConfig = { "aws-native:region": config["aws:region"], ...config };
    const { mocks, invokes } = recordingInvokes(awsMocks({ ...fakeAccount(config["aws:region"]), ...(options.account ?? {}) }, preview, providerConfig));
    const { registrations, failures } = await runInStack(program, { project: "secure-packages", stack: "dev", config, preview, mocks });
    const stack = registrations.find((registration) => registration.type === "pulumi:pulumi:Stack");
    return failures.length > 0 ? { registrations, invokes, error: failures[0] } : { registrations, invokes, outputs: stack?.outputs ?? {} };
}

/** The run, when it succeeded; else what failed in it, thrown: for specs of code that must succeed. */
export function orThrow(run: StackRun): StackRun {
    if (run.error) throw run.error;
    return run;
}

/** Runs index.ts with the given stack configuration. */
export async function runProgram(config: Record<string, string>, options: { preview?: boolean; account?: Partial<Account> } = {}): Promise<StackRun> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program's module as the language host loads it
    const program = require("../../index") as () => Promise<Record<string, unknown>>;
    return runInMockStack(program, { ...options, config });
}

/**
 * The dev stack's configuration as the CLI hands it to the program (Pulumi.dev.yaml over the
 * project's defaults; see offline/program/stackConfig.ts), with some keys overridden or removed (undefined).
 */
export function devConfig(overrides: Record<string, string | undefined> = {}): Record<string, string> {
    const config: Record<string, string | undefined> = { ...loadStackConfig(REPO_ROOT, "dev").config, ...overrides };
    return Object.fromEntries(Object.entries(config).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
