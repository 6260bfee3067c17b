// The VPC endpoint policies of the private network. An endpoint without a policy lets anything on
// the host use the service with ANY credentials, including an attacker's own account: a CodeArtifact
// domain or an S3 bucket elsewhere is then a way out for data. Each policy names this account's
// principals (or, for anonymous S3 reads, the AWS-owned buckets) and this stack's domain.
import { AwsContext } from "../config/awsContext";
import { accountRootArn, domainArn, repositoryArn } from "./arns";
import { PolicyDocument, PolicyStatement } from "./policyDocuments";
import { al2023RepositoryBucket, codeartifactAssetBucket } from "../network/serviceBuckets";

export interface EndpointPolicyTarget {
    context: AwsContext;
    domainName: string;
    repositoryName: string;
}

const BEARER_TOKEN_FOR_CODEARTIFACT = { StringEquals: { "sts:AWSServiceName": "codeartifact.amazonaws.com" } };

function thisAccount(context: AwsContext): PolicyStatement["Principal"] {
    return { AWS: [accountRootArn(context.partition, context.accountId)] };
}

/**
 * Both CodeArtifact endpoints (api: the token and the endpoint URL; repositories: Maven's reads):
 * this account's principals, this domain and the team repository only. The conditioned
 * sts:GetServiceBearerToken is here as in AWS's own example ("Create a VPC endpoint policy for
 * CodeArtifact"): GetAuthorizationToken is authorized together with it.
 */
export function codeartifactEndpointPolicy(target: EndpointPolicyTarget): PolicyDocument {
    const principal = thisAccount(target.context);
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "TokenForThisDomain", Effect: "Allow", Principal: principal, Action: ["codeartifact:GetAuthorizationToken"], Resource: [domainArn(target.context, target.domainName)] },
            {
                Sid: "ReadTheTeamRepository",
                Effect: "Allow",
                Principal: principal,
                Action: ["codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository"],
                Resource: [repositoryArn(target.context, target.domainName, target.repositoryName)],
            },
            { Sid: "BearerTokenForCodeArtifact", Effect: "Allow", Principal: principal, Action: ["sts:GetServiceBearerToken"], Resource: ["*"], Condition: BEARER_TOKEN_FOR_CODEARTIFACT },
        ],
    };
}

/** The STS endpoint: only the bearer token CodeArtifact tokens are made of, for this account's principals. */
export function stsEndpointPolicy(context: AwsContext): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "BearerTokenForCodeArtifact", Effect: "Allow", Principal: thisAccount(context), Action: ["sts:GetServiceBearerToken"], Resource: ["*"], Condition: BEARER_TOKEN_FOR_CODEARTIFACT },
        ],
    };
}

/**
 * The S3 gateway endpoint: reading objects of CodeArtifact's asset bucket and of the AL2023
 * repository bucket in this region, nothing else. Principal "*": CodeArtifact hands Maven presigned
 * asset URLs and dnf reads anonymously, so a principal condition would break both (AWS's example for
 * CodeArtifact's bucket uses "*" too).
 */
export function s3EndpointPolicy(context: AwsContext): PolicyDocument {
    const bucketObjects = (bucket: string) => `arn:${context.partition}:s3:::${bucket}/*`;
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "CodeArtifactAssetsAndAl2023Repositories",
                Effect: "Allow",
                Principal: "*",
                Action: ["s3:GetObject"],
                Resource: [bucketObjects(codeartifactAssetBucket(context.region)), bucketObjects(al2023RepositoryBucket(context.region))],
            },
        ],
    };
}

/**
 * Session Manager's endpoints (ssm, ssmmessages, ec2messages): the agent needs many actions, so the
 * policy scopes by whose credentials they are: this account's principals only.
 */
export function sessionManagerEndpointPolicy(context: AwsContext, service: string): PolicyDocument {
    return { Version: "2012-10-17", Statement: [{ Sid: "ThisAccountOnly", Effect: "Allow", Principal: thisAccount(context), Action: [`${service}:*`], Resource: ["*"] }] };
}
