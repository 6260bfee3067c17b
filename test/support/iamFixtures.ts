// IAM documents and ARNs the IAM policy tests share: the fixed fake account and the dev stack's
// domain and repository, and the reader statements a build host needs.
import { resourceTypes } from "../../policy-pack/resourceTypes";
import { DOMAIN_ARN, REPOSITORY_ARN } from "./expectedPolicies";
import { ResourceCase } from "./policyHarness";

export { DOMAIN_ARN, REPOSITORY_ARN };
export const ACCOUNT = "123456789012";
export const OTHER_ACCOUNT = "210987654321";
export const PACKAGES_ARN = (format: string, namespace: string, name = "*") =>
    `arn:aws:codeartifact:us-east-1:${ACCOUNT}:package/nextwork/nextwork-packages/${format}/${namespace}/${name}`;
/** The dev stack's package group for an internal namespace (the pattern as the ARN carries it). */
export const PACKAGE_GROUP_ARN = (format: string, namespace: string) =>
    `arn:aws:codeartifact:us-east-1:${ACCOUNT}:package-group/nextwork/${format}/${namespace}/*`;

export type StatementJson = Record<string, unknown>;

export const tokenStatement: StatementJson = { Effect: "Allow", Action: "codeartifact:GetAuthorizationToken", Resource: DOMAIN_ARN };
export const readStatement: StatementJson = {
    Effect: "Allow",
    Action: ["codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository"],
    Resource: REPOSITORY_ARN,
};
export const bearerStatement: StatementJson = {
    Effect: "Allow",
    Action: "sts:GetServiceBearerToken",
    Resource: "*",
    Condition: { StringEquals: { "sts:AWSServiceName": "codeartifact.amazonaws.com" } },
};

export const readerStatements: StatementJson[] = [tokenStatement, readStatement, bearerStatement];

export function document(...statements: StatementJson[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export const readerDocument = document(...readerStatements);

export function publishStatement(...resources: string[]): StatementJson {
    return { Effect: "Allow", Action: ["codeartifact:PublishPackageVersion", "codeartifact:PutPackageMetadata"], Resource: resources };
}

/** An inline role policy (`aws.iam.RolePolicy`) attached to the role named `role`. */
export function rolePolicy(policy: unknown, role: unknown = "reader-role"): ResourceCase {
    return { type: resourceTypes.rolePolicy, name: "reader-policy", props: { role, policy } };
}
