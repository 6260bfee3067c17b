// Privilege-escalation methods: sets of actions that, granted together on every resource, let an
// identity act with more permissions than it was given: by changing IAM, by passing a role to a
// new resource, or by changing code or configuration that already runs under another role.
//
// Data, transcribed verbatim (names and lowercase action ids) from Cloudsplaining's
// PRIVILEGE_ESCALATION_METHODS:
//   repository  https://github.com/salesforce/cloudsplaining
//   file        cloudsplaining/shared/constants.py
//   commit      126e05241dbc7ab07c1cf2c6f8fa6d65a5d86cd4 (the Rhino Security Labs set, plus the paths
//               of pathfinding.cloud by Datadog)
// Cloudsplaining (BSD 3-Clause, (c) salesforce.com) flags a policy document whose allowed,
// unrestricted actions include every action of a method; policy-pack/iam/privilegeEscalation.ts
// applies the same rule to these data. To update: copy the dict from a newer commit and change the
// commit above; test/policy-pack/iam/privilegeEscalation.test.ts checks every action is one the
// action data knows.
export const privilegeEscalationSource = {
    repository: "https://github.com/salesforce/cloudsplaining",
    path: "cloudsplaining/shared/constants.py",
    commit: "126e05241dbc7ab07c1cf2c6f8fa6d65a5d86cd4",
} as const;

