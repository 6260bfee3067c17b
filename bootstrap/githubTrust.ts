// Who may become a deploy role: a GitHub Actions job of one repository, running in the GitHub
// environment named after the stack, and nothing else. The job's OIDC token says so in two claims:
// `aud` (sts.amazonaws.com, what aws-actions/configure-aws-credentials asks for) and `sub`
// (`repo:OWNER/REPO:environment:STACK` for a job with `environment: STACK`). A pull request's job has
// no environment: its subject is `repo:OWNER/REPO:pull_request`, which only the read-only preview
// roles trust. (GitHub gives fork pull requests no OIDC token at all.)
import { Document, document } from "./documents";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";

/** The deploy job of a stack: it runs in the GitHub environment named after the stack. */
export function environmentSubject(repository: string, stack: string): string {
    return `repo:${repository}:environment:${stack}`;
}

/** Any pull request's job in the repository (its preview). */
export function pullRequestSubject(repository: string): string {
    return `repo:${repository}:pull_request`;
}

export function githubTrustPolicy(providerArn: string, subject: string): Document {
    return document([
        {
            Sid: "GitHubActionsJob",
            Effect: "Allow",
            Principal: { Federated: providerArn },
            Action: ["sts:AssumeRoleWithWebIdentity"],
            Condition: {
                StringEquals: {
                    [`${GITHUB_OIDC_HOST}:aud`]: "sts.amazonaws.com",
                    [`${GITHUB_OIDC_HOST}:sub`]: subject,
                },
            },
        },
    ]);
}
