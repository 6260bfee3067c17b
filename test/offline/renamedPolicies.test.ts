// A pack config written for a policy's old name still applies in the offline check, with a loud
// warning; the Pulumi CLI ignores such a key, so the warning says to rename it.
import { expect } from "chai";
import * as path from "path";
import { offlineCheck } from "../../offline/offlineCheck";
import { migrateRenamedPolicies, PolicyConfigError } from "../../offline/engine/policyConfig";
import { renamedPolicies } from "../../policy-pack/policies/renamedPolicies";
import { policies } from "../../policy-pack/policies";

const ROOT = path.resolve(__dirname, "../..");
const PROGRAM = path.join(ROOT, "test/fixtures/project-mistakes/index.ts");

describe("renamed policies in pack configs", function () {
    this.timeout(60_000);
    afterEach(() => delete process.env.SECURE_PACKAGES_MISTAKE);

    it("maps each old name to a policy of the pack, and no old name is still a policy", () => {
        const names = policies.map((p) => p.name);
        for (const [oldName, newName] of Object.entries(renamedPolicies)) {
            expect(names, newName).to.include(newName);
            expect(names, oldName).not.to.include(oldName);
        }
    });

    it("applies settings keyed by ec2-root-volume-encrypted to ec2-ebs-volumes-encrypted, and warns that the key is deprecated", async () => {
        process.env.SECURE_PACKAGES_MISTAKE = "unencrypted-root";
        const policyConfig = { all: "mandatory", "ec2-root-volume-encrypted": { enforcementLevel: "advisory" } };
        const report = await offlineCheck({ program: PROGRAM, stack: "dev", cwd: ROOT, modes: ["preview"], policyConfig });
        const volumes = report.runs[0].violations.filter((v) => v.policy === "ec2-ebs-volumes-encrypted");
        expect(volumes).to.have.length.greaterThan(0);
        expect(volumes.every((v) => v.enforcementLevel === "advisory")).to.equal(true);
        expect(report.warnings.join("\n")).to.contain('"ec2-root-volume-encrypted" is DEPRECATED').and.contain('"ec2-ebs-volumes-encrypted"').and.contain("rename it");
    });

    it("refuses a config that sets both the old and the new name", () => {
        const both = { "ec2-root-volume-encrypted": "advisory", "ec2-ebs-volumes-encrypted": "mandatory" };
        expect(() => migrateRenamedPolicies(both, renamedPolicies)).to.throw(PolicyConfigError).with.property("message").that.contains("keep only ec2-ebs-volumes-encrypted");
    });
});
