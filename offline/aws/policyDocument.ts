// `aws.iam.getPolicyDocument`, computed here exactly as the AWS provider computes it: the invoke is a
// pure function (terraform-provider-aws internal/service/iam/policy_document_data_source.go and
// policy_model.go, the SDKv2 data source behind @pulumi/aws 7.x). Rules reproduced:
// - actions, notActions, resources, notResources and principal identifiers are Terraform sets:
//   duplicates collapse; one element renders as a string, several as a list sorted in REVERSE
//   lexical order (policyDecodeConfigStrings);
// - statements keep their order; fields render in the struct's order (Sid, Effect, Action,
//   NotAction, Resource, NotResource, Principal, NotPrincipal, Condition); empty ones are omitted,
//   Sid too (omitempty since provider v5); Effect defaults to "Allow", Version to "2012-10-17";
// - principals become {"TYPE": id | [ids]} with types sorted (a Go map), blocks of one type merged;
//   the single block {type "*", identifiers ["*"]} renders as "*";
// - conditions become {"Test": {"variable": value | [values]}} with both levels sorted, values in
//   the given order (a list, not a set), one value rendered as a string;
// - `&{` becomes `${` in resources, principals and condition values (2012-10-17);
// - source documents are merged first, then this document, then override documents, statements
//   with the same Sid replacing earlier ones (IAMPolicyDoc.Merge);
// - `json` is Go's json.MarshalIndent with two spaces, `minifiedJson` json.Marshal, both with Go's
//   HTML-safe escaping of <, > and &; `id` is the CRC-32 of `json`.
// Known gap: when two principal (or condition) blocks share a type, Terraform merges them in its
// set-hash order; this merges them in program order.
import { compareStrings, crc32, goJson, sortedObject } from "./goEncoding";
import type { WireInputs } from "./resourceModel";

export interface PolicyDocumentArgs {
    statements?: StatementArgs[];
    version?: string;
    policyId?: string;
    sourcePolicyDocuments?: string[];
    overridePolicyDocuments?: string[];
    sourceJson?: string;
    overrideJson?: string;
}

interface StatementArgs {
    sid?: string;
    effect?: string;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principals?: { type: string; identifiers: string[] }[];
    notPrincipals?: { type: string; identifiers: string[] }[];
    conditions?: { test: string; variable: string; values: string[] }[];
}

type Strings = string | string[];

interface Statement {
    Sid?: string;
    Effect?: string;
    Action?: Strings;
    NotAction?: Strings;
    Resource?: Strings;
    NotResource?: Strings;
    Principal?: Principal[];
    NotPrincipal?: Principal[];
    Condition?: Condition[];
}

interface Principal {
    type: string;
    identifiers: Strings;
}

interface Condition {
    test: string;
    variable: string;
    values: Strings;
}

interface Doc {
    Version?: string;
    Id?: string;
    Statement: Statement[];
}

export interface PolicyDocumentResult {
    json: string;
    minifiedJson: string;
    id: string;
}

