// The deploy role of each stack, checked against what `pulumi up --refresh` of that stack really asks
// AWS for: the program is run under the offline mocks, every resource it registers is mapped to its
// provider's calls (test/support/deployCalls*.ts), and each call is decided against the role's
// documents as IAM would decide it (test/support/iamDecision.ts). The reverse holds too: the role grants
// no action that no call of any stack needs. The preview role must allow every refresh read.
import { expect } from "chai";
import * as path from "path";
import { stackNames } from "../../offline/allStacks";
import { expandPatterns } from "../../policy-pack/iam/actions";
import { readPolicyDocument } from "../../policy-pack/iam/document";
import { deployPolicyDocument } from "../../bootstrap/deployPolicy";
import { previewPolicyDocument } from "../../bootstrap/previewPolicy";
import { STACK_TAG, readStackFacts } from "../../bootstrap/stackFacts";
import { ApiCall } from "../support/deployCalls";
import { decide } from "../support/iamDecision";
import { StackDeployCalls, stackDeployCalls } from "../support/stackDeployCalls";

const ROOT = path.resolve(__dirname, "../..");

function carriesStackTag(call: ApiCall): boolean {
    return [`aws:ResourceTag/${STACK_TAG}`, `aws:RequestTag/${STACK_TAG}`].some((key) => key in call.context);
}

function describeCall(c: ApiCall): string {
    return `${c.phase} ${c.by}: ${c.action} on ${c.resource} ${JSON.stringify(c.context)}`;
}

describe("bootstrap/ deploy role covers what `pulumi up` of each stack does", function () {
    this.timeout(120000);
    const stacks = stackNames(ROOT);
    const runs: StackDeployCalls[] = [];
    before(async () => {
        for (const stack of stacks) runs.push(await stackDeployCalls(ROOT, stack));
    });

    it("finds every stack file (dev and prod at least)", () => {
        expect(stacks).to.include.members(["dev", "prod"]);
        expect(runs.map((r) => r.stack)).to.deep.equal(stacks);
    });

    it("knows the calls of every resource type and invoke each stack uses", () => {
        for (const run of runs) {
            expect(run.unmapped, `${run.stack}: add these to test/support/deployCalls*.ts`).to.deep.equal([]);
            expect(run.calls.length, run.stack).to.be.greaterThan(100);
        }
    });

    it("allows every call a deploy of its stack makes", async () => {
        for (const run of runs) {
            const document = readPolicyDocument(deployPolicyDocument({ partition: run.account.partition, accountId: run.account.accountId }, readStackFacts(run.stack)));
            const denied: string[] = [];
            for (const call of run.calls) if (!(await decide(document, call)).allowed) denied.push(describeCall(call));
            expect(denied, `${run.stack}: the deploy role denies ${denied.length} of ${run.calls.length} calls`).to.deep.equal([]);
        }
    });

    it("denies every change another stack's deploy makes to that stack's resources, even in the same region", async () => {
        // Each stack's role against the other stacks' writes that carry their stack tag (on a resource of
        // theirs, or in the request that creates one), moved into this stack's region (two stacks may
        // share one): the stack tag and the names must stop them all. Left out: what carries no stack
        // (the AMI, the volume and interface RunInstances creates), which only the instance's tag fences.
        for (const run of runs) {
            const document = readPolicyDocument(deployPolicyDocument({ partition: run.account.partition, accountId: run.account.accountId }, readStackFacts(run.stack)));
            for (const other of runs.filter((o) => o.stack !== run.stack)) {
                const crossing: string[] = [];
                for (const call of other.calls.filter((c) => c.phase !== "read" && c.phase !== "invoke" && carriesStackTag(c))) {
                    const here = { ...call, resource: call.resource.replace(`:${other.account.region}:`, `:${run.account.region}:`) };
                    if ((await decide(document, here)).allowed) crossing.push(describeCall(here));
                }
                expect(crossing, `${run.stack}'s role on ${other.stack}'s resources`).to.deep.equal([]);
            }
        }
    });

    it("grants no action that no call of any stack needs", async () => {
        const needed = new Set(runs.flatMap((r) => r.calls.map((c) => c.action.toLowerCase())));
        const unneeded = new Set<string>();
        for (const run of runs) {
            const document = deployPolicyDocument({ partition: run.account.partition, accountId: run.account.accountId }, readStackFacts(run.stack));
            for (const statement of document.Statement.filter((s) => s.Effect === "Allow")) {
                for (const pattern of statement.Action) {
                    for (const action of await expandPatterns([pattern], pattern.split(":")[0])) {
                        if (!needed.has(action.id.toLowerCase())) unneeded.add(`${statement.Sid}: ${action.id}`);
                    }
                }
            }
        }
        expect([...unneeded].sort()).to.deep.equal([]);
    });

    it("lets the preview role make every refresh read and data-source call", async () => {
        for (const run of runs) {
            const document = readPolicyDocument(await previewPolicyDocument({ partition: run.account.partition, accountId: run.account.accountId }, readStackFacts(run.stack)));
            const denied: string[] = [];
            for (const call of run.calls.filter((c) => c.phase === "read" || c.phase === "invoke")) {
                if (!(await decide(document, call)).allowed) denied.push(describeCall(call));
            }
            expect(denied, run.stack).to.deep.equal([]);
        }
    });
});
