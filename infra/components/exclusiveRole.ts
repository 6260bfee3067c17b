// An IAM role whose permissions are exactly what the program declares. The *Exclusive resources make
// `pulumi up --refresh` remove any inline policy or managed attachment added out of band, so a role that
// can read (or publish) packages cannot drift into over-privilege unnoticed. Only with --refresh: a
// plain `pulumi up` compares against the state, which never saw the hand-added policy (the provider's
// docs for both resources say so; pulumi-aws#4766 is open).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsManagedPolicyArn } from "../iam/arns";

export interface ExclusiveRoleArgs {
    /** An explicit role name (known during preview); omitted: Pulumi auto-names the role. */
    roleName?: string;
    description: string;
    /** The trust policy (JSON). */
    assumeRolePolicy: string;
    /** Name of the single inline policy; explicit, so the exclusive list can name it. */
    inlinePolicyName: string;
    /** The inline policy document (JSON). */
    inlinePolicy: string;
    /** AWS managed policies to attach by name (e.g. `AmazonSSMManagedInstanceCore`); usually none. */
    awsManagedPolicies: readonly string[];
    partition: string;
    tags: Record<string, string>;
    /** ARN of the policy that bounds the role's permissions (the deploy role may only create bounded roles). */
    permissionsBoundary?: string;
}

export interface ExclusiveRole {
    role: aws.iam.Role;
    inlinePolicy: aws.iam.RolePolicy;
    attachments: aws.iam.RolePolicyAttachment[];
}

/** Declares the role, its policies and the exclusivity guards as children of `parent`. */
export function createExclusiveRole(name: string, args: ExclusiveRoleArgs, parent: pulumi.Resource): ExclusiveRole {
    // The trust and permission documents are plain strings: the role and its policy depend on
    // nothing but each other, and both documents are known during preview.
    const role = new aws.iam.Role(`${name}-role`, {
        ...(args.roleName ? { name: args.roleName } : {}),
        description: args.description,
        assumeRolePolicy: args.assumeRolePolicy,
        ...(args.permissionsBoundary ? { permissionsBoundary: args.permissionsBoundary } : {}),
        tags: args.tags,
    }, { parent });

    const inlinePolicy = new aws.iam.RolePolicy(`${name}-${args.inlinePolicyName}`, {
        name: args.inlinePolicyName,
        role: role.name,
        policy: args.inlinePolicy,
    }, { parent });

    const attachments = args.awsManagedPolicies.map((policyName) =>
        new aws.iam.RolePolicyAttachment(`${name}-${policyName}`, {
            role: role.name,
            policyArn: awsManagedPolicyArn(args.partition, policyName),
        }, { parent }),
    );

    new aws.iam.RolePoliciesExclusive(`${name}-inline-policies`, {
        roleName: role.name,
        policyNames: [inlinePolicy.name],
    }, { parent });

    new aws.iam.RolePolicyAttachmentsExclusive(`${name}-managed-policies`, {
        roleName: role.name,
        policyArns: attachments.map((attachment) => attachment.policyArn),
    }, { parent });

    return { role, inlinePolicy, attachments };
}