export const privilegeEscalationMethods: Readonly<Record<string, readonly string[]>> = {
    // 1. IAM Permissions on Other Users
    CreateAccessKey: ["iam:createaccesskey"],
    CreateLoginProfile: ["iam:createloginprofile"],
    UpdateLoginProfile: ["iam:updateloginprofile"],
    AddUserToGroup: ["iam:addusertogroup"],
    // 2. Permissions on Policies
    CreateNewPolicyVersion: ["iam:createpolicyversion"],
    SetExistingDefaultPolicyVersion: ["iam:setdefaultpolicyversion"],
    AttachUserPolicy: ["iam:attachuserpolicy"],
    AttachGroupPolicy: ["iam:attachgrouppolicy"],
    AttachRolePolicy: ["iam:attachrolepolicy"],
    PutUserPolicy: ["iam:putuserpolicy"],
    PutGroupPolicy: ["iam:putgrouppolicy"],
    PutRolePolicy: ["iam:putrolepolicy"],
    // 3. Updating an AssumeRolePolicy
    UpdateRolePolicyToAssumeIt: ["iam:updateassumerolepolicy"],
    // 4. iam:PassRole:*
    CreateEC2WithExistingIP: ["iam:passrole", "ec2:runinstances"],
    PassExistingRoleToNewLambdaThenInvoke: ["iam:passrole", "lambda:createfunction", "lambda:invokefunction"],
    PassExistingRoleToNewLambdaThenTriggerWithNewDynamo: [
        "iam:passrole",
        "lambda:createfunction",
        "lambda:createeventsourcemapping",
        "dynamodb:createtable",
        "dynamodb:putitem",
    ],
    PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo: ["iam:passrole", "lambda:createfunction", "lambda:createeventsourcemapping"],
    PassExistingRoleToNewGlueDevEndpoint: ["iam:passrole", "glue:createdevendpoint"],
    PassExistingRoleToCloudFormation: ["iam:passrole", "cloudformation:createstack"],
    PassExistingRoleToNewDataPipeline: ["iam:passrole", "datapipeline:createpipeline"],
    // 5. Privilege Escalation Using AWS Services
    UpdateExistingGlueDevEndpoint: ["glue:updatedevendpoint"],
    EditExistingLambdaFunctionWithRole: ["lambda:updatefunctioncode"],
    // --- Additional paths from pathfinding.cloud (DataDog), beyond the original Rhino set ---
    // pathfinding.cloud: existing-passrole / update-existing-resource
    AccessExistingBedrockCodeInterpreterSession: ["bedrock-agentcore:startcodeinterpretersession", "bedrock-agentcore:invokecodeinterpreter"],
    ExecuteCloudFormationChangeSet: ["cloudformation:createchangeset", "cloudformation:executechangeset"],
    ModifyEC2InstanceUserDataThenRestart: ["ec2:modifyinstanceattribute", "ec2:stopinstances", "ec2:startinstances"],
    ModifyExistingEC2LaunchTemplate: ["ec2:createlaunchtemplateversion", "ec2:modifylaunchtemplate"],
    EC2InstanceConnectSendSSHPublicKey: ["ec2-instance-connect:sendsshpublickey", "ec2:describeinstances"],
    ECSExecuteCommandOnRunningTask: ["ecs:executecommand", "ecs:describetasks"],
    UpdateAndInvokeLambdaFunction: ["lambda:updatefunctioncode", "lambda:invokefunction"],
    UpdateLambdaFunctionAndAddPermission: ["lambda:updatefunctioncode", "lambda:addpermission"],
    CreatePresignedSageMakerNotebookUrl: ["sagemaker:createpresignednotebookinstanceurl"],
    UpdateSageMakerNotebookLifecycleConfig: [
        "sagemaker:createnotebookinstancelifecycleconfig",
        "sagemaker:stopnotebookinstance",
        "sagemaker:updatenotebookinstance",
        "sagemaker:startnotebookinstance",
    ],
    // pathfinding.cloud: new-passrole
    PassExistingRoleToNewAppRunnerService: ["iam:passrole", "apprunner:createservice"],
    PassExistingRoleToNewBedrockCodeInterpreter: [
        "iam:passrole",
        "bedrock-agentcore:createcodeinterpreter",
        "bedrock-agentcore:startcodeinterpretersession",
        "bedrock-agentcore:invokecodeinterpreter",
    ],
    PassExistingRoleToNewCloudFormationStackSet: ["iam:passrole", "cloudformation:createstackset", "cloudformation:createstackinstances"],
    PassRoleToUpdateCloudFormationStackSet: ["iam:passrole", "cloudformation:updatestackset"],
    PassExistingRoleToNewCodeBuildProjectThenBuild: ["iam:passrole", "codebuild:createproject", "codebuild:startbuild"],
    PassExistingRoleToNewCodeBuildProjectThenBuildBatch: ["iam:passrole", "codebuild:createproject", "codebuild:startbuildbatch"],
    PassExistingRoleToNewEC2SpotInstance: ["iam:passrole", "ec2:requestspotinstances"],
    PassExistingRoleToNewECSClusterServiceTask: ["iam:passrole", "ecs:createcluster", "ecs:registertaskdefinition", "ecs:createservice"],
    PassExistingRoleToNewECSClusterRunTask: ["iam:passrole", "ecs:createcluster", "ecs:registertaskdefinition", "ecs:runtask"],
    PassExistingRoleToNewECSService: ["iam:passrole", "ecs:registertaskdefinition", "ecs:createservice"],
    PassExistingRoleToNewECSTaskViaRunTask: ["iam:passrole", "ecs:registertaskdefinition", "ecs:runtask"],
    PassExistingRoleToNewECSTaskViaStartTask: ["iam:passrole", "ecs:registertaskdefinition", "ecs:starttask"],
    PassExistingRoleToNewGlueJobThenRun: ["iam:passrole", "glue:createjob", "glue:startjobrun"],
    PassExistingRoleToNewGlueJobViaTrigger: ["iam:passrole", "glue:createjob", "glue:createtrigger"],
    PassExistingRoleToUpdatedGlueJobThenRun: ["iam:passrole", "glue:updatejob", "glue:startjobrun"],
    PassExistingRoleToUpdatedGlueJobViaTrigger: ["iam:passrole", "glue:updatejob", "glue:createtrigger"],
    PassExistingRoleToNewLambdaThenAddPermission: ["iam:passrole", "lambda:createfunction", "lambda:addpermission"],
    PassExistingRoleToNewSageMakerNotebookInstance: ["iam:passrole", "sagemaker:createnotebookinstance"],
    PassExistingRoleToNewSageMakerTrainingJob: ["iam:passrole", "sagemaker:createtrainingjob"],
    PassExistingRoleToNewSageMakerProcessingJob: ["iam:passrole", "sagemaker:createprocessingjob"],
    // pathfinding.cloud: principal-access
    CreateAndRotateAccessKey: ["iam:createaccesskey", "iam:deleteaccesskey"],
    AttachUserPolicyThenCreateAccessKey: ["iam:attachuserpolicy", "iam:createaccesskey"],
    CreatePolicyVersionThenAssumeRole: ["iam:createpolicyversion", "sts:assumerole"],
    PutUserPolicyThenCreateAccessKey: ["iam:putuserpolicy", "iam:createaccesskey"],
    AttachRolePolicyThenUpdateAssumeRolePolicy: ["iam:attachrolepolicy", "iam:updateassumerolepolicy"],
    CreatePolicyVersionThenUpdateAssumeRolePolicy: ["iam:createpolicyversion", "iam:updateassumerolepolicy"],
    PutRolePolicyThenUpdateAssumeRolePolicy: ["iam:putrolepolicy", "iam:updateassumerolepolicy"],
};
