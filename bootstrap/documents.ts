// The IAM document shape bootstrap writes (conditions may list several values, unlike the stack's own
// documents), and the ARNs of one stack's resources, built from infra/iam/arns.ts so both programs spell
// every address the same way.
import { AwsContext } from "../infra/config/awsContext";
import { domainArn, repositoryArn } from "../infra/iam/arns";

export interface Statement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal?: { Federated: string };
    Action: string[];
    Resource?: string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

export interface Document {
    Version: "2012-10-17";
    Statement: Statement[];
}

export function document(statements: Statement[]): Document {
    return { Version: "2012-10-17", Statement: statements };
}

/** The account and partition bootstrap runs in; each stack adds its own region. */
export interface Account {
    partition: string;
    accountId: string;
}

export function stackContext(account: Account, region: string): AwsContext {
    return { ...account, region };
}

/** The CodeArtifact addresses a stack administers: its domain, its repositories by name, the domain's package groups. */
export function domainScope(context: AwsContext, domainName: string, repositoryNames: readonly string[]) {
    return {
        domain: domainArn(context, domainName),
        repositories: repositoryNames.map((name) => repositoryArn(context, domainName, name)),
        packageGroups: `arn:${context.partition}:codeartifact:${context.region}:${context.accountId}:package-group/${domainName}/*`,
    };
}
