import { expect } from "chai";
import { checkResource } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";

const policy = "kms-key-policy-no-public";
const ACCOUNT = "123456789012";
const statement = (Principal: unknown, Action: unknown, Condition?: unknown) => ({ Effect: "Allow", Principal, Action, Resource: "*", ...(Condition ? { Condition } : {}) });
const keyWith = (...statements: Record<string, unknown>[]) => ({
    type: resourceTypes.kmsKey,
    props: { enableKeyRotation: true, policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
});
const ownRoot = statement({ AWS: `arn:aws:iam::${ACCOUNT}:root` }, "kms:*");
const violationsOf = async (...statements: Record<string, unknown>[]) => (await checkResource(policy, keyWith(ownRoot, ...statements))).violations;

describe(policy, () => {
    it("accepts KMS's default (no policy) and a policy naming the key's own account and roles", async () => {
        expect((await checkResource(policy, { type: resourceTypes.kmsKey, props: { enableKeyRotation: true } })).violations).to.deep.equal([]);
        expect(await violationsOf(statement({ AWS: `arn:aws:iam::${ACCOUNT}:role/reader` }, ["kms:Decrypt", "kms:DescribeKey"]))).to.deep.equal([]);
    });

    const fenced: [string, unknown][] = [
        ["kms:CallerAccount with kms:ViaService (AWS's managed-key pattern)", { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": "codeartifact.us-east-1.amazonaws.com" } }],
        ["aws:PrincipalOrgID", { StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij" } }],
        ["aws:PrincipalArn naming a role", { ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/reader` } }],
    ];
    for (const [situation, condition] of fenced) {
        it(`accepts Principal "*" fenced by ${situation}`, async () => {
            expect(await violationsOf(statement("*", ["kms:Decrypt", "kms:GenerateDataKey"], condition))).to.deep.equal([]);
        });
    }

    const open: [string, Record<string, unknown>][] = [
        ['Principal "*" with no condition', statement("*", "kms:*")],
        ['{"AWS": "*"}', statement({ AWS: "*" }, "kms:Decrypt")],
        ['{"AWS": ["*"]}', statement({ AWS: ["*"] }, "kms:Decrypt")],
        ["kms:ViaService alone: any account can call through the service", statement("*", "kms:Decrypt", { StringEquals: { "kms:ViaService": "codeartifact.us-east-1.amazonaws.com" } })],
        ["kms:CallerAccount, IfExists", statement("*", "kms:Decrypt", { StringEqualsIfExists: { "kms:CallerAccount": ACCOUNT } })],
        ["a wildcarded kms:CallerAccount", statement("*", "kms:Decrypt", { StringLike: { "kms:CallerAccount": "*" } })],
        ["aws:SourceIp", statement("*", "kms:Decrypt", { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } })],
    ];
    for (const [situation, bad] of open) {
        it(`rejects ${situation}`, async () => {
            const violations = await violationsOf(bad);
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain('policy statement 2 allows Principal "*"');
        });
    }

    it("rejects NotPrincipal in an Allow, accepts it in a Deny", async () => {
        const notPrincipal = { Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:Decrypt", Resource: "*" };
        expect((await violationsOf(notPrincipal))[0]).to.contain("NotPrincipal");
        expect(await violationsOf({ ...notPrincipal, Effect: "Deny" })).to.deep.equal([]);
    });

    it("judges key policies wherever they are declared: aws.kms.KeyPolicy and replica keys", async () => {
        const document = JSON.stringify({ Statement: [statement("*", "kms:*")] });
        for (const type of [resourceTypes.kmsKeyPolicy, resourceTypes.kmsReplicaKey]) {
            expect((await checkResource(policy, { type, props: { keyId: "k", policy: document } })).violations, type).to.have.length(1);
        }
    });

    it("reports a policy it cannot read instead of passing it", async () => {
        expect((await checkResource(policy, { type: resourceTypes.kmsKey, props: { policy: "{not json" } })).violations[0]).to.contain("not a readable key policy document");
    });
});
