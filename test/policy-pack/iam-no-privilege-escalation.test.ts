import { expect } from "chai";
import { checkResource } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";
import { document, readerDocument, rolePolicy } from "../support/iamFixtures";

const policy = "iam-no-privilege-escalation";
const allow = (Action: unknown, Resource: unknown = "*", extra: Record<string, unknown> = {}) => ({ Effect: "Allow", Action, Resource, ...extra });
const violationsOf = async (...statements: Record<string, unknown>[]) => (await checkResource(policy, rolePolicy(document(...statements)))).violations;

describe(policy, () => {
    it("accepts the reader statements", async () => {
        expect((await checkResource(policy, rolePolicy(readerDocument))).violations).to.deep.equal([]);
    });

    // Escalation through other services: code or configuration that runs under another role.
    const refused: [string, Record<string, unknown>[], string][] = [
        ["updating a Lambda function's code", [allow("lambda:UpdateFunctionCode")], "EditExistingLambdaFunctionWithRole"],
        ["updating a Lambda function's code through a pattern, on every function", [allow(["lambda:Update*", "lambda:InvokeFunction"], "arn:aws:lambda:*:123456789012:function:*")], "EditExistingLambdaFunctionWithRole"],
        ["updating a Glue dev endpoint", [allow("glue:UpdateDevEndpoint")], "UpdateExistingGlueDevEndpoint"],
        ["creating and executing a CloudFormation change set", [allow(["cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"])], "ExecuteCloudFormationChangeSet"],
        ["new user data on an instance it restarts, split across statements", [allow("ec2:ModifyInstanceAttribute"), allow(["ec2:StopInstances", "ec2:StartInstances"])], "ModifyEC2InstanceUserDataThenRestart"],
        ["a new default launch template version", [allow(["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"])], "ModifyExistingEC2LaunchTemplate"],
        ["an SSH key pushed through EC2 Instance Connect", [allow(["ec2-instance-connect:SendSSHPublicKey", "ec2:DescribeInstances"])], "EC2InstanceConnectSendSSHPublicKey"],
        ["ecs:ExecuteCommand into a running task", [allow(["ecs:ExecuteCommand", "ecs:DescribeTasks"])], "ECSExecuteCommandOnRunningTask"],
        ["a SageMaker notebook presigned URL", [allow("sagemaker:CreatePresignedNotebookInstanceUrl")], "CreatePresignedSageMakerNotebookUrl"],
        [
            "a SageMaker notebook lifecycle configuration",
            [allow(["sagemaker:CreateNotebookInstanceLifecycleConfig", "sagemaker:StopNotebookInstance", "sagemaker:UpdateNotebookInstance", "sagemaker:StartNotebookInstance"])],
            "UpdateSageMakerNotebookLifecycleConfig",
        ],
        ["a Bedrock AgentCore code interpreter session", [allow(["bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter"])], "AccessExistingBedrockCodeInterpreterSession"],
        ["passing a role to a new CodeBuild project it builds", [allow(["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"])], "PassExistingRoleToNewCodeBuildProjectThenBuild"],
        ["NotResource: every resource but some", [{ Effect: "Allow", Action: "glue:UpdateDevEndpoint", NotResource: "arn:aws:glue:eu-west-1:123456789012:devEndpoint/x" }], "UpdateExistingGlueDevEndpoint"],
        ["a statement with a condition: a condition does not make it safe", [allow("lambda:UpdateFunctionCode", "*", { Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } })], "EditExistingLambdaFunctionWithRole"],
    ];
    for (const [situation, statements, method] of refused) {
        it(`rejects ${situation}`, async () => {
            const violations = await violationsOf(...statements);
            expect(violations.join("\n")).to.contain(`allows privilege escalation "${method}"`).and.contain("Cloudsplaining");
        });
    }

    it("reports the smallest method only: updating and invoking a function is one finding", async () => {
        const violations = await violationsOf(allow(["lambda:UpdateFunctionCode", "lambda:InvokeFunction", "lambda:AddPermission"]));
        expect(violations).to.deep.equal([
            'policy allows privilege escalation "EditExistingLambdaFunctionWithRole": lambda:UpdateFunctionCode on every resource (Cloudsplaining\'s methods, 126e052).',
        ]);
    });

    const accepted: [string, Record<string, unknown>[]][] = [
        ["one action of a two-action method", [allow("cloudformation:ExecuteChangeSet")]],
        ["a method's actions on one named resource", [allow(["lambda:UpdateFunctionCode", "lambda:InvokeFunction"], "arn:aws:lambda:eu-west-1:123456789012:function:build-hook")]],
        ["restarting instances without changing them", [allow(["ec2:StopInstances", "ec2:StartInstances", "ec2:DescribeInstances"])]],
        ["Deny statements, which never grant", [{ Effect: "Deny", Action: "lambda:UpdateFunctionCode", Resource: "*" }]],
        ["ordinary writes (logs)", [allow(["logs:CreateLogStream", "logs:PutLogEvents"], "arn:aws:logs:*:123456789012:log-group:/builds:*")]],
    ];
    for (const [situation, statements] of accepted) {
        it(`accepts ${situation}`, async () => {
            expect(await violationsOf(...statements)).to.deep.equal([]);
        });
    }

    it("judges every identity document holder: managed policies, user and group policies, role inline policies", async () => {
        const doc = document(allow("glue:UpdateDevEndpoint"));
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
        const outcome = await checkResource(policy, { type: resourceTypes.codeartifactDomainPermissions, props: { domain: "d", policyDocument: document(allow("lambda:UpdateFunctionCode")) } });
        expect(outcome.notApplicable).to.have.length(1);
    });
});
