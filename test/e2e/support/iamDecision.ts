// Decides one request as AWS's policy evaluation does for a principal's identity policies in its
// own account: an explicit Deny wins, else an Allow that matches the action, the resource and the
// conditions grants, else the implicit deny. Action patterns expand through the pack's own action
// data (policy-pack/iam/actions.ts), so `codeartifact:Publish*` means what the Service Authorization
// Reference says. Conditions: the string operators (with IfExists); any other operator fails closed
// (an Allow it guards does not apply, a Deny it guards does).
import { statementActions } from "../../../policy-pack/iam/actions";
import { ConditionClause, PolicyDocument, Statement } from "../../../policy-pack/iam/document";
import { matchesWildcard } from "../../../policy-pack/iam/wildcard";

export interface AwsRequest {
    /** `codeartifact:ReadFromRepository` */
    action: string;
    /** The ARN acted on; `*` for actions that take no resource. */
    resource: string;
    /** Condition keys of the request (`sts:AWSServiceName`), compared case-insensitively by key. */
    context?: Record<string, string>;
}

export async function isAllowed(documents: readonly PolicyDocument[], request: AwsRequest): Promise<boolean> {
    const statements = documents.flatMap((d) => d.statements);
    let allowed = false;
    for (const statement of statements) {
        if (!(await statementMatches(statement, request))) continue;
        if (statement.effect === "Deny") {
            if (conditionsHold(statement.conditions, request, true)) return false;
        } else if (conditionsHold(statement.conditions, request, false)) {
            allowed = true;
        }
    }
    return allowed;
}

async function statementMatches(statement: Statement, request: AwsRequest): Promise<boolean> {
    const service = request.action.split(":")[0];
    const actions = await statementActions(statement, service);
    if (!actions.some((a) => a.id.toLowerCase() === request.action.toLowerCase())) return false;
    if (statement.resources) return statement.resources.some((pattern) => matchesWildcard(pattern, request.resource, false));
    return !(statement.notResources ?? []).some((pattern) => matchesWildcard(pattern, request.resource, false));
}

const STRING_OPERATORS: Record<string, (pattern: string, value: string) => boolean> = {
    StringEquals: (p, v) => p === v,
    StringEqualsIgnoreCase: (p, v) => p.toLowerCase() === v.toLowerCase(),
    StringLike: (p, v) => matchesWildcard(p, v, false),
};

/** Whether every clause holds; `unknownHolds` is the answer for an operator this model does not know. */
function conditionsHold(clauses: readonly ConditionClause[], request: AwsRequest, unknownHolds: boolean): boolean {
    const context = new Map(Object.entries(request.context ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    return clauses.every((clause) => {
        const ifExists = clause.operator.endsWith("IfExists");
        const base = ifExists ? clause.operator.slice(0, -"IfExists".length) : clause.operator;
        const negated = base.startsWith("StringNot");
        const compare = STRING_OPERATORS[negated ? base.replace("StringNot", "String") : base];
        if (!compare) return unknownHolds;
        const value = context.get(clause.key.toLowerCase());
        if (value === undefined) return ifExists || negated;
        const matches = clause.values.some((pattern) => compare(pattern, value));
        return negated ? !matches : matches;
    });
}
