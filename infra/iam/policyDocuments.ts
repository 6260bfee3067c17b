// The IAM documents of the stack, built in one place from ARN strings (see arns.ts), so each is a plain,
// known value during preview and no caller hand-writes CodeArtifact IAM JSON.
import { AwsContext } from "../config/awsContext";
import { accountRootArn, domainArn, namespacePackagesArn, repositoryArn } from "./arns";

export interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Principal?: "*" | { AWS?: string[]; Service?: string };
    Action: string[];
    Resource?: string[];
    Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

/** One repository in one domain: what read and publish grants are scoped to. */
export interface RepositoryTarget {
    context: AwsContext;
    domainName: string;
    repositoryName: string;
}

/** Package formats that have namespaces, and so can be scoped to one team's namespace. */
export const NAMESPACED_FORMATS = ["maven", "npm", "generic", "swift"] as const;
export type NamespacedFormat = (typeof NAMESPACED_FORMATS)[number];

/** A namespace a team publishes under, e.g. Maven groupId `com.example`. */
export interface PublisherNamespace {
    format: NamespacedFormat;
    namespace: string;
}

/** Principals outside the account that may read from the store. */
export interface CrossAccountReaders {
    /** Every principal of this AWS Organization (`o-...`). */
    organizationId?: string;
    /** Whole accounts (their root principal: each account decides which of its roles may read). */
    accountIds?: readonly string[];
}

/** Fetching a token is only possible for CodeArtifact: the bearer token is useless elsewhere. */
const CODEARTIFACT_BEARER_TOKEN_CONDITION = { StringEquals: { "sts:AWSServiceName": "codeartifact.amazonaws.com" } };

/** Exactly what reading packages through a repository endpoint needs (aws-facts.md). */
export function readerStatements(target: RepositoryTarget): PolicyStatement[] {
    return [
        {
            Sid: "GetAuthorizationTokenForDomain",
            Effect: "Allow",
            Action: ["codeartifact:GetAuthorizationToken"],
            Resource: [domainArn(target.context, target.domainName)],
        },
        {
            Sid: "ReadFromRepository",
            Effect: "Allow",
            Action: ["codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository"],
            Resource: [repositoryArn(target.context, target.domainName, target.repositoryName)],
        },
        {
            Sid: "GetServiceBearerTokenForCodeArtifact",
            Effect: "Allow",
            Action: ["sts:GetServiceBearerToken"],
            // sts:GetServiceBearerToken takes no resource; the condition is what scopes it.
            Resource: ["*"],
            Condition: CODEARTIFACT_BEARER_TOKEN_CONDITION,
        },
    ];
}

export function readerPolicyDocument(target: RepositoryTarget): PolicyDocument {
    return document(readerStatements(target));
}

/** Reading, plus publishing new versions into the given namespaces of this repository only. */
export function publisherPolicyDocument(target: RepositoryTarget, namespaces: readonly PublisherNamespace[]): PolicyDocument {
    if (namespaces.length === 0) {
        throw new Error("publisherPolicyDocument: at least one namespace is required (an empty grant is a mistake)");
    }
    return document([
        ...readerStatements(target),
        {
            Sid: "PublishToTeamNamespaces",
            Effect: "Allow",
            Action: ["codeartifact:PublishPackageVersion", "codeartifact:PutPackageMetadata"],
            Resource: namespaces.map((ns) =>
                namespacePackagesArn(target.context, target.domainName, target.repositoryName, ns.format, ns.namespace),
            ),
        },
    ]);
}

/** Trust policy letting an AWS service (e.g. `ec2.amazonaws.com`) assume the role. */
export function serviceTrustPolicy(service: string): PolicyDocument {
    return document([{ Effect: "Allow", Principal: { Service: service }, Action: ["sts:AssumeRole"] }]);
}

/** Trust policy letting the given IAM principals (account roots or roles) assume the role. */
export function principalTrustPolicy(principalArns: readonly string[]): PolicyDocument {
    if (principalArns.length === 0) {
        throw new Error("principalTrustPolicy: at least one principal is required");
    }
    return document([{ Effect: "Allow", Principal: { AWS: [...principalArns] }, Action: ["sts:AssumeRole"] }]);
}

/** True when there is anyone outside the account to grant to. */
export function hasCrossAccountReaders(readers: CrossAccountReaders | undefined): boolean {
    return Boolean(readers?.organizationId) || (readers?.accountIds?.length ?? 0) > 0;
}

/** Domain resource policy: cross-account readers may fetch tokens for this domain, nothing else. */
export function crossAccountDomainPolicy(context: AwsContext, domainName: string, readers: CrossAccountReaders): PolicyDocument {
    return crossAccountPolicy(context, readers, "GetAuthorizationToken", ["codeartifact:GetAuthorizationToken"], [
        domainArn(context, domainName),
    ]);
}

/** Repository resource policy: cross-account readers may read packages from it, nothing else. */
export function crossAccountRepositoryPolicy(target: RepositoryTarget, readers: CrossAccountReaders): PolicyDocument {
    return crossAccountPolicy(target.context, readers, "ReadFromRepository", ["codeartifact:ReadFromRepository"], [
        repositoryArn(target.context, target.domainName, target.repositoryName),
    ]);
}

/** The document as IAM and the AWS provider expect it: a JSON string. */
export function policyJson(policy: PolicyDocument): string {
    return JSON.stringify(policy);
}

function crossAccountPolicy(
    context: AwsContext,
    readers: CrossAccountReaders,
    sidSuffix: string,
    actions: string[],
    resources: string[],
): PolicyDocument {
    if (!hasCrossAccountReaders(readers)) {
        throw new Error("cross-account policy requested without any organization or account to grant to");
    }
    const statements: PolicyStatement[] = [];
    if (readers.organizationId) {
        // "*" is only ever paired with the organization condition: never anyone on the internet.
        statements.push({
            Sid: `Organization${sidSuffix}`,
            Effect: "Allow",
            Principal: "*",
            Action: actions,
            Resource: resources,
            Condition: { StringEquals: { "aws:PrincipalOrgID": readers.organizationId } },
        });
    }
    if (readers.accountIds && readers.accountIds.length > 0) {
        statements.push({
            Sid: `Accounts${sidSuffix}`,
            Effect: "Allow",
            Principal: { AWS: readers.accountIds.map((id) => accountRootArn(context.partition, id)) },
            Action: actions,
            Resource: resources,
        });
    }
    return document(statements);
}

function document(statements: PolicyStatement[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}
