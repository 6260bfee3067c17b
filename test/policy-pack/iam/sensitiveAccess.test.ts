import { expect } from "chai";
import { expandPatterns } from "../../../policy-pack/iam/actions";
import { readPolicyDocument } from "../../../policy-pack/iam/document";
import { actionsThatReturnCredentials, credentialsAndDataSource, readOnlyDataExfiltrationActions } from "../../../policy-pack/iam/credentialsAndDataActions";
import { sensitiveAccessOf } from "../../../policy-pack/iam/sensitiveAccess";

/**
 * Kept verbatim though the action data lacks them: two GameLift actions Cloudsplaining spells with the
 * service `gamelist`, and two it lists that the Service Authorization Reference does not (yet) name;
 * those are judged by their verb, and still found on every resource.
 */
const NOT_IN_THE_DATA = ["connect:getfederationtokens", "gamelist:getcomputeaccess", "gamelist:getcomputeauthtoken", "sso:getrolecredentials"];

const access = (Action: unknown, Resource: unknown = "*") => sensitiveAccessOf(readPolicyDocument({ Statement: [{ Effect: "Allow", Action, Resource }] }));

describe("credentials exposure and data exfiltration (Cloudsplaining's lists)", () => {
    it("cites its source, the commit of the privilege-escalation methods", () => {
        expect(credentialsAndDataSource.repository).to.equal("https://github.com/salesforce/cloudsplaining");
        expect(credentialsAndDataSource.commit).to.match(/^[0-9a-f]{40}$/);
    });

    it("names only actions the action data knows, but four listed knowingly", async () => {
        const unknown: string[] = [];
        for (const action of [...actionsThatReturnCredentials, ...readOnlyDataExfiltrationActions]) {
            const [found] = await expandPatterns([action], action.split(":")[0]);
            if (!found || found.unknownToData) unknown.push(action);
        }
        expect(unknown).to.deep.equal(NOT_IN_THE_DATA);
    });

    it("finds data reads on *, on every bucket (arn:aws:s3:::*/*), and through patterns (s3:Get*)", async () => {
        expect((await access("s3:GetObject")).data).to.deep.equal(["s3:GetObject"]);
        expect((await access("s3:GetObject", "arn:aws:s3:::*/*")).data).to.deep.equal(["s3:GetObject"]);
        expect((await access("S3:GET*")).data).to.deep.equal(["s3:GetObject"]);
        expect((await access(["ssm:GetParameter*", "secretsmanager:GetSecretValue"])).data).to.have.members(["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "secretsmanager:GetSecretValue"]);
    });

    it("finds credentials on every resource, wildcard-only actions included", async () => {
        expect((await access(["ecr:GetAuthorizationToken", "sts:GetSessionToken", "redshift:GetClusterCredentials", "ec2:GetPasswordData", "sso:GetRoleCredentials"])).credentials).to.have.members([
            "sso:GetRoleCredentials",
            "ecr:GetAuthorizationToken",
            "sts:GetSessionToken",
            "redshift:GetClusterCredentials",
            "ec2:GetPasswordData",
        ]);
    });

    it("leaves out what other rules refuse on every resource: the CodeArtifact token, sts:AssumeRole, IAM writes", async () => {
        expect(await access(["codeartifact:GetAuthorizationToken", "sts:AssumeRole", "iam:CreateAccessKey"])).to.deep.equal({ credentials: [], data: [] });
    });

    it("does not count reads of named resources", async () => {
        expect(await access(["s3:GetObject", "ssm:GetParameter", "secretsmanager:GetSecretValue"], [
            "arn:aws:s3:::build-inputs/*",
            "arn:aws:ssm:us-east-1:123456789012:parameter/build/*",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:build-token-AbCdEf",
        ])).to.deep.equal({ credentials: [], data: [] });
    });
});
