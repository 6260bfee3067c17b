import { expect } from "chai";
import { checkResource } from "../support/policyHarness";
import { bearerStatement, document, readerDocument, rolePolicy } from "../support/iamFixtures";

const policy = "codeartifact-bearer-token-condition";
const violationsOf = async (...statements: Record<string, unknown>[]) => (await checkResource(policy, rolePolicy(document(...statements)))).violations;
const bearer = (Condition?: unknown, Action: unknown = "sts:GetServiceBearerToken") => ({ Effect: "Allow", Action, Resource: "*", ...(Condition ? { Condition } : {}) });

describe(policy, () => {
    it("accepts the conditioned bearer token, as a string or a one-item list", async () => {
        expect((await checkResource(policy, rolePolicy(readerDocument))).violations).to.deep.equal([]);
        expect(await violationsOf(bearer({ StringEquals: { "sts:AWSServiceName": ["codeartifact.amazonaws.com"] } }))).to.deep.equal([]);
    });

    it("accepts the condition key in any case, and extra conditions that narrow further", async () => {
        expect(
            await violationsOf(bearer({ StringEquals: { "STS:AwsServiceName": "codeartifact.amazonaws.com" }, Bool: { "aws:SecureTransport": "true" } })),
        ).to.deep.equal([]);
    });

    it("rejects the bearer token with no condition", async () => {
        const [violation] = await violationsOf(bearer());
        expect(violation).to.contain("without a sts:AWSServiceName condition");
    });

    it("rejects a broader value: another service too, or a pattern", async () => {
        expect((await violationsOf(bearer({ StringEquals: { "sts:AWSServiceName": ["codeartifact.amazonaws.com", "codeguru.amazonaws.com"] } })))[0]).to.contain("must be exactly");
        expect((await violationsOf(bearer({ StringLike: { "sts:AWSServiceName": "code*" } })))[0]).to.contain("only StringEquals");
        expect((await violationsOf(bearer({ StringEqualsIfExists: { "sts:AWSServiceName": "codeartifact.amazonaws.com" } })))[0]).to.contain("StringEqualsIfExists");
        expect((await violationsOf(bearer({ "ForAnyValue:StringEquals": { "sts:AWSServiceName": "codeartifact.amazonaws.com" } })))[0]).to.contain("ForAnyValue");
    });

    it("rejects an unconditioned bearer token granted through a wildcard or NotAction", async () => {
        expect(await violationsOf(bearer(undefined, "sts:Get*"))).to.have.length(1);
        expect(await violationsOf(bearer(undefined, "*"))).to.have.length(1);
        expect(await violationsOf({ Effect: "Allow", NotAction: "sts:AssumeRole", Resource: "*" })).to.have.length(1);
    });

    it("ignores statements that do not grant it, and Deny statements", async () => {
        expect(await violationsOf({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }, { Effect: "Deny", Action: "sts:*", Resource: "*" })).to.deep.equal([]);
    });

    it("keeps the reader fixture honest", () => {
        expect(bearerStatement.Condition).to.deep.equal({ StringEquals: { "sts:AWSServiceName": "codeartifact.amazonaws.com" } });
    });
});
