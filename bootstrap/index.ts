// bootstrap: run once per AWS account, by an administrator, before the pipeline's first deploy. Creates
// GitHub's OIDC identity provider (or uses the account's existing one) and, for each secure-packages
// stack that deploys into this account, the permissions boundary its roles carry, the deploy role its
// GitHub environment assumes, and the read-only role its pull-request previews assume.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { boundaryPolicyDocument } from "./boundaryPolicy";
import { deployPolicyDocument } from "./deployPolicy";
import { Account } from "./documents";
import { GITHUB_OIDC_HOST, environmentSubject, githubTrustPolicy, pullRequestSubject } from "./githubTrust";
import { previewPolicyDocument } from "./previewPolicy";
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
    const previewRoleArns: Record<string, pulumi.Output<string>> = {};
    for (const stack of facts) {
        const tags = { [STACK_TAG]: stack.stack };
        new aws.iam.Policy(`${stack.stack}-boundary`, {
            name: stack.permissionsBoundaryPolicy,
            description: `Permissions boundary of every role secure-packages stack ${stack.stack} creates`,
            policy: JSON.stringify(boundaryPolicyDocument(account, stack)),
            tags,
        });
        const role = (kind: "deploy" | "preview", subject: string, who: string, policy: string) => {
            const name = `${stack.stack}-${kind}`;
            const created = new aws.iam.Role(name, {
                name: `secure-packages-${name}`,
                description: `GitHub Actions (${repository}, ${who}) ${kind === "deploy" ? "deploys" : "previews"} secure-packages stack ${stack.stack}`,
                assumeRolePolicy: JSON.stringify(githubTrustPolicy(providerArn, subject)),
                maxSessionDuration: 3600,
                tags,
            }, { dependsOn: provider ? [provider] : [] });
            new aws.iam.RolePolicy(name, { name: `${kind}-secure-packages`, role: created.name, policy });
            new aws.iam.RolePoliciesExclusive(`${name}-inline-policies`, { roleName: created.name, policyNames: [`${kind}-secure-packages`] });
            new aws.iam.RolePolicyAttachmentsExclusive(`${name}-managed-policies`, { roleName: created.name, policyArns: [] });
            return created.arn;
        };
        deployRoleArns[stack.stack] = role("deploy", environmentSubject(repository, stack.stack), `environment ${stack.stack}`, JSON.stringify(deployPolicyDocument(account, stack)));
        previewRoleArns[stack.stack] = role("preview", pullRequestSubject(repository), "pull requests", JSON.stringify(await previewPolicyDocument(account, stack)));
    }
    // deployRoleArns: each goes into its GitHub environment's AWS_DEPLOY_ROLE_ARN variable;
    // previewRoleArns: the whole map, as JSON, into the repository variable AWS_PREVIEW_ROLE_ARNS.
    return { githubOidcProviderArn: providerArn, deployRoleArns, previewRoleArns };
};
