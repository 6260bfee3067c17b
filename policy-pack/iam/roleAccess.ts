// What reaches a role, seen across the whole stack: the role's own inline and managed policies,
// aws.iam.RolePolicy, aws.iam.RolePolicyAttachment and aws.iam.PolicyAttachment, with the documents
// of stack-managed aws.iam.Policy resources and of AWS managed policies. And which role an EC2
// instance runs as, through its instance profile.
//
// Links are followed through property dependencies first (`role: role.name` records the Role as a
// dependency of `role`): they exist in preview, when the linked values (names, ids, ARNs) are still
// unknown. Only when a property has no such link (a literal name, a resource outside the stack) is
// its value read and matched against the stack's resources.
import { PolicyResource, UnknownValueError } from "@pulumi/policy";
import { asList, knownListItems } from "../resourceProps";
import { resourceTypes } from "../resourceTypes";
import { awsManagedPolicyDocument, awsManagedPolicyName } from "./awsManagedPolicies";
import { PolicyDocument, PolicyDocumentError, readPolicyDocument } from "./document";

/** A document that reaches a role, or the reason the pack cannot see one that does. */
export interface RoleGrant {
    /** Where it comes from, for messages: `aws.iam.RolePolicy "reader-policy"`. */
    source: string;
    document?: PolicyDocument;
    unseen?: string;
    /** The AWS managed policy's name, when the document is one. */
    awsManagedPolicy?: string;
}

export interface RoleAccess {
    grants: RoleGrant[];
    /** Properties of the role that were unknown (preview): their contents are judged per resource. */
    unknownProperties: string[];
}

/** How a resource reaches a role: an inline policy, one managed policy ARN, or an exclusive ARN list. */
type AttachmentKind = "policy" | "attachment" | "exclusive-attachments";

/** The resources linked through `property`, of one of `types`. */
function linked(resource: PolicyResource, property: string, types: readonly string[]): PolicyResource[] {
    return (resource.propertyDependencies[property] ?? []).filter((r) => types.includes(r.type));
}

/** Reads a property; undefined when it is unknown (in preview). */
function knownValue(resource: PolicyResource, property: string): unknown {
    try {
        return resource.props[property];
    } catch (e) {
        if (e instanceof UnknownValueError) return undefined;
        throw e;
    }
}

/**
 * The stack's resources, indexed once per stack analysis: by the known name, id and ARN of each
 * (for links written as literal values), and each role with what attaches to it. A lookup is then a
 * map read, and judging N instances costs time linear in the stack, not quadratic.
 */
export class StackIndex {
    private readonly byTypedValue = new Map<string, PolicyResource[]>();
    private readonly attachedTo = new Map<PolicyResource, { holder: PolicyResource; kind: AttachmentKind }[]>();
    /**
     * Attachments whose role could not be told in preview (an unknown value with no dependency link):
     * any of them may reach any role, so no role can be judged complete while there are some.
     */
    readonly unresolved: UnknownValueError[] = [];

    constructor(readonly resources: readonly PolicyResource[]) {
        for (const r of resources) {
            for (const field of ["name", "id", "arn"]) {
                const value = knownValue(r, field);
                if (typeof value !== "string") continue;
                const key = `${r.type}|${value}`;
                const list = this.byTypedValue.get(key) ?? [];
                if (!list.includes(r)) list.push(r);
                this.byTypedValue.set(key, list);
            }
        }
        for (const r of resources) {
            const attach = (property: string, kind: AttachmentKind) => {
                let roles: PolicyResource[];
                try {
                    roles = this.pointsTo(r, property, resourceTypes.role);
                } catch (e) {
                    if (!(e instanceof UnknownValueError)) throw e;
                    this.unresolved.push(e);
                    return;
                }
                for (const role of roles) {
                    const list = this.attachedTo.get(role) ?? [];
                    list.push({ holder: r, kind });
                    this.attachedTo.set(role, list);
                }
            };
            if (r.type === resourceTypes.rolePolicy) attach("role", "policy");
            else if (r.type === resourceTypes.rolePolicyAttachment) attach("role", "attachment");
            else if (r.type === resourceTypes.policyAttachment) attach("roles", "attachment");
            else if (r.type === resourceTypes.rolePolicyAttachmentsExclusive) attach("roleName", "exclusive-attachments");
        }
    }

    /** The stack resources of a type whose name, id or ARN equals a value (a role name, a policy ARN). */
    byValue(type: string, value: unknown): PolicyResource[] {
        return typeof value === "string" ? this.byTypedValue.get(`${type}|${value}`) ?? [] : [];
    }

    /** The resources a property points to: by dependency when recorded, else by its value. */
    pointsTo(resource: PolicyResource, property: string, type: string): PolicyResource[] {
        const links = linked(resource, property, [type]);
        if (links.length > 0) return links;
        const value = resource.props[property];
        const values: unknown[] = Array.isArray(value) ? value : [value];
        return values.flatMap((v) => this.byValue(type, v));
    }

    /** The RolePolicy, RolePolicyAttachment and PolicyAttachment resources that reach a role. */
    attachmentsOf(role: PolicyResource): { holder: PolicyResource; kind: AttachmentKind }[] {
        return this.attachedTo.get(role) ?? [];
    }
}

function label(resource: PolicyResource): string {
    return `${resource.type.split(":").pop()} "${resource.name}"`;
}

