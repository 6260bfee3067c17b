// `codeartifact-publish`: what a person or a CI job runs instead of `mvn` to publish. It assumes the
// publisher role with the caller's own credentials, fetches a CodeArtifact token with the role's
// (the same request the build host's `codeartifact-mvn` makes), and runs Maven with the publisher
// settings. The role's credentials go to the token request only and the token to Maven only:
// neither is exported to anything else or written to disk.
import { TOKEN_ENV_VAR, TokenRequest, getAuthorizationTokenCommand } from "./authToken";
import { shellCommand } from "./shell";

/** Where the wrapper looks for the publisher settings unless CODEARTIFACT_PUBLISHER_SETTINGS names a file. */
export const PUBLISHER_SETTINGS_PATH = "$HOME/.m2/codeartifact-publisher-settings.xml";

/** A role session lasts at most an hour unless the role allows more; the token cannot outlive it. */
const MAX_ROLE_SESSION_SECONDS = 3600;

export interface PublishWrapperArgs {
    token: TokenRequest;
    publisherRoleArn: string;
}

export function renderPublishWrapper(args: PublishWrapperArgs): string {
    const seconds = Math.min(args.token.durationSeconds, MAX_ROLE_SESSION_SECONDS);
    const assumeRole = shellCommand([
        "aws", "sts", "assume-role",
        "--role-arn", args.publisherRoleArn,
        "--role-session-name", "codeartifact-publish",
        "--duration-seconds", String(seconds),
        "--region", args.token.region,
        "--query", "Credentials.[AccessKeyId,SecretAccessKey,SessionToken]",
        "--output", "text",
    ]);
    const tokenCommand = getAuthorizationTokenCommand({ ...args.token, durationSeconds: seconds });
    return `#!/bin/bash
# Publishes to AWS CodeArtifact with Maven as ${args.publisherRoleArn}.
# Usage: codeartifact-publish [mvn arguments], e.g. codeartifact-publish -B deploy
set -euo pipefail
settings="\${CODEARTIFACT_PUBLISHER_SETTINGS:-${PUBLISHER_SETTINGS_PATH}}"
if [ ! -f "$settings" ]; then
    echo "codeartifact-publish: no Maven settings at $settings (write the stack output publisherSettingsXml there)" >&2
    exit 1
fi
credentials="$(${assumeRole})"
read -r role_key role_secret role_session <<<"$credentials"
if [ -z "\${role_session:-}" ]; then
    echo "codeartifact-publish: could not assume ${args.publisherRoleArn}" >&2
    exit 1
fi
${TOKEN_ENV_VAR}="$(AWS_ACCESS_KEY_ID="$role_key" AWS_SECRET_ACCESS_KEY="$role_secret" AWS_SESSION_TOKEN="$role_session" ${tokenCommand})"
unset credentials role_key role_secret role_session
if [ -z "$${TOKEN_ENV_VAR}" ]; then
    echo "codeartifact-publish: no authorization token returned" >&2
    exit 1
fi
export ${TOKEN_ENV_VAR}
exec mvn -s "$settings" "$@"
`;
}
