import { expect } from "chai";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy-pack/policies";
import { analyzer } from "../support/policyHarness";

// The resource policies' names are a contract: docs, pack configs and tools refer to them.
const resourcePolicyNames = [
    "codeartifact-domain-encrypted-cmk",
    "kms-key-rotation",
    "codeartifact-external-connections-allowed",
    "codeartifact-data-protected",
    "ec2-imdsv2-required",
    "ec2-no-public-ingress",
    "ec2-root-volume-encrypted",
];

describe("resource policies (KMS, CodeArtifact resources, EC2)", () => {
    for (const name of resourcePolicyNames) {
        it(`${name} is in the pack, mandatory, with description, severity, remediation steps and a validation`, () => {
            const matches = policies.filter((p) => p.name === name);
            expect(matches, name).to.have.length(1);
            const policy = matches[0] as ResourceValidationPolicy;
            expect(policy.enforcementLevel).to.equal("mandatory");
            expect(policy.description).to.be.a("string").with.length.above(20);
            expect(policy.severity).to.be.oneOf(["low", "medium", "high", "critical"]);
            expect(policy.remediationSteps).to.be.a("string").with.length.above(40);
            expect(policy.url).to.match(/^https:\/\//);
            expect(policy.validateResource).to.be.a("function");
            expect(policy.configSchema?.properties ?? {}).to.not.have.property("enforcementLevel");
        });
    }

    it("the engine sees each of them as mandatory, and the pack configures with no config at all", () => {
        const seen = analyzer().policies.filter((p) => resourcePolicyNames.includes(p.name));
        expect(seen.map((p) => p.name).sort()).to.deep.equal([...resourcePolicyNames].sort());
        expect(seen.every((p) => p.enforcementLevel === "mandatory")).to.equal(true);
        expect(() => analyzer().configure({})).to.not.throw();
    });

    it("only ec2-imdsv2-required remediates", () => {
        const remediating = policies.filter((p) => resourcePolicyNames.includes(p.name) && (p as ResourceValidationPolicy).remediateResource);
        expect(remediating.map((p) => p.name)).to.deep.equal(["ec2-imdsv2-required"]);
    });
});
