import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { packName, policies } from "../../policy-pack/policies";
import { analyzer } from "../support/policyHarness";

// Policy names are a contract: docs, pack configs and tools refer to them.
const resourcePolicyNames = [
    "codeartifact-read-only",
    "codeartifact-resources-scoped",
    "codeartifact-bearer-token-condition",
    "iam-no-wildcard-admin",
    "iam-no-privileged-managed-policies",
    "iam-instance-role-trust",
    "iam-no-long-lived-keys",
    "codeartifact-resource-policy-no-public",
    "codeartifact-domain-encrypted-cmk",
    "kms-key-rotation",
    "kms-key-policy-no-public",
    "codeartifact-external-connections-allowed",
    "codeartifact-data-protected",
    "ec2-imdsv2-required",
    "ec2-no-public-ingress",
    "ec2-ebs-volumes-encrypted",
];
const stackPolicyNames = ["codeartifact-reader-effective-access", "ec2-no-internet-egress", "vpc-endpoint-policy-scoped"];
/** Policies with both halves: the engine runs them in Analyze and in AnalyzeStack. */
const resourceAndStackPolicyNames = ["codeartifact-internal-namespaces-blocked"];
const allNames = [...resourcePolicyNames, ...stackPolicyNames, ...resourceAndStackPolicyNames];
const packDir = path.join(__dirname, "..", "..", "policy-pack");

describe("the policy pack", () => {
    it(`is named ${packName} and holds exactly the twenty policies, in one list`, () => {
        expect(packName).to.equal("codeartifact-least-privilege");
        expect(policies.map((p) => p.name)).to.deep.equal(allNames);
    });

    for (const name of allNames) {
        it(`${name}: mandatory, with description, severity, remediation steps and a link`, () => {
            const policy = policies.find((p) => p.name === name)!;
            expect(policy.enforcementLevel).to.equal("mandatory");
            expect(policy.description).to.be.a("string").with.length.above(20);
            expect(policy.severity).to.be.oneOf(["low", "medium", "high", "critical"]);
            expect(policy.remediationSteps).to.be.a("string").with.length.above(40);
            expect(policy.url).to.match(/^https:\/\//);
            expect(policy.configSchema?.properties ?? {}).to.not.have.property("enforcementLevel");
            if (!resourcePolicyNames.includes(name)) expect((policy as StackValidationPolicy).validateStack).to.be.a("function");
            if (!stackPolicyNames.includes(name)) expect((policy as ResourceValidationPolicy).validateResource).to.be.a("function");
        });
    }

    it("declares config schemas that are valid JSON Schema (the offline check compiles them without re-checking)", () => {
        const ajv = new Ajv({ strict: false });
        for (const policy of policies) {
            const schema = { type: "object", properties: policy.configSchema?.properties ?? {}, required: policy.configSchema?.required ?? [] };
            expect(ajv.validateSchema(schema), `${policy.name}: ${ajv.errorsText(ajv.errors)}`).to.equal(true);
        }
        // The check can fail: a property whose type is not a JSON Schema type.
        expect(ajv.validateSchema({ type: "object", properties: { x: { type: "strings" } } })).to.equal(false);
    });

    it("only ec2-imdsv2-required remediates", () => {
        const remediating = policies.filter((p) => (p as ResourceValidationPolicy).remediateResource);
        expect(remediating.map((p) => p.name)).to.deep.equal(["ec2-imdsv2-required"]);
    });

    it("is seen by the engine as resource and stack policies, all mandatory, and configures with no config", () => {
        const seen = analyzer().policies;
        expect(seen.map((p) => p.name)).to.deep.equal(policies.map((p) => p.name));
        expect(seen.every((p) => p.enforcementLevel === "mandatory")).to.equal(true);
        expect(() => analyzer().configure({})).to.not.throw();
    });

    it("ships a config for the dev stack that the engine accepts", () => {
        const config = JSON.parse(fs.readFileSync(path.join(packDir, "config", "dev.json"), "utf8"));
        expect(() => analyzer().configure(config)).to.not.throw();
        expect(config["codeartifact-read-only"].publishers).to.deep.equal([
            { role: "nextwork-publisher", namespaces: ["maven/com.nextwork"], repositories: ["nextwork/nextwork-packages"] },
        ]);
        analyzer().configure({});
    });

    it("is a Pulumi policy pack project whose entry point only constructs the PolicyPack", () => {
        expect(fs.readFileSync(path.join(packDir, "PulumiPolicy.yaml"), "utf8")).to.match(/^runtime: nodejs$/m);
        const entry = fs.readFileSync(path.join(packDir, "index.ts"), "utf8");
        expect(entry).to.contain("new PolicyPack(packName, packArgs);");
        expect(entry.split("\n").filter((l) => /^\s*(new|const|let|function|export)\b/.test(l))).to.have.length(1);
        const pkg = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8"));
        expect(pkg.version).to.match(/^\d+\.\d+\.\d+$/);
    });
});
