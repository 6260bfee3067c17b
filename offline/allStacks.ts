// `npm start -- --stack all`: every stack of the project checked in one run, as CI runs it. The stacks
// are the project's stack files (`Pulumi.NAME.yaml` beside Pulumi.yaml, or in its stackConfigDir), so a
// new stack is checked the moment its file exists; no list is kept by hand. The exit code is the worst
// of the stacks' (0 pass, 1 a mandatory violation, 2 a stack that could not be checked).
export { stackNames } from "./program/stackFiles";

/** The argument of `--stack` that means every stack. */
export const ALL_STACKS = "all";

export interface StackOutcome {
    stack: string;
    /** 0 pass, 1 a mandatory violation, 2 not checked (bad config, failing program). */
    code: number;
}

/**
 * Checks each stack with `checkOne` (which prints its own report) and prints a summary line per
 * stack; returns the worst exit code. Stacks are checked one after the other: the SDK's state is
 * process-global.
 */
export async function checkEveryStack(stacks: readonly string[], checkOne: (stack: string) => Promise<number>, out: (s: string) => void): Promise<number> {
    const outcomes: StackOutcome[] = [];
    for (const stack of stacks) {
        out(`=== stack ${stack}\n`);
        outcomes.push({ stack, code: await checkOne(stack) });
    }
    const verdict = ["pass", "FAIL (mandatory violations)", "ERROR (not checked)"];
    out(`=== ${stacks.length} stack${stacks.length === 1 ? "" : "s"}: ${outcomes.map((o) => `${o.stack} ${verdict[o.code] ?? `exit ${o.code}`}`).join(", ")}\n`);
    return Math.max(0, ...outcomes.map((o) => o.code));
}
