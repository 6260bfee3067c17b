// Actions that hand out credentials, and read-only actions that hand out data, when granted on every
// resource. Data, transcribed verbatim (lowercase ids as published) from Cloudsplaining:
//   repository  https://github.com/salesforce/cloudsplaining
//   file        cloudsplaining/shared/constants.py
//   commit      126e05241dbc7ab07c1cf2c6f8fa6d65a5d86cd4 (the same as privilegeEscalationMethods.ts)
// ACTIONS_THAT_RETURN_CREDENTIALS ("Credentials Exposure": the API response holds credentials) and
// READ_ONLY_DATA_EXFILTRATION_ACTIONS ("Data Exfiltration": objects, parameters and secrets).
// Cloudsplaining (BSD 3-Clause, (c) salesforce.com). To update: copy both lists from a newer commit
// and change the commit; test/policy-pack/iam/sensitiveAccess.test.ts checks each id is one the
// action data knows, but the misspelt ones listed there.
import { privilegeEscalationSource } from "./privilegeEscalationMethods";

export const credentialsAndDataSource = privilegeEscalationSource;

export const actionsThatReturnCredentials: readonly string[] = [
    "airflow:createclitoken",
    "airflow:createweblogintoken",
    "appsync:createapikey",
    "chime:createapikey",
    "cloud9:createenvironmenttoken",
    "codeartifact:getauthorizationtoken",
    "codepipeline:pollforjobs",
    "cognito-identity:getopenidtoken",
    "cognito-identity:getopenidtokenfordeveloperidentity",
    "cognito-identity:getcredentialsforidentity",
    "cognito-idp:getsigningcertificate",
    "connect:getfederationtoken",
    "connect:getfederationtokens",
    "ec2:getpassworddata",
    "ecr:getauthorizationtoken",
    "ecr-public:getauthorizationtoken",
    "emr-containers:getmanagedendpointsessioncredentials",
    "finspace-api:getprogrammaticaccesscredentials",
    "gamelift:requestuploadcredentials",
    "gamelift:getinstanceaccess",
    "gamelist:getcomputeaccess",
    "gamelist:getcomputeauthtoken",
    "grafana:createworkspaceapikey",
    "iam:createaccesskey",
    "iam:createloginprofile",
    "iam:createservicespecificcredential",
    "iam:resetservicespecificcredential",
    "iam:updateaccesskey",
    "license-manager:getaccesstoken",
    "lightsail:getinstanceaccessdetails",
    "lightsail:downloaddefaultkeypair",
    "lightsail:createbucketaccesskey",
    "lightsail:getrelationaldatabasemasteruserpassword",
    "mediapackage:rotatechannelcredentials",
    "mediapackage:rotateingestendpointcredentials",
    "rds-db:connect",
    "redshift:getclustercredentials",
    "redshift:getclustercredentialswithiam",
    "redshift-serverless:getcredentials",
    "sso:getrolecredentials",
    "sts:assumerole",
    "sts:assumerolewithsaml",
    "sts:assumerolewithwebidentity",
    "sts:getfederationtoken",
    "sts:getsessiontoken",
];

export const readOnlyDataExfiltrationActions: readonly string[] = [
    "s3:GetObject",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "secretsmanager:GetSecretValue",
];
