import { expect } from "chai";
import { expandPatterns } from "../../../policy-pack/iam/actions";
import { readPolicyDocument } from "../../../policy-pack/iam/document";
import { escalationsOf } from "../../../policy-pack/iam/privilegeEscalation";
import { privilegeEscalationMethods, privilegeEscalationSource } from "../../../policy-pack/iam/privilegeEscalationMethods";

describe("privilege-escalation methods (Cloudsplaining's data)", () => {
    it("cites its source: repository, file and commit", () => {
        expect(privilegeEscalationSource.repository).to.equal("https://github.com/salesforce/cloudsplaining");
        expect(privilegeEscalationSource.path).to.equal("cloudsplaining/shared/constants.py");
        expect(privilegeEscalationSource.commit).to.match(/^[0-9a-f]{40}$/);
    });

    it("names only actions the action data knows, so none is judged by its verb alone", async () => {
        const unknown: string[] = [];
        for (const action of new Set(Object.values(privilegeEscalationMethods).flat())) {
            const [found] = await expandPatterns([action], action.split(":")[0]);
            if (!found || found.unknownToData) unknown.push(action);
        }
        expect(unknown).to.deep.equal([]);
    });

    it("detects every method from its own actions on *, as itself or as a smaller method it contains", async () => {
        const undetected: string[] = [];
        for (const [method, actions] of Object.entries(privilegeEscalationMethods)) {
            const found = await escalationsOf(readPolicyDocument({ Statement: [{ Effect: "Allow", Action: [...actions], Resource: "*" }] }));
            const covers = found.some((e) => e.actions.every((a) => actions.includes(a.toLowerCase())));
            if (!covers) undetected.push(method);
        }
        expect(undetected).to.deep.equal([]);
    });

    it("does not count actions scoped to named resources", async () => {
        const document = readPolicyDocument({
            Statement: [{ Effect: "Allow", Action: ["ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances"], Resource: "arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0" }],
        });
        expect(await escalationsOf(document)).to.deep.equal([]);
    });
});
