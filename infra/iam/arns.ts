// The one place CodeArtifact and IAM addresses are spelled out. Every policy document, endpoint and
// output builds its ARNs here, from validated names and the resolved AwsContext (never from resource
// outputs), so they are known during preview and cannot drift apart.
import { AwsContext } from "../config/awsContext";

/** `arn:PARTITION:codeartifact:REGION:ACCOUNT:domain/DOMAIN` */
export function domainArn(context: AwsContext, domainName: string): string {
    return `${codeArtifactArnPrefix(context)}:domain/${domainName}`;
}

/** `arn:PARTITION:codeartifact:REGION:ACCOUNT:repository/DOMAIN/REPOSITORY` */
export function repositoryArn(context: AwsContext, domainName: string, repositoryName: string): string {
    return `${codeArtifactArnPrefix(context)}:repository/${domainName}/${repositoryName}`;
}

/**
 * Every package of one namespace in one repository:
 * `arn:PARTITION:codeartifact:REGION:ACCOUNT:package/DOMAIN/REPOSITORY/FORMAT/NAMESPACE/*`.
 * (For Maven the namespace is the groupId; `*` is the package name, so sub-groups such as
 * `com.example.tools` are NOT included by `com.example`.)
 */
export function namespacePackagesArn(
    context: AwsContext,
    domainName: string,
    repositoryName: string,
    format: string,
    namespace: string,
): string {
    return `${codeArtifactArnPrefix(context)}:package/${domainName}/${repositoryName}/${format}/${namespace}/*`;
}

/** An account's root principal, `arn:PARTITION:iam::ACCOUNT:root` (i.e. whoever that account allows). */
export function accountRootArn(partition: string, accountId: string): string {
    return `arn:${partition}:iam::${accountId}:root`;
}

/** A customer managed policy of this account, `arn:PARTITION:iam::ACCOUNT:policy/NAME`. */
export function customerPolicyArn(partition: string, accountId: string, policyName: string): string {
    return `arn:${partition}:iam::${accountId}:policy/${policyName}`;
}

/** A role of the account, `arn:PARTITION:iam::ACCOUNT:role/NAME` (a role created without a path). */
export function roleArn(partition: string, accountId: string, roleName: string): string {
    return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** An AWS managed policy, e.g. `arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore`. */
export function awsManagedPolicyArn(partition: string, policyName: string): string {
    return `arn:${partition}:iam::aws:policy/${policyName}`;
}

/** A repository's endpoint for one package format (what Maven, npm or pip are pointed at). */
export function repositoryEndpointUrl(
    context: AwsContext,
    domainName: string,
    repositoryName: string,
    format: string,
): string {
    // The domain owner is the account the stack deploys into; it is part of the DNS name.
    return `https://${domainName}-${context.accountId}.d.codeartifact.${context.region}.amazonaws.com/${format}/${repositoryName}/`;
}

function codeArtifactArnPrefix(context: AwsContext): string {
    return `arn:${context.partition}:codeartifact:${context.region}:${context.accountId}`;
}
