// Runs code (the whole program, or components built directly) in a Pulumi stack under mocks, and
// returns what the engine would have received.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { Registration, recordRegistrations } from "../../offline/registrations";
import { InvokeCall, programMocks } from "./programMocks";

export interface StackRun {
    registrations: Registration[];
    invokes: InvokeCall[];
    /** The stack's outputs in wire form (unknowns as the sentinel); undefined when the run failed. */
    outputs?: Record<string, unknown>;
    /** What the program threw, if it did. */
    error?: unknown;
}

export interface RunOptions {
    preview?: boolean;
    /** Full keys (`secure-packages:domainName`, `aws:region`) to raw string values. */
    config?: Record<string, string>;
}

export const REPO_ROOT = path.resolve(__dirname, "../..");

/** Runs `program` as a stack's body under fresh mocks. Never throws: a failure comes back as `error`. */
export async function runInMockStack(
    program: () => unknown | Promise<unknown>,
    options: RunOptions = {},
): Promise<StackRun> {
    const preview = options.preview ?? false;
    const { mocks, invokes } = programMocks(preview);
    await pulumi.runtime.setMocks(mocks, "secure-packages", "dev", preview);
    pulumi.runtime.setAllConfig({ "aws:region": "us-east-1", ...(options.config ?? {}) });
    const registrations = recordRegistrations();
    let error: unknown;
    try {
        await pulumi.runtime.runInPulumiStack(async () => (await program()) as Record<string, unknown> | undefined);
    } catch (err) {
        error = err;
    }
    await (require("@pulumi/pulumi/runtime/settings") as any).waitForRPCs();
    const stack = registrations.find((registration) => registration.type === "pulumi:pulumi:Stack");
    return { registrations, invokes, error, ...(error ? {} : { outputs: stack?.outputs ?? {} }) };
}

/** Runs index.ts with the given stack configuration. */
export async function runProgram(config: Record<string, string>, options: { preview?: boolean } = {}): Promise<StackRun> {
    const program = require("../../index") as () => Promise<Record<string, unknown>>;
    return runInMockStack(program, { ...options, config });
}

/**
 * A stack file's config the way the CLI hands it to the program: strings as they are, lists and
 * maps as JSON text, booleans and numbers as their text.
 */
export function stackConfigFromFile(stackFile: string): Record<string, string> {
    const parsed = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, stackFile), "utf8")) as { config?: Record<string, unknown> };
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed.config ?? {})) {
        config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return config;
}

/** The dev stack's configuration (Pulumi.dev.yaml) with some keys overridden or removed (undefined). */
export function devConfig(overrides: Record<string, string | undefined> = {}): Record<string, string> {
    const config: Record<string, string | undefined> = { ...stackConfigFromFile("Pulumi.dev.yaml"), ...overrides };
    return Object.fromEntries(Object.entries(config).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
