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
import { resourceTypes } from "../resourceTypes";
import { awsManagedPolicyDocument, awsManagedPolicyName } from "./awsManagedPolicies";
import { PolicyDocument, PolicyDocumentError, readPolicyDocument } from "./document";

/** A document that reaches a role, or the reason the pack cannot see one that does. */
export interface RoleGrant {
    /** Where it comes from, for messages: `aws.iam.RolePolicy "reader-policy"`. */
    source: string;
    document?: PolicyDocument;
    unseen?: string;
}

export interface RoleAccess {
    grants: RoleGrant[];
    /** Properties of the role that were unknown (preview): their contents are judged per resource. */
    unknownProperties: string[];
}

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

/** The stack resources of a type whose name, id or ARN equals a value (a role name, a policy ARN). */
function byValue(resources: readonly PolicyResource[], type: string, value: unknown): PolicyResource[] {
    if (typeof value !== "string") return [];
    return resources.filter((r) => r.type === type && ["name", "id", "arn"].some((field) => knownValue(r, field) === value));
}

/** The resources a property points to: by dependency when recorded, else by its value. */
function pointsTo(resource: PolicyResource, property: string, type: string, resources: readonly PolicyResource[]): PolicyResource[] {
    const links = linked(resource, property, [type]);
    if (links.length > 0) return links;
    const value = resource.props[property];
    const values: unknown[] = Array.isArray(value) ? value : [value];
    return values.flatMap((v) => byValue(resources, type, v));
}

function label(resource: PolicyResource): string {
    return `${resource.type.split(":").pop()} "${resource.name}"`;
}

/** The roles an instance runs as, or why they cannot be seen. */
export function instanceRoles(instance: PolicyResource, resources: readonly PolicyResource[]): PolicyResource[] | string {
    const profiles = pointsTo(instance, "iamInstanceProfile", resourceTypes.instanceProfile, resources);
    if (profiles.length === 0) {
        return `its instance profile ${JSON.stringify(instance.props["iamInstanceProfile"])} is not a resource of this stack, so the pack cannot see its role`;
    }
    const roles = profiles.flatMap((profile) => pointsTo(profile, "role", resourceTypes.role, resources));
    if (roles.length === 0) return `its instance profile ${label(profiles[0])} has no role from this stack`;
    return roles;
}

/** Everything that grants the role permissions. */
export function roleAccess(role: PolicyResource, resources: readonly PolicyResource[]): RoleAccess {
    const access: RoleAccess = { grants: [], unknownProperties: [] };
    const reaches = (r: PolicyResource, property: string) => pointsTo(r, property, resourceTypes.role, resources).includes(role);

    const inline = ownList(role, "inlinePolicies", access);
    inline.forEach((entry: any, i: number) => access.grants.push(documentGrant(`${label(role)} inlinePolicies[${i}]`, entry?.["policy"])));
    for (const arn of ownList(role, "managedPolicyArns", access)) {
        // The list's own values, one by one: a dependency link would not say which ARN is which Policy.
        access.grants.push(...managedPolicyGrants(role, "managedPolicyArns", resources, () => arn, false));
    }
    for (const r of resources) {
        if (r.type === resourceTypes.rolePolicy && reaches(r, "role")) {
            access.grants.push(documentGrant(label(r), r.props["policy"]));
        } else if (r.type === resourceTypes.rolePolicyAttachment && reaches(r, "role")) {
            access.grants.push(...managedPolicyGrants(r, "policyArn", resources, () => r.props["policyArn"]));
        } else if (r.type === resourceTypes.policyAttachment && reaches(r, "roles")) {
            access.grants.push(...managedPolicyGrants(r, "policyArn", resources, () => r.props["policyArn"]));
        }
    }
    return access;
}

/**
 * A list output of the role itself. In preview the provider leaves a new role's `inlinePolicies` and
 * `managedPolicyArns` unknown (it reads them back after creating the role); their inputs were judged
 * per resource before creation (codeartifact-read-only, iam-no-privileged-managed-policies).
 */
function ownList(role: PolicyResource, property: string, access: RoleAccess): any[] {
    try {
        const value = role.props[property];
        return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
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
    resources: readonly PolicyResource[],
    readArn: () => unknown,
    followLinks = true,
): RoleGrant[] {
    const links = followLinks ? linked(holder, property, [resourceTypes.iamPolicy]) : [];
    const arn = links.length > 0 ? undefined : String(readArn());
    const stackPolicies = arn === undefined ? links : byValue(resources, resourceTypes.iamPolicy, arn);
    if (stackPolicies.length > 0 || arn === undefined) return stackPolicies.map((p) => documentGrant(label(p), p.props["policy"]));
    const source = `${label(holder)} ${property} "${arn}"`;
    const name = awsManagedPolicyName(arn);
    if (!name) return [{ source, unseen: "it is a customer-managed policy outside this stack" }];
    const document = awsManagedPolicyDocument(name);
    return [document ? { source, document } : { source, unseen: `AWS publishes no managed policy named "${name}"` }];
}
