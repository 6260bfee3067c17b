// First-boot script of the reader host: a JDK and Maven, a build user whose Maven settings point at
// CodeArtifact, and a `codeartifact-mvn` wrapper that fetches a short-lived token through the instance
// role for each run. The token is never written to disk, to user data or to stack state.
import { TOKEN_ENV_VAR, TokenRequest, getAuthorizationTokenCommand } from "./authToken";
import { shellQuote } from "./shell";

/** Where the wrapper is installed; builds run `codeartifact-mvn <goals>` instead of `mvn <goals>`. */
export const TOKEN_WRAPPER_PATH = "/usr/local/bin/codeartifact-mvn";

/**
 * The AL2023 packages the host builds with: the Corretto 17 JDK, and AL2023's Maven bound to it
 * (plain `maven` pulls in whichever JDK AL2023 pairs with it, not necessarily 17).
 */
export const BUILD_PACKAGES: readonly string[] = ["java-17-amazon-corretto-devel", "maven-amazon-corretto17"];

/** How often first boot tries `dnf install`: a mirror can fail for a moment. Waits 10, 20, 30... s between. */
export const DNF_ATTEMPTS = 5;

export interface UserDataArgs {
    /** The rendered settings.xml (see mavenSettings.ts). */
    settingsXml: string;
    /** The domain the wrapper asks a token for. */
    token: TokenRequest;
    /** The unprivileged user builds run as. Default `builder`. */
    buildUser?: string;
}

/**
 * The wrapper script: gets a token, puts it in its own environment only, and replaces itself with
 * mvn, so only that Maven run (and what it starts) holds the token. The token itself stays valid for
 * its full lifetime (`tokenDurationSeconds` from when it was fetched), after the build too: AWS cannot
 * revoke one token. A build that runs longer gets HTTP 401 for every request after expiry.
 */
export function renderTokenWrapper(token: TokenRequest): string {
    return `#!/bin/bash
# Runs Maven against AWS CodeArtifact with a token fetched through the instance role.
set -euo pipefail
${TOKEN_ENV_VAR}="$(${getAuthorizationTokenCommand(token)})"
if [ -z "$${TOKEN_ENV_VAR}" ]; then
    echo "codeartifact-mvn: no authorization token returned" >&2
    exit 1
fi
export ${TOKEN_ENV_VAR}
exec mvn "$@"
`;
}

export function renderUserData(args: UserDataArgs): string {
    const user = args.buildUser ?? "builder";
    if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(user)) {
        throw new Error(`renderUserData: ${JSON.stringify(user)} is not a valid Linux user name`);
    }
    const m2 = `/home/${user}/.m2`;
    const settingsPath = `${m2}/settings.xml`;
    return `#!/bin/bash
# First boot of the CodeArtifact reader host. Its output is in /var/log/cloud-init-output.log and on
# the console (aws ec2 get-console-output).
set -euo pipefail
fail() {
    echo "first boot FAILED: $*; the host has no working codeartifact-mvn (replace the instance to boot again)" >&2
    exit 1
}
trap 'fail "line $LINENO: $BASH_COMMAND exited $?"' ERR

# One failed mirror call must not end the first boot: retry, then fail loudly.
dnf_install() {
    local attempt
    for attempt in $(seq 1 ${DNF_ATTEMPTS}); do
        if dnf install -y "$@"; then return 0; fi
        if [ "$attempt" -lt ${DNF_ATTEMPTS} ]; then
            echo "first boot: dnf install $* failed (attempt $attempt of ${DNF_ATTEMPTS}); retrying in $((attempt * 10)) s" >&2
            sleep $((attempt * 10))
        fi
    done
    fail "dnf install $* failed ${DNF_ATTEMPTS} times"
}
dnf_install ${BUILD_PACKAGES.join(" ")}

id -u ${user} >/dev/null 2>&1 || useradd --create-home --shell /bin/bash ${user}
install -d -m 700 -o ${user} -g ${user} ${m2}

# Quoted heredoc: \${env.${TOKEN_ENV_VAR}} must reach the file literally, for Maven to expand at run time.
(umask 077 && cat > ${shellQuote(settingsPath)}) ${quotedHeredoc("SETTINGS_XML", args.settingsXml)}
chown ${user}:${user} ${shellQuote(settingsPath)}
chmod 600 ${shellQuote(settingsPath)}

cat > ${TOKEN_WRAPPER_PATH} ${quotedHeredoc("CODEARTIFACT_MVN", renderTokenWrapper(args.token))}
chmod 755 ${TOKEN_WRAPPER_PATH}
`;
}

/** `<<'DELIMITER'`, the body verbatim (bash expands nothing in it), and the delimiter line. */
function quotedHeredoc(delimiter: string, body: string): string {
    const lines = body.replace(/\n$/, "").split("\n");
    if (lines.includes(delimiter)) {
        throw new Error(`renderUserData: the embedded text contains the heredoc delimiter line ${delimiter}`);
    }
    return `<<'${delimiter}'\n${lines.join("\n")}\n${delimiter}`;
}
