// How far a statement's Resource patterns reach, tested by matching ARNs no one would write
// (`zz-...-probe`): a pattern that matches the probe matches any resource of that kind.
import { Statement } from "./document";
import { hasWildcard, matchesWildcard } from "./wildcard";

/** A Resource pattern that matches ARNs of unrelated services alike: `*`, `arn:*`, `arn:aws:*:*:*:*`. */
export function coversEverything(resource: string): boolean {
    return matchesWildcard(resource, "arn:aws:s3:::zz-probe-bucket", false) && matchesWildcard(resource, "arn:aws:iam::111111111111:role/zz-probe-role", false);
}

/**
 * Whether the statement's resources cover a role of any name: `*`, `role/*`, `role*`, `arn:*`...
 * Tested by matching a role name no one would write, in the pattern's own partition and account.
 */
export function reachesAnyRole(statement: Statement): boolean {
    if (statement.notResources) return true;
    return (statement.resources ?? []).some((r) => {
        const [, partition = "aws", , , account = ""] = r.split(":");
        const probe = `arn:${hasWildcard(partition) ? "aws" : partition}:iam::${/^\d{12}$/.test(account) ? account : "111111111111"}:role/zz-any-role-probe`;
        return matchesWildcard(r, probe, false);
    });
}
