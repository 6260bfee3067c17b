import { expect } from "chai";
import { checkResource } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";
import { document, readerDocument, rolePolicy } from "../support/iamFixtures";

const policy = "iam-no-wildcard-admin";
const violationsOf = async (...statements: Record<string, unknown>[]) => (await checkResource(policy, rolePolicy(document(...statements)))).violations;
const allow = (Action: unknown, Resource: unknown = "*") => ({ Effect: "Allow", Action, Resource });

describe(policy, () => {
    it("accepts the reader statements", async () => {
        expect((await checkResource(policy, rolePolicy(readerDocument))).violations).to.deep.equal([]);
    });

    it("accepts narrow patterns within one service, and whole services on a named resource", async () => {
        expect(await violationsOf(allow(["ec2:Describe*", "codeartifact:List*"]), allow("s3:*", "arn:aws:s3:::assets/*"))).to.deep.equal([]);
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

    describe("credentials and data on every resource (Cloudsplaining's lists)", () => {
        const found: [string, Record<string, unknown>, string][] = [
            ["s3:GetObject on *", allow("s3:GetObject"), "s3:GetObject on every resource: data exfiltration"],
            ["s3:GetObject on every bucket", allow("s3:GetObject", "arn:aws:s3:::*"), "data exfiltration"],
            ["ssm:GetParameter* on *", allow("ssm:GetParameter*"), "ssm:GetParametersByPath"],
            ["secretsmanager:GetSecretValue on *", allow("secretsmanager:GetSecretValue"), "secretsmanager:GetSecretValue on every resource"],
            ["ecr:GetAuthorizationToken (wildcard-only)", allow("ecr:GetAuthorizationToken"), "credentials exposure"],
            ["sts:GetSessionToken", allow("sts:GetSessionToken"), "credentials exposure"],
            ["redshift:GetClusterCredentials on every cluster", allow("redshift:GetClusterCredentials", "arn:aws:redshift:*:*:dbuser:*/*"), "credentials exposure"],
        ];
        for (const [situation, statement, message] of found) {
            it(`rejects ${situation}`, async () => {
                expect((await violationsOf(statement)).join("\n")).to.contain(message);
            });
        }

        it("accepts the same reads of named resources", async () => {
            const named = allow(["s3:GetObject", "ssm:GetParameter", "secretsmanager:GetSecretValue"], [
                "arn:aws:s3:::build-inputs/*",
                "arn:aws:ssm:us-east-1:123456789012:parameter/build/maven-mirror",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:build-token-AbCdEf",
            ]);
            expect(await violationsOf(named)).to.deep.equal([]);
        });
    });

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

    describe("privilege escalation through other services (Cloudsplaining's methods)", () => {
        const allowOn = (Action: unknown, Resource: unknown = "*", extra: Record<string, unknown> = {}) => ({ Effect: "Allow", Action, Resource, ...extra });

        it("accepts the reader statements", async () => {
            expect((await checkResource(policy, rolePolicy(readerDocument))).violations).to.deep.equal([]);
        });

        // Escalation through other services: code or configuration that runs under another role.
        const refused: [string, Record<string, unknown>[], string][] = [
            ["updating a Lambda function's code", [allowOn("lambda:UpdateFunctionCode")], "EditExistingLambdaFunctionWithRole"],
            ["updating a Lambda function's code through a pattern, on every function", [allowOn(["lambda:Update*", "lambda:InvokeFunction"], "arn:aws:lambda:*:123456789012:function:*")], "EditExistingLambdaFunctionWithRole"],
            ["updating a Glue dev endpoint", [allowOn("glue:UpdateDevEndpoint")], "UpdateExistingGlueDevEndpoint"],
            ["creating and executing a CloudFormation change set", [allowOn(["cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"])], "ExecuteCloudFormationChangeSet"],
            ["new user data on an instance it restarts, split across statements", [allowOn("ec2:ModifyInstanceAttribute"), allowOn(["ec2:StopInstances", "ec2:StartInstances"])], "ModifyEC2InstanceUserDataThenRestart"],
            ["a new default launch template version", [allowOn(["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"])], "ModifyExistingEC2LaunchTemplate"],
            ["an SSH key pushed through EC2 Instance Connect", [allowOn(["ec2-instance-connect:SendSSHPublicKey", "ec2:DescribeInstances"])], "EC2InstanceConnectSendSSHPublicKey"],
            ["ecs:ExecuteCommand into a running task", [allowOn(["ecs:ExecuteCommand", "ecs:DescribeTasks"])], "ECSExecuteCommandOnRunningTask"],
            ["a SageMaker notebook presigned URL", [allowOn("sagemaker:CreatePresignedNotebookInstanceUrl")], "CreatePresignedSageMakerNotebookUrl"],
            [
                "a SageMaker notebook lifecycle configuration",
                [allowOn(["sagemaker:CreateNotebookInstanceLifecycleConfig", "sagemaker:StopNotebookInstance", "sagemaker:UpdateNotebookInstance", "sagemaker:StartNotebookInstance"])],
                "UpdateSageMakerNotebookLifecycleConfig",
            ],
            ["a Bedrock AgentCore code interpreter session", [allowOn(["bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter"])], "AccessExistingBedrockCodeInterpreterSession"],
            ["passing a role to a new CodeBuild project it builds", [allowOn(["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"])], "PassExistingRoleToNewCodeBuildProjectThenBuild"],
            ["NotResource: every resource but some", [{ Effect: "Allow", Action: "glue:UpdateDevEndpoint", NotResource: "arn:aws:glue:eu-west-1:123456789012:devEndpoint/x" }], "UpdateExistingGlueDevEndpoint"],
            ["a statement with a condition: a condition does not make it safe", [allowOn("lambda:UpdateFunctionCode", "*", { Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } })], "EditExistingLambdaFunctionWithRole"],
        ];
        for (const [situation, statements, method] of refused) {
            it(`rejects ${situation}`, async () => {
                const violations = await violationsOf(...statements);
                expect(violations.join("\n")).to.contain(`allows privilege escalation "${method}"`).and.contain("Cloudsplaining");
            });
        }

        it("reports the smallest method only: updating and invoking a function is one finding", async () => {
            const violations = await violationsOf(allowOn(["lambda:UpdateFunctionCode", "lambda:InvokeFunction", "lambda:AddPermission"]));
            expect(violations).to.deep.equal([
                'policy allows privilege escalation "EditExistingLambdaFunctionWithRole": lambda:UpdateFunctionCode on every resource (Cloudsplaining\'s methods, 126e052).',
            ]);
        });

        const accepted: [string, Record<string, unknown>[]][] = [
            ["one action of a two-action method", [allowOn("cloudformation:ExecuteChangeSet")]],
            ["a method's actions on one named resource", [allowOn(["lambda:UpdateFunctionCode", "lambda:InvokeFunction"], "arn:aws:lambda:eu-west-1:123456789012:function:build-hook")]],
            ["restarting instances without changing them", [allowOn(["ec2:StopInstances", "ec2:StartInstances", "ec2:DescribeInstances"])]],
            ["Deny statements, which never grant", [{ Effect: "Deny", Action: "lambda:UpdateFunctionCode", Resource: "*" }]],
            ["ordinary writes (logs)", [allowOn(["logs:CreateLogStream", "logs:PutLogEvents"], "arn:aws:logs:*:123456789012:log-group:/builds:*")]],
        ];
        for (const [situation, statements] of accepted) {
            it(`accepts ${situation}`, async () => {
                expect(await violationsOf(...statements)).to.deep.equal([]);
            });
        }

        it("judges every identity document holder: managed policies, user and group policies, role inline policies", async () => {
            const doc = document(allowOn("glue:UpdateDevEndpoint"));
            for (const resource of [
                { type: resourceTypes.iamPolicy, props: { policy: doc } },
                { type: resourceTypes.userPolicy, props: { user: "u", policy: doc } },
                { type: resourceTypes.groupPolicy, props: { group: "g", policy: doc } },
                { type: resourceTypes.role, props: { assumeRolePolicy: "{}", inlinePolicies: [{ name: "x", policy: doc }] } },
            ]) {
                expect((await checkResource(policy, resource)).violations, resource.type).to.have.length(1);
            }
        });

        it("does not apply to resource policies", async () => {
            const outcome = await checkResource(policy, { type: resourceTypes.codeartifactDomainPermissions, props: { domain: "d", policyDocument: document(allowOn("lambda:UpdateFunctionCode")) } });
            expect(outcome.notApplicable).to.have.length(1);
        });
    });
});
