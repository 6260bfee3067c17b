// bootstrap: run once per AWS account, by an administrator, before the pipeline's first deploy. Creates
// GitHub's OIDC identity provider (or uses the account's existing one) and, for each secure-packages
// stack that deploys into this account, the permissions boundary its roles carry and the deploy role
// its GitHub environment assumes. Exports each role's ARN: set it as AWS_DEPLOY_ROLE_ARN in the GitHub
// environment of the same name.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { boundaryPolicyDocument } from "./boundaryPolicy";
import { deployPolicyDocument } from "./deployPolicy";
import { Account } from "./documents";
import { GITHUB_OIDC_HOST, githubTrustPolicy } from "./githubTrust";
import { STACK_TAG, StackFacts, readStackFacts } from "./stackFacts";

const REPOSITORY_PATTERN = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export = async () => {
    const config = new pulumi.Config();
    const repository = config.require("githubRepository");
    if (!REPOSITORY_PATTERN.test(repository)) {
        throw new Error(`secure-packages-bootstrap:githubRepository is '${repository}': must be OWNER/REPO, e.g. nextwork/secure-packages`);
    }
    const stacks = config.requireObject<string[]>("stacks");
    if (!Array.isArray(stacks) || stacks.length === 0 || stacks.some((s) => typeof s !== "string")) {
        throw new Error(`secure-packages-bootstrap:stacks is ${JSON.stringify(stacks)}: must list at least one stack name of the secure-packages project (e.g. [dev, prod])`);
    }
    const facts: StackFacts[] = stacks.map((stack) => readStackFacts(stack)); // throws before anything is declared

    const [partition, identity] = await Promise.all([aws.getPartition(), aws.getCallerIdentity()]);
    const account: Account = { partition: partition.partition, accountId: identity.accountId };
    // The provider's ARN is spelled out (it is fixed by the account and the host), so every trust policy
    // is a known value in preview, where the policy pack can judge it.
    const providerArn = `arn:${account.partition}:iam::${account.accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
    const provider = config.getBoolean("createGithubOidcProvider") === false
        ? undefined
        : new aws.iam.OpenIdConnectProvider("github", { url: `https://${GITHUB_OIDC_HOST}`, clientIdLists: ["sts.amazonaws.com"] });

    const deployRoleArns: Record<string, pulumi.Output<string>> = {};
    for (const stack of facts) {
        const tags = { [STACK_TAG]: stack.stack };
        new aws.iam.Policy(`${stack.stack}-boundary`, {
            name: stack.permissionsBoundaryPolicy,
            description: `Permissions boundary of every role secure-packages stack ${stack.stack} creates`,
            policy: JSON.stringify(boundaryPolicyDocument(account, stack)),
            tags,
        });
        const role = new aws.iam.Role(`${stack.stack}-deploy`, {
            name: `secure-packages-${stack.stack}-deploy`,
            description: `GitHub Actions (${repository}, environment ${stack.stack}) deploys secure-packages stack ${stack.stack}`,
            assumeRolePolicy: JSON.stringify(githubTrustPolicy(providerArn, repository, stack.stack)),
            maxSessionDuration: 3600,
            tags,
        }, { dependsOn: provider ? [provider] : [] });
        new aws.iam.RolePolicy(`${stack.stack}-deploy`, {
            name: "deploy-secure-packages",
            role: role.name,
            policy: JSON.stringify(deployPolicyDocument(account, stack)),
        });
        new aws.iam.RolePoliciesExclusive(`${stack.stack}-deploy-inline-policies`, { roleName: role.name, policyNames: ["deploy-secure-packages"] });
        new aws.iam.RolePolicyAttachmentsExclusive(`${stack.stack}-deploy-managed-policies`, { roleName: role.name, policyArns: [] });
        deployRoleArns[stack.stack] = role.arn;
    }
    return { githubOidcProviderArn: provider ? provider.arn : providerArn, deployRoleArns };
};
