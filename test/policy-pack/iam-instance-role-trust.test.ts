import { expect } from "chai";
import { checkResource, unknown } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";

const policy = "iam-instance-role-trust";
const role = (assumeRolePolicy: unknown) => ({ type: resourceTypes.role, props: { assumeRolePolicy } });
const trust = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const assume = (Principal: unknown, extra: Record<string, unknown> = {}) => ({ Effect: "Allow", Action: "sts:AssumeRole", Principal, ...extra });

describe(policy, () => {
    it("accepts an instance role trusted only by ec2.amazonaws.com", async () => {
        expect((await checkResource(policy, role(trust(assume({ Service: "ec2.amazonaws.com" }))))).violations).to.deep.equal([]);
    });

    it("accepts a trust policy given as an object with a single Statement object", async () => {
        expect((await checkResource(policy, role({ Statement: assume({ Service: ["ec2.amazonaws.com"] }) }))).violations).to.deep.equal([]);
    });

    it("accepts a non-EC2 role trusted by named accounts and roles", async () => {
        expect((await checkResource(policy, role(trust(assume({ AWS: "arn:aws:iam::123456789012:root" }))))).violations).to.deep.equal([]);
    });

    it("rejects an EC2 role that another principal can assume too, in the same or another statement", async () => {
        const sameStatement = await checkResource(policy, role(trust(assume({ Service: ["ec2.amazonaws.com", "lambda.amazonaws.com"] }))));
        expect(sameStatement.violations).to.have.length(1);
        expect(sameStatement.violations[0]).to.contain('also trusts Service "lambda.amazonaws.com"');
        const otherStatement = await checkResource(policy, role(trust(assume({ Service: "ec2.amazonaws.com" }), assume({ AWS: "arn:aws:iam::123456789012:user/alice" }))));
        expect(otherStatement.violations[0]).to.contain('statement 2 also trusts AWS "arn:aws:iam::123456789012:user/alice"');
        const federated = await checkResource(policy, role(trust(assume({ Service: "ec2.amazonaws.com", Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }))));
        expect(federated.violations.join("\n")).to.contain("also trusts Federated");
    });

    for (const [situation, principal] of [
        ['Principal "*"', "*"],
        ['AWS "*"', { AWS: "*" }],
        ['AWS ["*"] beside EC2', { AWS: ["*"], Service: "ec2.amazonaws.com" }],
    ] as const) {
        it(`rejects a trust policy naming ${situation}, even with a condition`, async () => {
            const { violations } = await checkResource(policy, role(trust(assume(principal, { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij" } } }))));
            expect(violations.join("\n")).to.contain('trusts "*"');
        });
    }

    it("rejects NotPrincipal in an Allow", async () => {
        const { violations } = await checkResource(policy, role(trust({ Effect: "Allow", Action: "sts:AssumeRole", NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" } })));
        expect(violations[0]).to.contain("NotPrincipal");
    });

    it("ignores Deny statements", async () => {
        const { violations } = await checkResource(policy, role(trust(assume({ Service: "ec2.amazonaws.com" }), { Effect: "Deny", Action: "sts:AssumeRole", Principal: "*" })));
        expect(violations).to.deep.equal([]);
    });

    it("reports a trust policy it cannot read", async () => {
        const { violations } = await checkResource(policy, role("not json"));
        expect(violations[0]).to.contain("assumeRolePolicy is not a readable trust policy");
    });

    it("cannot run in preview on an unknown trust policy, and says so", async () => {
        const { cantRun } = await checkResource(policy, role(unknown.string));
        expect(cantRun[0]).to.contain("value at .assumeRolePolicy can't be known during preview");
    });

    it("rejects federated (OIDC) trust without a condition on the token's subject, and accepts it with one", async () => {
        const github = { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" };
        const aud = { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } };
        const federated = (Condition: unknown) => role(trust({ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity", Principal: github, Condition }));
        expect((await checkResource(policy, federated(aud))).violations[0]).to.contain("without a condition on the token's subject");
        expect((await checkResource(policy, federated({ ...aud, StringLike: { "token.actions.githubusercontent.com:sub": "*" } }))).violations).to.have.length(1);
        const pinned = { ...aud, StringLike: { "token.actions.githubusercontent.com:sub": "repo:nextwork/app:ref:refs/heads/main" } };
        expect((await checkResource(policy, federated(pinned))).violations).to.deep.equal([]);
    });
});