/** The roles an instance runs as, or why they cannot be seen. */
export function instanceRoles(instance: PolicyResource, index: StackIndex): PolicyResource[] | string {
    const profiles = index.pointsTo(instance, "iamInstanceProfile", resourceTypes.instanceProfile);
    if (profiles.length === 0) {
        return `its instance profile ${JSON.stringify(instance.props["iamInstanceProfile"])} is not a resource of this stack, so the pack cannot see its role`;
    }
    const roles = profiles.flatMap((profile) => index.pointsTo(profile, "role", resourceTypes.role));
    if (roles.length === 0) return `its instance profile ${label(profiles[0])} has no role from this stack`;
    return roles;
}

/** Everything that grants the role permissions. */
export function roleAccess(role: PolicyResource, index: StackIndex): RoleAccess {
    const access: RoleAccess = { grants: [], unknownProperties: [] };
    const inline = ownList(role, "inlinePolicies", access);
    inline.forEach((entry, i) => access.grants.push(documentGrant(`${label(role)} inlinePolicies[${i}]`, (entry as Record<string, unknown> | null | undefined)?.["policy"])));
    const managed = knownListItems(role.props, "managedPolicyArns");
    if (managed.unknown > 0 && managed.known.length === 0 && linked(role, "managedPolicyArns", [resourceTypes.iamPolicy]).length === 0) {
        // The provider's read-back of a role that sets none: unknown in preview, judged per resource.
        access.unknownProperties.push("managedPolicyArns");
    } else {
        access.grants.push(...managedListGrants(role, "managedPolicyArns", index));
    }
    for (const { holder, kind } of index.attachmentsOf(role)) {
        if (kind === "policy") {
            access.grants.push(documentGrant(label(holder), holder.props["policy"]));
        } else if (kind === "attachment") {
            access.grants.push(...managedPolicyGrants(holder, "policyArn", index, () => holder.props["policyArn"]));
        } else {
            access.grants.push(...managedListGrants(holder, "policyArns", index));
        }
    }
    return access;
}

/**
 * The documents behind a list of managed policy ARNs (a role's `managedPolicyArns`, an exclusive
 * attachment's `policyArns`). Known ARNs are read one by one: a dependency link would not say which
 * ARN is which Policy. An ARN unknown in preview is a policy this deployment creates (an AWS managed
 * policy's ARN is a literal or comes from an invoke, known in preview); the aws.iam.Policy resources
 * the list depends on are those, and their documents are known: each is judged once.
 */
function managedListGrants(holder: PolicyResource, property: string, index: StackIndex): RoleGrant[] {
    const { known, unknown } = knownListItems(holder.props, property);
    const grants = known.flatMap((arn) => managedPolicyGrants(holder, property, index, () => arn, false));
    if (unknown === 0) return grants;
    const byKnownArn = new Set(known.flatMap((arn) => index.byValue(resourceTypes.iamPolicy, arn)));
    const created = linked(holder, property, [resourceTypes.iamPolicy]).filter((p) => !byKnownArn.has(p));
    if (created.length === 0) {
        return [...grants, { source: `${label(holder)} ${property}`, unseen: "it holds an ARN unknown in preview that no aws.iam.Policy of this stack links to" }];
    }
    return [...grants, ...created.map((p) => documentGrant(label(p), p.props["policy"]))];
}

/**
 * A list output of the role itself. In preview the provider leaves a new role's `inlinePolicies` and
 * `managedPolicyArns` unknown (it reads them back after creating the role); their inputs were judged
 * per resource before creation (codeartifact-read-only, iam-no-privileged-managed-policies).
 */
function ownList(role: PolicyResource, property: string, access: RoleAccess): unknown[] {
    try {
        return asList(role.props[property]);
    } catch (e) {
        if (!(e instanceof UnknownValueError)) throw e;
        access.unknownProperties.push(property);
        return [];
    }
}

function documentGrant(source: string, text: unknown): RoleGrant {
    if (text === undefined || text === null || text === "") return { source, unseen: "it has no policy document" };
    try {
        return { source, document: readPolicyDocument(text) };
    } catch (e) {
        if (!(e instanceof PolicyDocumentError)) throw e;
        return { source, unseen: `its document cannot be read (${e.message})` };
    }
}

/**
 * The document behind a managed policy ARN: a Policy of this stack (linked, or matched by its known
 * ARN), or an AWS managed policy. The ARN is read only when no link says which Policy it is: a stack
 * Policy's ARN is unknown in preview.
 */
function managedPolicyGrants(
    holder: PolicyResource,
    property: string,
    index: StackIndex,
    readArn: () => unknown,
    followLinks = true,
): RoleGrant[] {
    const links = followLinks ? linked(holder, property, [resourceTypes.iamPolicy]) : [];
    const arn = links.length > 0 ? undefined : String(readArn());
    const stackPolicies = arn === undefined ? links : index.byValue(resourceTypes.iamPolicy, arn);
    if (stackPolicies.length > 0 || arn === undefined) return stackPolicies.map((p) => documentGrant(label(p), p.props["policy"]));
    const source = `${label(holder)} ${property} "${arn}"`;
    const name = awsManagedPolicyName(arn);
    if (!name) return [{ source, unseen: "it is a customer-managed policy outside this stack" }];
    const document = awsManagedPolicyDocument(name);
    return [document ? { source, document, awsManagedPolicy: name } : { source, unseen: `AWS publishes no managed policy named "${name}"` }];
}
