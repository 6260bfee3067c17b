// The deploy role of each stack, checked against what `pulumi up --refresh` of that stack really asks
// AWS for: the program is run under the offline mocks, every resource it registers is mapped to its
// provider's calls (test/support/deployCalls*.ts), and each call is decided against the role's
// documents as IAM would decide it (test/support/iamDecision.ts). The reverse holds too: the role grants
// no action, statement, or Action/Resource entry that no call of any stack needs. The preview role must
// allow every refresh read, and no stack's role may change another stack's resources.
import { expect } from "chai";
import * as path from "path";
import { stackNames } from "../../offline/allStacks";
import { expandPatterns } from "../../policy-pack/iam/actions";
import { PolicyDocument, readPolicyDocument } from "../../policy-pack/iam/document";
import { deployPolicyDocument } from "../../bootstrap/deployPolicy";
import { Document, Statement } from "../../bootstrap/documents";
import { previewPolicyDocument } from "../../bootstrap/previewPolicy";
import { STACK_TAG, readStackFacts } from "../../bootstrap/stackFacts";
import { ApiCall } from "../support/deployCalls";
import { decidePrepared, prepare } from "../support/iamDecision";
import { StackDeployCalls, stackDeployCalls } from "../support/stackDeployCalls";

const ROOT = path.resolve(__dirname, "../..");

interface StackRun extends StackDeployCalls {
    /** The calls with the request context AWS builds for each. */
    prepared: ApiCall[];
    role: Document;
}

function carriesStackTag(call: ApiCall): boolean {
    return [`aws:ResourceTag/${STACK_TAG}`, `aws:RequestTag/${STACK_TAG}`].some((key) => key in call.context);
}

function describeCall(c: ApiCall): string {
    return `${c.phase} ${c.by}: ${c.action} on ${c.resource} ${JSON.stringify(c.context)}`;
}

function denied(document: PolicyDocument, calls: readonly ApiCall[]): ApiCall[] {
    return calls.filter((call) => !decidePrepared(document, call).allowed);
}

describe("bootstrap/ deploy role covers what `pulumi up` of each stack does", function () {
    this.timeout(120000);
    const stacks = stackNames(ROOT);
    const runs: StackRun[] = [];
    before(async () => {
        for (const stack of stacks) {
            const run = await stackDeployCalls(ROOT, stack);
            const role = deployPolicyDocument({ partition: run.account.partition, accountId: run.account.accountId }, readStackFacts(stack));
            runs.push({ ...run, role, prepared: await Promise.all(run.calls.map((c) => prepare(c))) });
        }
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

    it("allows every call a deploy of its stack makes", () => {
        for (const run of runs) {
            const refused = denied(readPolicyDocument(run.role), run.prepared).map(describeCall);
            expect(refused, `${run.stack}: the deploy role denies ${refused.length} of ${run.calls.length} calls`).to.deep.equal([]);
        }
    });

    it("denies every change another stack's deploy makes to that stack's resources, or tagging them as its own, even in the same region", async () => {
        // Each stack's role against the other stacks' writes that carry their stack tag (on a resource of
        // theirs, or in the request that creates one), moved into this stack's region (two stacks may
        // share one), and the calls on their existing resources again with this stack's tag in the request
        // (claiming the resource: tag it as this stack's, then manage it). Left out:
        // what carries no stack (the AMI, the volume and interface RunInstances creates), which only the
        // instance's own tag fences.
        for (const run of runs) {
            const document = readPolicyDocument(run.role);
            for (const other of runs.filter((o) => o.stack !== run.stack)) {
                const writes = other.calls.filter((c) => c.phase !== "read" && c.phase !== "invoke" && carriesStackTag(c));
                const attempts = writes.flatMap((call) => {
                    const here = { ...call, resource: call.resource.replace(`:${other.account.region}:`, `:${run.account.region}:`) };
                    const claim = { ...here, context: { ...here.context, [`aws:RequestTag/${STACK_TAG}`]: [run.stack], "aws:TagKeys": [STACK_TAG] } };
                    return `aws:ResourceTag/${STACK_TAG}` in call.context ? [here, claim] : [here];
                });
                const crossing = (await Promise.all(attempts.map((c) => prepare(c)))).filter((c) => decidePrepared(document, c).allowed);
                expect(writes.length, other.stack).to.be.greaterThan(50);
                expect(crossing.map(describeCall), `${run.stack}'s role on ${other.stack}'s resources`).to.deep.equal([]);
            }
        }
    });

    it("grants no action that no call of any stack needs", async () => {
        const needed = new Set(runs.flatMap((r) => r.calls.map((c) => c.action.toLowerCase())));
        const unneeded = new Set<string>();
        for (const run of runs) {
            for (const statement of run.role.Statement.filter((s) => s.Effect === "Allow")) {
                for (const pattern of statement.Action) {
                    for (const action of await expandPatterns([pattern], pattern.split(":")[0])) {
                        if (!needed.has(action.id.toLowerCase())) unneeded.add(`${statement.Sid}: ${action.id}`);
                    }
                }
            }
        }
        expect([...unneeded].sort()).to.deep.equal([]);
    });

    it("needs every Allow statement, and every Action and Resource entry in it: without any one, some call of some stack is denied", () => {
        // Each variant of a stack's role drops one statement, or one Action or Resource entry of one.
        const variants = (role: Document): { label: string; statements: Statement[] }[] =>
            role.Statement.flatMap((statement, i) => {
                if (statement.Effect !== "Allow") return [];
                const others = role.Statement.filter((_, j) => j !== i);
                const entryVariants = (["Action", "Resource"] as const).flatMap((field) => {
                    const entries = statement[field] ?? [];
                    return entries.length < 2 ? [] : entries.map((entry, k) => ({
                        label: `${statement.Sid} ${field} ${entry.replace(/:[a-z-]+-\d+:\d{12}:/, ":REGION:ACCOUNT:")}`,
                        statements: [...role.Statement.slice(0, i), { ...statement, [field]: entries.filter((_, m) => m !== k) }, ...role.Statement.slice(i + 1)],
                    }));
                });
                return [{ label: statement.Sid, statements: others }, ...entryVariants];
            });
        const neededBy = new Map<string, boolean>();
        for (const run of runs) {
            for (const variant of variants(run.role)) {
                if (neededBy.get(variant.label)) continue;
                neededBy.set(variant.label, denied(readPolicyDocument({ ...run.role, Statement: variant.statements }), run.prepared).length > 0);
            }
        }
        expect(neededBy.size).to.be.greaterThan(60);
        expect([...neededBy].filter(([, needed]) => !needed).map(([label]) => label)).to.deep.equal([]);
    });

    it("lets the preview role make every refresh read and data-source call", async () => {
        for (const run of runs) {
            const document = readPolicyDocument(await previewPolicyDocument({ partition: run.account.partition, accountId: run.account.accountId }, readStackFacts(run.stack)));
            const reads = run.prepared.filter((c) => c.phase === "read" || c.phase === "invoke");
            expect(reads.length, run.stack).to.be.greaterThan(30);
            expect(denied(document, reads).map(describeCall), run.stack).to.deep.equal([]);
        }
    });
});
