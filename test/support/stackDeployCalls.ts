// Every AWS authorization `pulumi up --refresh` of a stack makes, from one run of the program (index.ts)
// with the stack's config under the offline mocks (an update, so ids and ARNs are known): each registered resource through the deploy-call
// table, each invoke through its data source. Types and invokes the table lacks come back as `unmapped`.
import * as pulumi from "@pulumi/pulumi";
import { Account, awsMocks, fakeAccount } from "../../offline/aws/awsMocks";
import { runInStack } from "../../offline/program/runProgram";
import { loadStackConfig } from "../../offline/program/stackConfig";
import { ApiCall, CallList, DeployedStack, TypeCalls } from "./deployCalls";
import { EC2_CALLS, invokeCalls } from "./deployCallsEc2";
import { SERVICE_CALLS } from "./deployCallsServices";

/** The hand-kept table, by Pulumi type token. */
export const DEPLOY_CALLS: Record<string, TypeCalls> = { ...SERVICE_CALLS, ...EC2_CALLS };

export interface StackDeployCalls {
    stack: string;
    account: Account;
    calls: ApiCall[];
    /** Resource types and invoke tokens the table has no entry for. */
    unmapped: string[];
}

export async function stackDeployCalls(projectDir: string, stack: string): Promise<StackDeployCalls> {
    const config = loadStackConfig(projectDir, stack);
    const account = fakeAccount(config.config["aws:region"]);
    const mocks = awsMocks(account, false, config.config);
    const invokes: { token: string; inputs: Record<string, unknown> }[] = [];
    const recording: pulumi.runtime.Mocks = {
        newResource: (args) => mocks.newResource(args),
        call: (args) => {
            invokes.push({ token: args.token, inputs: args.inputs });
            return mocks.call(args);
        },
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program's module as the language host loads it
    const program = require("../../index") as () => Promise<Record<string, unknown>>;
    const run = await runInStack(program, { project: config.project, stack, config: config.config, secretKeys: config.secretKeys, preview: false, mocks: recording });
    if (run.failures.length > 0) throw run.failures[0];

    const defaultTags = (JSON.parse(config.config["aws:defaultTags"] ?? "{}") as { tags?: Record<string, string> }).tags ?? {};
    const deployed = new DeployedStack(run.registrations, account, defaultTags, (type) => DEPLOY_CALLS[type]?.taggable ?? false);
    const calls: ApiCall[] = [];
    const unmapped = new Set<string>();
    for (const resource of deployed.resources) {
        const entry = DEPLOY_CALLS[resource.type];
        if (!entry) {
            unmapped.add(resource.type);
            continue;
        }
        const list = new CallList(`${resource.type} ${resource.name}`);
        entry.calls(resource, deployed, list);
        calls.push(...list.calls);
    }
    for (const invoke of invokes) {
        const target = invokeCalls(invoke.token, invoke.inputs, deployed);
        if (target === undefined) unmapped.add(`invoke ${invoke.token}`);
        else if (target !== "none") {
            const { action, ...on } = target;
            calls.push(...new CallList(`invoke ${invoke.token}`).add("invoke", [action], on).calls);
        }
    }
    return { stack, account, calls, unmapped: [...unmapped].sort() };
}
