// sts:GetServiceBearerToken takes no resource, so the only thing that keeps it to CodeArtifact is the
// condition `StringEquals sts:AWSServiceName = codeartifact.amazonaws.com`. Without it (or with a
// broader operator, or more services) the identity mints bearer tokens for any service that takes them.
import { Statement } from "./document";

const SERVICE_KEY = "sts:awsservicename";
export const CODEARTIFACT_SERVICE_NAME = "codeartifact.amazonaws.com";

/** Why a statement's condition does not confine the bearer token to CodeArtifact, or undefined when it does. */
export function bearerTokenConditionProblem(statement: Statement): string | undefined {
    // Condition keys compare case-insensitively; operators are written as AWS spells them.
    const clauses = statement.conditions.filter((c) => c.key.toLowerCase() === SERVICE_KEY);
    if (clauses.length === 0) return "without a sts:AWSServiceName condition: it mints bearer tokens for any service";
    const exact = clauses.find((c) => c.operator === "StringEquals");
    if (!exact) {
        return `with ${clauses.map((c) => c.operator).join(", ")} on sts:AWSServiceName; only StringEquals confines it to one service`;
    }
    if (exact.values.length !== 1 || exact.values[0] !== CODEARTIFACT_SERVICE_NAME) {
        return `for sts:AWSServiceName ${JSON.stringify(exact.values)}; it must be exactly "${CODEARTIFACT_SERVICE_NAME}"`;
    }
    return undefined;
}
