// Who may become a deploy role: a GitHub Actions job of one repository, running in the GitHub
// environment named after the stack, and nothing else. The job's OIDC token says so in two claims:
// `aud` (sts.amazonaws.com, what aws-actions/configure-aws-credentials asks for) and `sub`
// (`repo:OWNER/REPO:environment:STACK` for a job with `environment: STACK`). A pull request's job has
// no environment, so its token's subject is `repo:OWNER/REPO:pull_request` and it can assume no role.
import { Document, document } from "./documents";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";

export function githubSubject(repository: string, stack: string): string {
    return `repo:${repository}:environment:${stack}`;
}

export function githubTrustPolicy(providerArn: string, repository: string, stack: string): Document {
    return document([
        {
            Sid: "GitHubActionsInEnvironment",
            Effect: "Allow",
            Principal: { Federated: providerArn },
            Action: ["sts:AssumeRoleWithWebIdentity"],
            Condition: {
                StringEquals: {
                    [`${GITHUB_OIDC_HOST}:aud`]: "sts.amazonaws.com",
                    [`${GITHUB_OIDC_HOST}:sub`]: githubSubject(repository, stack),
                },
            },
        },
    ]);
}
