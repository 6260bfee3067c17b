// The documents the dev stack must produce, written out by hand from aws-facts.md (not built with
// the code under test, so a mistake in the builders cannot hide in the expectation).

export const DOMAIN_ARN = "arn:aws:codeartifact:us-east-1:123456789012:domain/nextwork";
export const REPOSITORY_ARN = "arn:aws:codeartifact:us-east-1:123456789012:repository/nextwork/nextwork-packages";

/** The reader statements exactly as aws-facts.md lists them. */
export const EXPECTED_READER_STATEMENTS = [
    { Sid: "GetAuthorizationTokenForDomain", Effect: "Allow", Action: ["codeartifact:GetAuthorizationToken"], Resource: [DOMAIN_ARN] },
    {
        Sid: "ReadFromRepository",
        Effect: "Allow",
        Action: ["codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository"],
        Resource: [REPOSITORY_ARN],
    },
    {
        Sid: "GetServiceBearerTokenForCodeArtifact",
        Effect: "Allow",
        Action: ["sts:GetServiceBearerToken"],
        Resource: ["*"],
        Condition: { StringEquals: { "sts:AWSServiceName": "codeartifact.amazonaws.com" } },
    },
];
