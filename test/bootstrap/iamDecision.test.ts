// The IAM decision the deploy-coverage test relies on: statements matched with the pack's reader,
// conditions evaluated as IAM evaluates them, and the request context cut to the keys the Service
// Authorization Reference lists for the call.
import { expect } from "chai";
import { readPolicyDocument } from "../../policy-pack/iam/document";
import { conditionHolds, decide, effectiveContext } from "../support/iamDecision";

const ROLE = "arn:aws:iam::123456789012:role/reader-host-role-abc1234";

describe("deploy-coverage IAM decision (test/support/iamDecision.ts)", () => {
    const clause = (operator: string, key: string, ...values: string[]) => ({ operator, key, values });

    it("evaluates the operators as IAM does when the key is missing", () => {
        expect(conditionHolds(clause("StringEquals", "aws:RequestTag/team", "a"), {})).to.equal(false);
        expect(conditionHolds(clause("StringEqualsIfExists", "iam:PassedToService", "ec2.amazonaws.com"), {})).to.equal(true);
        expect(conditionHolds(clause("StringNotEquals", "aws:RequestTag/team", "a"), {})).to.equal(true);
        expect(conditionHolds(clause("Null", "aws:ResourceTag/team", "true"), {})).to.equal(true);
        expect(conditionHolds(clause("Null", "aws:ResourceTag/team", "true"), { "aws:ResourceTag/team": ["b"] })).to.equal(false);
        expect(conditionHolds(clause("ForAllValues:StringEquals", "aws:TagKeys", "a"), {})).to.equal(true);
        expect(conditionHolds(clause("ForAnyValue:StringEquals", "aws:TagKeys", "a"), {})).to.equal(false);
    });

    it("compares keys case-insensitively, values as written, StringLike with wildcards", () => {
        expect(conditionHolds(clause("StringEquals", "AWS:RequestTag/team", "dev"), { "aws:RequestTag/team": ["dev"] })).to.equal(true);
        expect(conditionHolds(clause("StringEquals", "aws:RequestTag/team", "Dev"), { "aws:RequestTag/team": ["dev"] })).to.equal(false);
        expect(conditionHolds(clause("StringLike", "iam:PolicyARN", "arn:aws:iam::aws:policy/*"), { "iam:PolicyARN": ["arn:aws:iam::aws:policy/X"] })).to.equal(true);
        expect(conditionHolds(clause("ForAllValues:StringEquals", "aws:TagKeys", "a", "b"), { "aws:TagKeys": ["a", "c"] })).to.equal(false);
    });

    it("refuses an operator it does not model instead of guessing", () => {
        expect(() => conditionHolds(clause("NumericLessThan", "kms:GrantConstraintType", "1"), { "kms:GrantConstraintType": ["1"] })).to.throw(/does not model the condition operator NumericLessThan/);
    });

    it("keeps only the context keys AWS sends for the action and resource type", async () => {
        const boundary = { "iam:PermissionsBoundary": ["arn:aws:iam::123456789012:policy/b"], "aws:ResourceTag/team": ["dev"] };
        expect(await effectiveContext({ action: "iam:TagRole", resource: ROLE, resourceType: "role", context: boundary })).to.deep.equal({ "aws:ResourceTag/team": ["dev"] });
        expect(await effectiveContext({ action: "iam:DeleteRolePolicy", resource: ROLE, resourceType: "role", context: boundary })).to.deep.equal(boundary);
        const requested = { "aws:RequestTag/team": ["dev"], "aws:ResourceTag/team": ["prod"] };
        const vpc = "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1";
        expect(await effectiveContext({ action: "ec2:CreateRouteTable", resource: vpc, resourceType: "vpc", context: requested })).to.deep.equal({ "aws:ResourceTag/team": ["prod"] });
        expect(await effectiveContext({ action: "ec2:CreateRouteTable", resource: vpc, resourceType: "route-table", context: requested })).to.have.property("aws:RequestTag/team");
    });

    it("lets a matching Deny win over any Allow, and needs an Allow whose action, resource and conditions all match", async () => {
        const document = readPolicyDocument({
            Statement: [
                { Effect: "Allow", Action: "iam:*Role", Resource: "arn:aws:iam::123456789012:role/reader-host-role-*", Condition: { StringEquals: { "aws:ResourceTag/team": "dev" } } },
                { Effect: "Deny", Action: "iam:DeleteRole", Resource: "*" },
            ],
        });
        const call = (action: string, team: string) => ({ action, resource: ROLE, resourceType: "role", context: { "aws:ResourceTag/team": [team] } });
        expect((await decide(document, call("iam:UpdateRole", "dev"))).allowed).to.equal(true);
        expect((await decide(document, call("iam:UpdateRole", "prod"))).allowed).to.equal(false);
        expect((await decide(document, call("iam:DeleteRole", "dev"))).allowed).to.equal(false);
        expect((await decide(document, { ...call("iam:UpdateRole", "dev"), resource: "arn:aws:iam::123456789012:role/admin" })).allowed).to.equal(false);
    });
});
