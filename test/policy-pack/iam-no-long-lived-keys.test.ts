import { expect } from "chai";
import { checkResource, unknown } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";
import { document, readerDocument } from "../support/iamFixtures";

const policy = "iam-no-long-lived-keys";

describe(policy, () => {
    it("rejects any access key, even in preview with an unknown user", async () => {
        const { violations, cantRun } = await checkResource(policy, { type: resourceTypes.accessKey, name: "ci-key", props: { user: unknown.string } });
        expect(cantRun).to.deep.equal([]);
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain('aws.iam.AccessKey "ci-key" is a long-lived credential');
    });

    it("rejects an IAM user or group granted CodeArtifact actions in an inline policy", async () => {
        for (const type of [resourceTypes.userPolicy, resourceTypes.groupPolicy]) {
            const { violations } = await checkResource(policy, { type, props: { user: "alice", group: "devs", policy: readerDocument } });
            expect(violations, type).to.have.length(1);
            expect(violations[0]).to.contain("codeartifact:GetAuthorizationToken").and.contain("grant CodeArtifact to roles only");
        }
    });

    it("rejects a user's CodeArtifact grant written as a wildcard", async () => {
        const { violations } = await checkResource(policy, { type: resourceTypes.userPolicy, props: { user: "alice", policy: document({ Effect: "Allow", Action: "code*:List*", Resource: "*" }) } });
        expect(violations).to.have.length(1);
    });

    it("accepts a user policy without CodeArtifact, and a Deny of CodeArtifact", async () => {
        const policyDocument = document({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }, { Effect: "Deny", Action: "codeartifact:*", Resource: "*" });
        expect((await checkResource(policy, { type: resourceTypes.userPolicy, props: { user: "alice", policy: policyDocument } })).violations).to.deep.equal([]);
    });

    it("rejects attaching an AWS managed CodeArtifact policy to a user or group", async () => {
        const arn = "arn:aws:iam::aws:policy/AWSCodeArtifactReadOnlyAccess";
        expect((await checkResource(policy, { type: resourceTypes.userPolicyAttachment, props: { user: "alice", policyArn: arn } })).violations).to.have.length(1);
        expect((await checkResource(policy, { type: resourceTypes.policyAttachment, props: { users: ["alice"], policyArn: arn } })).violations).to.have.length(1);
        expect((await checkResource(policy, { type: resourceTypes.policyAttachment, props: { groups: unknown.array, policyArn: arn } })).violations).to.have.length(1);
    });

    it("accepts the same managed policy attached to roles only", async () => {
        const arn = "arn:aws:iam::aws:policy/AWSCodeArtifactReadOnlyAccess";
        expect((await checkResource(policy, { type: resourceTypes.policyAttachment, props: { roles: ["reader"], users: [], policyArn: arn } })).violations).to.deep.equal([]);
    });

    it("does not apply to role policies", async () => {
        expect((await checkResource(policy, { type: resourceTypes.rolePolicy, props: { role: "r", policy: readerDocument } })).notApplicable).to.have.length(1);
    });

    it("judges exclusive attachment lists of users and groups", async () => {
        const { violations } = await checkResource(policy, {
            type: resourceTypes.userPolicyAttachmentsExclusive,
            props: { userName: "alice", policyArns: ["arn:aws:iam::aws:policy/AWSCodeArtifactReadOnlyAccess"] },
        });
        expect(violations).to.have.length(1);
    });
});
