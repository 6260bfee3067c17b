import { expect } from "chai";
import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import { PolicyDocumentError, readPolicyDocument } from "../../../policy-pack/iam/document";
import { unknown } from "../../support/policyHarness";

describe("IAM document reader", () => {
    it("reads a JSON string and an object into the same statements", () => {
        const object = { Version: "2012-10-17", Statement: [{ Sid: "Read", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] }] };
        const fromString = readPolicyDocument(JSON.stringify(object));
        const fromObject = readPolicyDocument(object);
        expect(fromObject).to.deep.equal(fromString);
        expect(fromString.statements[0]).to.deep.include({ sid: "Read", effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] });
        expect(fromString.statements[0].label).to.equal('statement 1 (Sid "Read")');
    });

    it("accepts Statement as a single object and Action/Resource as plain strings", () => {
        const { statements } = readPolicyDocument({ Statement: { Effect: "Deny", NotAction: "iam:*", NotResource: "arn:aws:iam::*:role/x" } });
        expect(statements).to.have.length(1);
        expect(statements[0]).to.deep.include({ effect: "Deny", notActions: ["iam:*"], notResources: ["arn:aws:iam::*:role/x"] });
    });

    it("reads conditions with string, list, boolean and number values", () => {
        const { statements } = readPolicyDocument({
            Statement: {
                Effect: "Allow",
                Action: "s3:GetObject",
                Resource: "*",
                Condition: { StringEquals: { "aws:PrincipalOrgID": ["o-abc", "o-def"] }, Bool: { "aws:SecureTransport": true }, NumericLessThan: { "s3:max-keys": 10 } },
            },
        });
        expect(statements[0].conditions).to.deep.equal([
            { operator: "StringEquals", key: "aws:PrincipalOrgID", values: ["o-abc", "o-def"] },
            { operator: "Bool", key: "aws:SecureTransport", values: ["true"] },
            { operator: "NumericLessThan", key: "s3:max-keys", values: ["10"] },
        ]);
    });

    it("reads principals: everyone as * or AWS *, and each principal kind", () => {
        const read = (Principal: unknown) => readPolicyDocument({ Statement: { Effect: "Allow", Action: "sts:AssumeRole", Principal } }).statements[0].principal;
        expect(read("*")?.anyone).to.equal(true);
        expect(read({ AWS: "*" })?.anyone).to.equal(true);
        expect(read({ AWS: ["arn:aws:iam::123456789012:root"], Service: "ec2.amazonaws.com" })).to.deep.equal({
            anyone: false,
            aws: ["arn:aws:iam::123456789012:root"],
            service: ["ec2.amazonaws.com"],
            federated: [],
            canonicalUser: [],
        });
    });

    it("treats the effect case-insensitively: anything but Deny must not slip through as a non-grant", () => {
        const { statements } = readPolicyDocument({ Statement: [{ Effect: "allow", Action: "*" }, { Effect: "DENY", Action: "*" }] });
        expect(statements.map((s) => s.effect)).to.deep.equal(["Allow", "Deny"]);
    });

    describe("documents it cannot read", () => {
        const cases: [string, unknown, string][] = [
            ["malformed JSON", '{"Statement": [', "not valid JSON"],
            ["a number", 42, "expected a JSON object or string, got 42"],
            ["no Statement", "{}", 'it has no "Statement"'],
            ["an unknown effect", { Statement: { Effect: "Permit", Action: "*" } }, 'statement 1 has Effect "Permit"'],
            ["no Action or NotAction", { Statement: { Effect: "Allow", Resource: "*" } }, "statement 1 has neither Action nor NotAction"],
            ["a non-string action", { Statement: { Effect: "Allow", Action: [1] } }, "statement 1 Action holds 1; expected strings"],
            ["an unknown principal type", { Statement: { Effect: "Allow", Action: "*", Principal: { Robot: "x" } } }, 'unknown principal type "Robot"'],
            ["a condition that is not an object", { Statement: { Effect: "Allow", Action: "*", Condition: "yes" } }, 'statement 1 Condition is "yes"'],
        ];
        for (const [situation, value, message] of cases) {
            it(`refuses ${situation}, saying why`, () => {
                expect(() => readPolicyDocument(value)).to.throw(PolicyDocumentError, message);
            });
        }
    });

    it("lets an unknown value inside an object document surface as the engine's UnknownValueError, with its path", () => {
        const props = unknownCheckingProxy({ policy: { Statement: [{ Effect: "Allow", Action: unknown.array, Resource: "*" }] } });
        expect(() => readPolicyDocument(props.policy)).to.throw(UnknownValueError, "value at .policy.Statement.0.Action can't be known during preview");
    });

    it("drops white space around action and resource patterns, so a stray space hides nothing", () => {
        const { statements } = readPolicyDocument({ Statement: { Effect: "Allow", Action: " codeartifact:DeletePackageVersions ", Resource: [" * "] } });
        expect(statements[0].actions).to.deep.equal(["codeartifact:DeletePackageVersions"]);
        expect(statements[0].resources).to.deep.equal(["*"]);
    });
});
