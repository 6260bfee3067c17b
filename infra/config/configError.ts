// The one error type bad configuration throws, in a file of its own so that every part of infra/ can
// throw it without importing config.ts, which imports most of infra/ (that import made a cycle).
import * as pulumi from "@pulumi/pulumi";
import { ConfigProblem, describeProblem } from "./configReader";

/**
 * Bad configuration. A `pulumi.RunError`, which the language host reports as its message alone (no
 * stack trace: the message already says what to fix), and the offline check likewise.
 */
export class ConfigError extends pulumi.RunError {
    constructor(readonly problems: readonly ConfigProblem[]) {
        super(
            `Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}); nothing was deployed:\n` +
                problems.map((problem) => `  - ${describeProblem(problem)}`).join("\n"),
        );
        this.name = "ConfigError";
    }
}
