// Everything a document allows, across services: the Allow statements' actions, expanded service by
// service for each service they name. A statement that cannot be listed that way (Allow with
// NotAction, or a service part that is itself a wildcard: `*`, `*:Put*`, `s?s:*`) allows actions of
// services it never names, and is reported as such instead: expanding it would mean reading the data
// of every AWS service, and the judgement is the same: it reaches everything.
import { ActionInfo, grantsOf, isReadOnly } from "./actions";
import { PolicyDocument, Statement } from "./document";
import { hasWildcard } from "./wildcard";

export interface AllowedActions {
    /** Why the grants span services no statement names, when one does. */
    spansServices?: string;
    /** The actions of the services the statements name, each once. */
    actions: ActionInfo[];
}

const cache = new WeakMap<PolicyDocument, Promise<AllowedActions>>();

export function allowedActions(document: PolicyDocument): Promise<AllowedActions> {
    let result = cache.get(document);
    if (!result) {
        result = computeAllowed(document.statements.filter((s) => s.effect === "Allow"));
        cache.set(document, result);
    }
    return result;
}

async function computeAllowed(grants: Statement[]): Promise<AllowedActions> {
    const result: AllowedActions = { actions: [] };
    for (const statement of grants) {
        if (statement.notActions) {
            result.spansServices ??= `${statement.label} allows every action except ${JSON.stringify(statement.notActions)}`;
            continue;
        }
        const wild = (statement.actions ?? []).find((p) => p === "*" || hasWildcard(p.split(":")[0]));
        if (wild) result.spansServices ??= `${statement.label} allows "${wild}", which spans services`;
    }
    const services = new Set(grants.flatMap((s) => (s.actions ?? []).map((p) => p.split(":")[0].toLowerCase())).filter((s) => !hasWildcard(s)));
    const seen = new Set<string>();
    for (const service of services) {
        for (const { actions } of await grantsOf(grants, service)) {
            for (const action of actions) {
                if (seen.has(action.id)) continue;
                seen.add(action.id);
                result.actions.push(action);
            }
        }
    }
    return result;
}

/** The actions that are not Read or List. */
export function writesAmong(actions: readonly ActionInfo[]): ActionInfo[] {
    return actions.filter((a) => !isReadOnly(a));
}

/** The access levels of actions beyond Read and List, for a message: `Write, Permissions management`. */
export function writeLevels(actions: readonly ActionInfo[]): string {
    return [...new Set(actions.flatMap((a) => a.accessLevels).filter((l) => l !== "Read" && l !== "List"))].join(", ");
}
