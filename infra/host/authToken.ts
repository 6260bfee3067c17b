// How a caller gets a CodeArtifact token: through its own role's short-lived credentials, at the
// moment it needs one. The program never calls GetAuthorizationToken itself (a token in stack state
// would be a long-lived secret at rest); it only tells hosts and people how to ask for one.
import { shellCommand } from "./shell";

/** The variable the Maven settings read the token from (`${env.CODEARTIFACT_AUTH_TOKEN}`). */
export const TOKEN_ENV_VAR = "CODEARTIFACT_AUTH_TOKEN";

/** Which domain to ask a token for, and for how long it should live. */
export interface TokenRequest {
    domainName: string;
    /** The 12-digit account that owns the domain. */
    domainOwner: string;
    region: string;
    /**
     * 900..43200: how long the token is valid from the moment it is fetched, whether or not the build
     * that fetched it is still running. Shorter limits what a leaked token is worth; it must exceed the
     * longest build, since Maven reads the token once and requests after expiry get HTTP 401.
     */
    durationSeconds: number;
}

/** `aws codeartifact get-authorization-token ...`, printing only the token. */
export function getAuthorizationTokenCommand(request: TokenRequest): string {
    return shellCommand([
        "aws", "codeartifact", "get-authorization-token",
        "--domain", request.domainName,
        "--domain-owner", request.domainOwner,
        "--region", request.region,
        "--duration-seconds", String(request.durationSeconds),
        "--query", "authorizationToken",
        "--output", "text",
    ]);
}

/** The line a person pastes to put a token in their shell's environment. */
export function exportTokenCommand(request: TokenRequest): string {
    return `export ${TOKEN_ENV_VAR}=$(${getAuthorizationTokenCommand(request)})`;
}