/** The invoke's answer. Throws the provider's errors (duplicate Sid, invalid effect, ...). */
export function renderPolicyDocument(args: PolicyDocumentArgs): PolicyDocumentResult {
    for (const deprecated of ["sourceJson", "overrideJson"] as const) {
        if (args[deprecated]) throw new Error(`${deprecated} is deprecated and must be empty: use ${deprecated === "sourceJson" ? "sourcePolicyDocuments" : "overridePolicyDocuments"}`);
    }
    const merged: Doc = { Statement: [] };
    const seenSids = new Set<string>();
    (args.sourcePolicyDocuments ?? []).forEach((source, index) => {
        const doc = parseDocument(source, `source document ${index}`);
        doc.Statement.forEach((statement, position) => {
            if (!statement.Sid) return;
            if (seenSids.has(statement.Sid)) {
                throw new Error(`merging source document ${index}: duplicate Sid (${statement.Sid}) in source_policy_documents (statement ${position}). Remove the Sid or ensure Sids are unique.`);
            }
            seenSids.add(statement.Sid);
        });
        merge(merged, doc);
    });

    const version = args.version ?? "2012-10-17";
    if (version !== "2012-10-17" && version !== "2008-10-17") throw new Error(`expected version to be one of ["2008-10-17" "2012-10-17"], got ${version}`);
    const doc: Doc = { Version: version, Statement: [] };
    if (args.policyId) doc.Id = args.policyId;
    const sids = new Set<string>();
    for (const s of args.statements ?? []) {
        const effect = s.effect ?? "Allow";
        if (effect !== "Allow" && effect !== "Deny") throw new Error(`expected statement effect to be one of ["Allow" "Deny"], got ${effect}`);
        const statement: Statement = { Effect: effect };
        if (s.sid !== undefined) {
            if (!/^[a-zA-Z0-9]*$/.test(s.sid)) throw new Error(`invalid value for statement sid (must only include alphanumeric characters): ${s.sid}`);
            if (sids.has(s.sid)) throw new Error(`duplicate Sid (${s.sid}). Remove the Sid or ensure the Sid is unique.`);
            if (s.sid) sids.add(s.sid);
            statement.Sid = s.sid;
        }
        setIfAny(statement, "Action", decodeSet(s.actions));
        setIfAny(statement, "NotAction", decodeSet(s.notActions));
        setIfAny(statement, "Resource", replaceVars(decodeSet(s.resources), version));
        setIfAny(statement, "NotResource", replaceVars(decodeSet(s.notResources), version));
        if (s.principals?.length) statement.Principal = makePrincipals(s.principals, version);
        if (s.notPrincipals?.length) statement.NotPrincipal = makePrincipals(s.notPrincipals, version);
        if (s.conditions?.length) statement.Condition = makeConditions(s.conditions, version);
        doc.Statement.push(statement);
    }
    merge(merged, doc);
    (args.overridePolicyDocuments ?? []).forEach((override, index) => merge(merged, parseDocument(override, `override document ${index}`)));

    const json = goJson(JSON.stringify(toJson(merged), null, 2));
    return { json, minifiedJson: goJson(JSON.stringify(toJson(merged))), id: String(crc32(json)) };
}

function setIfAny(statement: Statement, key: "Action" | "NotAction" | "Resource" | "NotResource", value: Strings | undefined): void {
    if (value !== undefined) statement[key] = value;
}

/** A Terraform set of strings: unique; one renders as a string, several reverse-sorted. */
function decodeSet(values: string[] | undefined): Strings | undefined {
    const unique = [...new Set(values ?? [])];
    if (unique.length === 0) return undefined;
    if (unique.length === 1) return unique[0];
    return unique.sort(compareStrings).reverse();
}

function replaceVars<T extends Strings | undefined>(value: T, version: string): T {
    const replace = (s: string) => {
        if (version === "2008-10-17" && s.includes("&{")) throw new Error(`found &{ sequence in (${s}), which is not supported in document version 2008-10-17`);
        return s.split("&{").join("${");
    };
    if (value === undefined) return value;
    return (typeof value === "string" ? replace(value) : (value as string[]).map(replace)) as T;
}

function makePrincipals(blocks: { type: string; identifiers: string[] }[], version: string): Principal[] {
    const unique = uniqueBy(blocks, (b) => JSON.stringify([b.type, [...new Set(b.identifiers)].sort(compareStrings)]));
    return unique.map((b) => ({ type: b.type, identifiers: replaceVars(decodeSet(b.identifiers) ?? [], version) }));
}

function makeConditions(blocks: { test: string; variable: string; values: string[] }[], version: string): Condition[] {
    const unique = uniqueBy(blocks, (b) => JSON.stringify([b.test, b.variable, b.values]));
    return unique.map((b) => {
        const values = replaceVars([...(b.values ?? [])], version);
        return { test: b.test, variable: b.variable, values: values.length === 1 ? values[0] : values };
    });
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
    const seen = new Set<string>();
    return items.filter((item) => {
        const k = key(item);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
    });
}

/** IAMPolicyDoc.Merge: Id and a higher Version win; a statement with a known Sid replaces it. */
function merge(into: Doc, doc: Doc): void {
    if (doc.Id) into.Id = doc.Id;
    if ((doc.Version ?? "") > (into.Version ?? "")) into.Version = doc.Version;
    for (const statement of doc.Statement) {
        const existing = statement.Sid ? into.Statement.findIndex((s) => s.Sid === statement.Sid) : -1;
        if (existing >= 0) into.Statement[existing] = statement;
        else into.Statement.push(statement);
    }
}

