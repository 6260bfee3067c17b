// The dev stack in each network mode, through the whole pack as the engine runs it: network: private
// passes as it is; default-vpc and subnet give the host the internet, which ec2-no-internet-egress
// refuses until the stack's pack config says allowInternetEgress: true, and its message says so.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { CheckResult, Mode, checkStack } from "../../offline/engine/check";
import { engineView } from "../../offline/engine/engineView";
import { policyAnalyzer } from "../../offline/offlineCheck";
import { PolicyPackConfigFile } from "../../offline/engine/policyConfig";
import { REPO_ROOT, devConfig, orThrow, runProgram } from "../support/mockStack";

const devPackConfig = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policy-pack/config/dev.json"), "utf8")) as PolicyPackConfigFile;
const allowingEgress: PolicyPackConfigFile = { ...devPackConfig, "ec2-no-internet-egress": { allowInternetEgress: true } };

async function checkMode(overrides: Record<string, string>, packConfig: PolicyPackConfigFile, mode: Mode): Promise<CheckResult> {
    const config = devConfig(overrides);
    const run = orThrow(await runProgram(config, { preview: mode === "preview" }));
    const analyzer = policyAnalyzer();
    analyzer.configure(packConfig);
    const view = engineView(run.registrations, { stack: "dev", project: "secure-packages", config });
    return checkStack(analyzer, view, { project: "secure-packages", stack: "dev", mode });
}

const MODES: Record<string, Record<string, string>> = {
    "default-vpc": { "secure-packages:network": "default-vpc" },
    subnet: { "secure-packages:network": "subnet", "secure-packages:subnetId": "subnet-0123abcd" },
};

describe("the dev stack in each network mode, through the pack", () => {
    for (const [mode, overrides] of Object.entries(MODES)) {
        for (const phase of ["preview", "update"] as const) {
            it(`${mode}, ${phase}: refused by ec2-no-internet-egress alone, with a message naming allowInternetEgress`, async () => {
                const result = await checkMode(overrides, devPackConfig, phase);
                expect(result.notRun).to.deep.equal([]);
                expect([...new Set(result.violations.map((v) => v.policy))]).to.deep.equal(["ec2-no-internet-egress"]);
                expect(result.violations.some((v) => v.message.includes('security group "reader-host-sg" (used by instance "reader-host"): egress[0].cidrBlocks[0] is "0.0.0.0/0"'))).to.equal(true);
                for (const v of result.violations) expect(v.message).to.include("allowInternetEgress: true");
            });

            it(`${mode}, ${phase}: passes with allowInternetEgress: true`, async () => {
                const result = await checkMode(overrides, allowingEgress, phase);
                expect(result.violations).to.deep.equal([]);
                expect(result.notRun).to.deep.equal([]);
            });
        }
    }
});
