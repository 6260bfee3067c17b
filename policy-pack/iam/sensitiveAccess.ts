// Which credentials and data a policy document hands out on every resource: Cloudsplaining's
// "Credentials Exposure" and "Data Exfiltration" findings (the lists in credentialsAndDataActions.ts),
// judged with the same rule as its privilege-escalation methods (allowed on `*`, on NotResource, on a
// pattern reaching any resource of the type such as `arn:aws:s3:::*`, or wildcard-only). s3:GetObject
// on every bucket, every secret, every parameter, or a token or password for any cluster or instance:
// whatever holds it can read what the rest of the account keeps, far beyond its own job.
// Actions other rules already refuse on every resource are left out here, so each grant is reported
// once: codeartifact:GetAuthorizationToken (codeartifact-resources-scoped), sts:AssumeRole (any role,
// iam-no-wildcard-admin) and IAM writes (iam-no-wildcard-admin).
import { PolicyDocument } from "./document";
import { allowedOnEveryResource } from "./privilegeEscalation";
import { actionsThatReturnCredentials, credentialsAndDataSource, readOnlyDataExfiltrationActions } from "./credentialsAndDataActions";

const JUDGED_ELSEWHERE = new Set(["codeartifact:getauthorizationtoken", "sts:assumerole"]);

const credentialIds = new Set(actionsThatReturnCredentials.map((a) => a.toLowerCase()).filter((a) => !JUDGED_ELSEWHERE.has(a) && !a.startsWith("iam:")));
const dataIds = new Set(readOnlyDataExfiltrationActions.map((a) => a.toLowerCase()));
const services = [...new Set([...credentialIds, ...dataIds].map((a) => a.split(":")[0]))];

export interface SensitiveAccess {
    /** Actions returning credentials, allowed on every resource, as the action data spells them. */
    credentials: string[];
    /** Read-only actions returning stored data (objects, parameters, secrets), allowed on every resource. */
    data: string[];
}

const cache = new WeakMap<PolicyDocument, Promise<SensitiveAccess>>();

export function sensitiveAccessOf(document: PolicyDocument): Promise<SensitiveAccess> {
    let result = cache.get(document);
    if (!result) {
        result = allowedOnEveryResource(document.statements, services).then((allowed) => ({
            credentials: [...allowed].filter(([id]) => credentialIds.has(id)).map(([, spelled]) => spelled),
            data: [...allowed].filter(([id]) => dataIds.has(id)).map(([, spelled]) => spelled),
        }));
        cache.set(document, result);
    }
    return result;
}

/** The findings as sentences, empty when there are none. */
export function describeSensitiveAccess(access: SensitiveAccess): string[] {
    const source = `Cloudsplaining's lists, ${credentialsAndDataSource.commit.slice(0, 7)}`;
    const found: string[] = [];
    if (access.credentials.length > 0) found.push(`allows ${access.credentials.join(", ")} on every resource: credentials exposure (${source})`);
    if (access.data.length > 0) found.push(`allows ${access.data.join(", ")} on every resource: data exfiltration: every object, parameter or secret the account keeps (${source})`);
    return found;
}
