import { expect } from "chai";
import { checkResource } from "../support/policyHarness";
import { document, readerDocument, rolePolicy } from "../support/iamFixtures";

const policy = "iam-no-wildcard-admin";
const violationsOf = async (...statements: Record<string, unknown>[]) => (await checkResource(policy, rolePolicy(document(...statements)))).violations;
const allow = (Action: unknown, Resource: unknown = "*") => ({ Effect: "Allow", Action, Resource });

describe(policy, () => {
    it("accepts the reader statements", async () => {
        expect((await checkResource(policy, rolePolicy(readerDocument))).violations).to.deep.equal([]);
    });

    it("accepts narrow patterns within one service, and whole services on a named resource", async () => {
        expect(await violationsOf(allow(["s3:Get*", "codeartifact:List*"]), allow("s3:*", "arn:aws:s3:::assets/*"))).to.deep.equal([]);
    });

    it("accepts Deny statements with wildcards", async () => {
        expect(await violationsOf({ Effect: "Deny", NotAction: "*", NotResource: "*" }, { Effect: "Deny", Action: "*", Resource: "*" })).to.deep.equal([]);
    });

    const refused: [string, Record<string, unknown>, string][] = [
        ["* (everything)", allow("*"), 'allows "*": every action of every service'],
        ["*:* (everything)", allow("*:*", "arn:aws:s3:::bucket"), 'allows "*:*"'],
        ["iam:* on a single role", allow("iam:*", "arn:aws:iam::123456789012:role/x"), "full IAM control"],
        ["IAM:* in upper case", allow("IAM:*"), "full IAM control"],
        ["a service-wide grant on *", allow("s3:*"), 'allows "s3:*" on "*"'],
        ["a wildcarded service", allow("*:Put*", "arn:aws:s3:::bucket/*"), "its service part is a wildcard"],
        ["a ? in the service", allow("s?s:*", "arn:aws:sqs:us-east-1:123456789012:q"), "its service part is a wildcard"],
        ["NotAction with Allow", { Effect: "Allow", NotAction: "iam:*", Resource: "*" }, "NotAction"],
        ["NotResource with Allow", { Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" }, "NotResource"],
        ["iam:PassRole on *", allow("iam:PassRole"), "iam:PassRole"],
        ["iam:Pass* on *", allow("iam:Pass*"), "iam:PassRole"],
        ["iam:PassRole on every role of an account", allow("iam:PassRole", "arn:aws:iam::123456789012:role/*"), "iam:PassRole"],
    ];
    for (const [situation, statement, message] of refused) {
        it(`rejects ${situation}`, async () => {
            const violations = await violationsOf(statement);
            expect(violations.length).to.be.greaterThan(0);
            expect(violations.join("\n")).to.contain(message);
        });
    }

    it("accepts iam:PassRole on a named role", async () => {
        expect(await violationsOf(allow("iam:PassRole", "arn:aws:iam::123456789012:role/reader"))).to.deep.equal([]);
    });

    it("names the statement of the offending grant", async () => {
        const [violation] = await violationsOf(allow("s3:GetObject", "arn:aws:s3:::b/*"), { Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" });
        expect(violation).to.match(/^policy statement 2 \(Sid "Admin"\) allows "\*"/);
    });

    const escalations: [string, Record<string, unknown>, string][] = [
        ["iam:** (every IAM action, spelled otherwise)", allow("iam:**", "arn:aws:iam::123456789012:role/reader-role"), "full IAM control"],
        ["iam:?* on a role", allow("iam:?*", "arn:aws:iam::123456789012:role/reader-role"), "full IAM control"],
        ["s3:** on *", allow("s3:**"), 'allows "s3:**" on "*"'],
        ["s3:* on arn:*", allow("s3:*", "arn:*"), "every s3 action on every resource"],
        ["iam:PutRolePolicy on its own role", allow("iam:PutRolePolicy", "arn:aws:iam::123456789012:role/reader-role"), "iam:PutRolePolicy"],
        ["iam:*Policy* on a role", allow("iam:*Policy*", "arn:aws:iam::123456789012:role/reader-role"), "iam:AttachRolePolicy"],
        ["iam:CreatePolicyVersion", allow("iam:CreatePolicyVersion", "arn:aws:iam::123456789012:policy/reader"), "iam:CreatePolicyVersion"],
        ["iam:UpdateAssumeRolePolicy", allow("iam:UpdateAssumeRolePolicy", "arn:aws:iam::123456789012:role/x"), "iam:UpdateAssumeRolePolicy"],
        ["iam:CreateAccessKey for another user", allow("iam:CreateAccessKey", "arn:aws:iam::123456789012:user/admin"), "iam:CreateAccessKey"],
        ["sts:AssumeRole on *", allow("sts:AssumeRole"), "sts:AssumeRole"],
        ["iam:PassRole on role* (no slash)", allow("iam:PassRole", "arn:aws:iam::123456789012:role*"), "iam:PassRole"],
        ["iam:PassRole on arn:*", allow("iam:PassRole", "arn:*"), "iam:PassRole"],
        ["iam:PassRole in every account", allow("iam:PassRole", "arn:aws:iam::*:role/*"), "iam:PassRole"],
    ];
    for (const [situation, statement, message] of escalations) {
        it(`rejects ${situation}`, async () => {
            const violations = await violationsOf(statement);
            expect(violations.join("\n")).to.contain(message);
        });
    }

    it("accepts reading IAM and assuming a named role", async () => {
        expect(await violationsOf(allow(["iam:GetRole", "iam:List*"], "arn:aws:iam::123456789012:role/reader-role"), allow("sts:AssumeRole", "arn:aws:iam::123456789012:role/deployer"))).to.deep.equal([]);
    });
});
