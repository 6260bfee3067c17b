// The project's own program, broken one way at a time (test/fixtures/project-mistakes), must fail the
// offline check on the policy that names the mistake, in preview and in update.
import { expect } from "chai";
import * as path from "path";
import { offlineCheck, RunReport } from "../../offline/offlineCheck";

const ROOT = path.resolve(__dirname, "../..");
const PROGRAM = path.join(ROOT, "test/fixtures/project-mistakes/index.ts");

const mandatory = (r: RunReport) => [...new Set(r.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policy))];

describe("offline check of the project's program with one mistake", function () {
    this.timeout(60_000);
    // [mistake, the policy that must fail, the stack policy that also judges it in preview]
    const cases: [string, string, string?][] = [
        ["write-action", "codeartifact-read-only", "codeartifact-reader-effective-access"],
        ["wildcard-resource", "codeartifact-resources-scoped"],
        ["imdsv1", "ec2-imdsv2-required"],
        ["unencrypted-root", "ec2-ebs-volumes-encrypted"],
        ["unprotected-domain", "codeartifact-data-protected"],
        ["public-ingress", "ec2-no-public-ingress"],
        ["no-key-rotation", "kms-key-rotation"],
        ["host-reads-every-secret", "iam-no-wildcard-admin", "codeartifact-reader-effective-access"],
        // No single resource shows it: only the stack policy follows the instance to its role's trust.
        ["host-role-trusted-by-another-account", "codeartifact-reader-effective-access"],
        ["public-key-policy", "kms-key-policy-no-public"],
    ];
    afterEach(() => delete process.env.SECURE_PACKAGES_MISTAKE);

    for (const [mistake, policy, stackPolicy] of cases) {
        it(`${mistake}: fails ${policy}, in preview and in update`, async () => {
            process.env.SECURE_PACKAGES_MISTAKE = mistake;
            // transpileOnly: npm test's tsc type-checks this fixture; a second check here would cost ~10 s.
            const report = await offlineCheck({ program: PROGRAM, stack: "dev", cwd: ROOT, transpileOnly: true });
            expect(report.policyConfigFile).to.equal(path.join("policy-pack", "config", "dev.json"));
            for (const run of report.runs) {
                // In an update, pulumi up stops at the first mandatory violation: stack policies never run.
                const expected = stackPolicy && run.mode === "preview" ? [policy, stackPolicy] : [policy];
                expect(mandatory(run), `${run.mode}: ${JSON.stringify(run.violations)}`).to.deep.equal(expected);
                expect(run.notRun.filter((n) => !n.reason.startsWith("pulumi up stops")), run.mode).to.deep.equal([]);
            }
        });
    }

    it("a write action is also caught by the stack policy in preview, where the host's whole access is judged", async () => {
        process.env.SECURE_PACKAGES_MISTAKE = "write-action";
        const report = await offlineCheck({ program: PROGRAM, stack: "dev", cwd: ROOT, modes: ["preview"], transpileOnly: true });
        const stackViolation = report.runs[0].violations.find((v) => v.policy === "codeartifact-reader-effective-access");
        expect(stackViolation?.message).to.contain("codeartifact:AssociateExternalConnection").and.contain("a build host may only read");
    });

    // A customer-managed policy created in the stack, attached to the build host's role: its ARN is
    // unknown in preview, yet both modes must judge it, with nothing "not run".
    for (const how of ["attached", "exclusive"]) {
        it(`stack-policy-${how}-write: a stack Policy that writes, reaching the build host, fails the stack policy in both modes, nothing not run`, async () => {
            process.env.SECURE_PACKAGES_MISTAKE = `stack-policy-${how}-write`;
            const report = await offlineCheck({ program: PROGRAM, stack: "dev", cwd: ROOT });
            for (const run of report.runs) {
                expect(mandatory(run), `${run.mode}: ${JSON.stringify(run.violations)}`).to.deep.equal(["codeartifact-reader-effective-access"]);
                expect(run.violations[0].message).to.contain('Policy "build-extra"').and.contain("s3:PutObject");
                expect(run.notRun, run.mode).to.deep.equal([]);
            }
        });

        it(`stack-policy-${how}-read: a stack Policy that only reads passes in both modes, nothing not run`, async () => {
            process.env.SECURE_PACKAGES_MISTAKE = `stack-policy-${how}-read`;
            const report = await offlineCheck({ program: PROGRAM, stack: "dev", cwd: ROOT });
            for (const run of report.runs) {
                expect(run.violations, run.mode).to.deep.equal([]);
                expect(run.notRun, run.mode).to.deep.equal([]);
            }
        });
    }
});
