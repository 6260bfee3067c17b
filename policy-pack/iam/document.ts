// The one reader of IAM policy documents. Every IAM policy of the pack reads documents through it,
// into the same normal form: statements with an effect, action and resource patterns as lists,
// principals and conditions. No policy parses JSON or walks statements on its own.
//
// A document arrives as a JSON string, as an object, or (during preview) as an unknown value. The
// unknown case needs nothing here: the props are wrapped in @pulumi/policy's unknown-checking proxy,
// so touching an unknown value throws UnknownValueError with its path, which the engine reports as
// "can't run policy ... during preview". That error is never caught on its way out.

export type Effect = "Allow" | "Deny";

export interface Principals {
    /** `Principal: "*"` or `{"AWS": "*"}`: anyone, in any account. */
    anyone: boolean;
    aws: string[];
    service: string[];
    federated: string[];
    canonicalUser: string[];
}

export interface ConditionClause {
    /** As written, e.g. `StringEquals`, `ForAnyValue:StringLike`, `StringEqualsIfExists`. */
    operator: string;
    /** As written, e.g. `sts:AWSServiceName`; condition keys compare case-insensitively. */
    key: string;
    values: string[];
}

export interface Statement {
    /** Where the statement sits, for messages: `statement 2 (Sid "ReadPackages")`. */
    label: string;
    sid?: string;
    effect: Effect;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principal?: Principals;
    notPrincipal?: Principals;
    conditions: ConditionClause[];
}

export interface PolicyDocument {
    statements: Statement[];
}

/** A document that is not a readable IAM policy. AWS would refuse it too; the pack says why. */
export class PolicyDocumentError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PolicyDocumentError";
    }
}

export function readPolicyDocument(value: unknown): PolicyDocument {
    let document = value;
    if (typeof document === "string") {
        try {
            document = JSON.parse(document);
        } catch (e) {
            throw new PolicyDocumentError(`not valid JSON (${(e as Error).message})`);
        }
    }
    if (!isObject(document)) {
        throw new PolicyDocumentError(`expected a JSON object or string, got ${describe(document)}`);
    }
    const statement = document["Statement"];
    if (statement === undefined) throw new PolicyDocumentError(`it has no "Statement"`);
    const statements = Array.isArray(statement) ? statement : [statement];
    return { statements: statements.map((s, i) => readStatement(s, i + 1)) };
}

function readStatement(value: unknown, position: number): Statement {
    if (!isObject(value)) throw new PolicyDocumentError(`statement ${position} is ${describe(value)}, not an object`);
    const sid = value["Sid"] === undefined ? undefined : String(value["Sid"]);
    const label = sid ? `statement ${position} (Sid "${sid}")` : `statement ${position}`;
    const effect = value["Effect"];
    if (typeof effect !== "string" || !/^(allow|deny)$/i.test(effect)) {
        throw new PolicyDocumentError(`${label} has Effect ${describe(effect)}; expected "Allow" or "Deny"`);
    }
    const statement: Statement = {
        label,
        effect: effect.toLowerCase() === "deny" ? "Deny" : "Allow",
        conditions: readConditions(value["Condition"], label),
    };
    if (sid !== undefined) statement.sid = sid;
    for (const [field, key] of [
        ["Action", "actions"],
        ["NotAction", "notActions"],
        ["Resource", "resources"],
        ["NotResource", "notResources"],
    ] as const) {
        // Surrounding white space is dropped: a pattern must not dodge the matching by a stray space.
        if (value[field] !== undefined) statement[key] = readStrings(value[field], `${label} ${field}`).map((p) => p.trim());
    }
    if (value["Principal"] !== undefined) statement.principal = readPrincipals(value["Principal"], `${label} Principal`);
    if (value["NotPrincipal"] !== undefined) statement.notPrincipal = readPrincipals(value["NotPrincipal"], `${label} NotPrincipal`);
    if (!statement.actions && !statement.notActions) {
        throw new PolicyDocumentError(`${label} has neither Action nor NotAction`);
    }
    return statement;
}

function readStrings(value: unknown, where: string): string[] {
    const list = Array.isArray(value) ? value : [value];
    return list.map((item) => {
        if (typeof item !== "string") throw new PolicyDocumentError(`${where} holds ${describe(item)}; expected strings`);
        return item;
    });
}

function readPrincipals(value: unknown, where: string): Principals {
    const principals: Principals = { anyone: false, aws: [], service: [], federated: [], canonicalUser: [] };
    if (value === "*") {
        principals.anyone = true;
        return principals;
    }
    if (!isObject(value)) throw new PolicyDocumentError(`${where} is ${describe(value)}; expected "*" or an object`);
    for (const [kind, ids] of Object.entries(value)) {
        const list = readStrings(ids, `${where}.${kind}`);
        switch (kind) {
            case "AWS":
                principals.aws.push(...list);
                if (list.includes("*")) principals.anyone = true;
                break;
            case "Service":
                principals.service.push(...list);
                break;
            case "Federated":
                principals.federated.push(...list);
                break;
            case "CanonicalUser":
                principals.canonicalUser.push(...list);
                break;
            default:
                throw new PolicyDocumentError(`${where} has an unknown principal type "${kind}"`);
        }
    }
    return principals;
}

function readConditions(value: unknown, label: string): ConditionClause[] {
    if (value === undefined) return [];
    if (!isObject(value)) throw new PolicyDocumentError(`${label} Condition is ${describe(value)}, not an object`);
    const clauses: ConditionClause[] = [];
    for (const [operator, block] of Object.entries(value)) {
        if (!isObject(block)) throw new PolicyDocumentError(`${label} Condition.${operator} is ${describe(block)}, not an object`);
        for (const [key, values] of Object.entries(block)) {
            const list = Array.isArray(values) ? values : [values];
            clauses.push({
                operator,
                key,
                values: list.map((v) => {
                    if (v === null || typeof v === "object") {
                        throw new PolicyDocumentError(`${label} Condition.${operator}.${key} holds ${describe(v)}`);
                    }
                    return String(v);
                }),
            });
        }
    }
    return clauses;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

function describe(value: unknown): string {
    if (value === undefined) return "nothing";
    if (Array.isArray(value)) return "a list";
    return JSON.stringify(value) ?? String(value);
}