/** Reads a source or override document the way the provider unmarshals it into its model. */
function parseDocument(json: string, what: string): Doc {
    let raw: WireInputs | undefined;
    try {
        raw = JSON.parse(json);
    } catch (e) {
        throw new Error(`writing IAM Policy Document: merging ${what}: ${(e as Error).message}`, { cause: e });
    }
    const statements: WireInputs[] = raw?.Statement === undefined || raw?.Statement === null ? [] : Array.isArray(raw.Statement) ? raw.Statement : [raw.Statement];
    const doc: Doc = { Statement: [] };
    if (typeof raw?.Version === "string") doc.Version = raw.Version;
    if (typeof raw?.Id === "string") doc.Id = raw.Id;
    for (const s of statements) {
        const statement: Statement = {};
        if (s.Sid) statement.Sid = String(s.Sid);
        if (s.Effect) statement.Effect = String(s.Effect);
        for (const key of ["Action", "NotAction", "Resource", "NotResource"] as const) {
            if (s[key] !== undefined && s[key] !== null && !(Array.isArray(s[key]) && s[key].length === 0)) statement[key] = s[key];
        }
        for (const key of ["Principal", "NotPrincipal"] as const) {
            if (s[key] === undefined || s[key] === null) continue;
            statement[key] = typeof s[key] === "string"
                ? [{ type: "*", identifiers: ["*"] }]
                : Object.entries(s[key] as Record<string, Strings>).map(([type, ids]) => ({ type, identifiers: Array.isArray(ids) ? [...ids].sort(compareStrings) : ids }));
        }
        if (s.Condition) {
            statement.Condition = [];
            for (const [test, variables] of Object.entries(s.Condition as Record<string, Record<string, unknown>>)) {
                for (const [variable, values] of Object.entries(variables)) {
                    statement.Condition.push({ test, variable, values: Array.isArray(values) ? values.map(String) : [String(values)] });
                }
            }
        }
        doc.Statement.push(statement);
    }
    return doc;
}

function toJson(doc: Doc): unknown {
    const out: Record<string, unknown> = {};
    if (doc.Version) out.Version = doc.Version;
    if (doc.Id) out.Id = doc.Id;
    if (doc.Statement.length > 0) out.Statement = doc.Statement.map(statementJson);
    return out;
}

function statementJson(s: Statement): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (s.Sid) out.Sid = s.Sid;
    if (s.Effect) out.Effect = s.Effect;
    for (const key of ["Action", "NotAction", "Resource", "NotResource"] as const) if (s[key] !== undefined) out[key] = s[key];
    if (s.Principal?.length) out.Principal = principalsJson(s.Principal);
    if (s.NotPrincipal?.length) out.NotPrincipal = principalsJson(s.NotPrincipal);
    if (s.Condition?.length) out.Condition = conditionsJson(s.Condition);
    return out;
}

/** iamPolicyStatementPrincipalSet.MarshalJSON. */
function principalsJson(principals: Principal[]): unknown {
    if (principals.length === 1 && principals[0].type === "*") {
        const ids = principals[0].identifiers;
        if (ids === "*" || (Array.isArray(ids) && ids.length === 1 && ids[0] === "*")) return "*";
    }
    const raw: Record<string, Strings> = {};
    for (const p of principals) {
        const current = raw[p.type];
        if (Array.isArray(p.identifiers)) {
            const ids = [...p.identifiers].sort(compareStrings).reverse();
            raw[p.type] = current === undefined ? ids : [...(typeof current === "string" ? [current] : current), ...ids];
        } else {
            raw[p.type] = current === undefined ? p.identifiers : [...(typeof current === "string" ? [current] : current), p.identifiers];
        }
    }
    return sortedObject(raw);
}

/** iamPolicyStatementConditionSet.MarshalJSON: values gathered per test and variable, one flattened. */
function conditionsJson(conditions: Condition[]): unknown {
    const raw: Record<string, Record<string, string[]>> = {};
    for (const c of conditions) {
        raw[c.test] ??= {};
        raw[c.test][c.variable] = [...(raw[c.test][c.variable] ?? []), ...(typeof c.values === "string" ? [c.values] : c.values)];
    }
    const out: Record<string, unknown> = {};
    for (const test of Object.keys(raw).sort(compareStrings)) {
        out[test] = sortedObject(Object.fromEntries(Object.entries(raw[test]).map(([v, values]) => [v, values.length === 1 ? values[0] : values])));
    }
    return out;
}
