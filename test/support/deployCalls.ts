// The AWS authorizations `pulumi up --refresh` of a stack makes, derived from what the program
// registered: each resource's type, looked up in a table of what its provider calls to create, read
// (refresh), update and delete it, applied to that resource's ARN, its tags as the provider sends them
// and the resources it refers to. The table (here for IAM, KMS, CodeArtifact; deployCallsEc2.ts for
// EC2) is the one hand-kept piece; each entry says where its calls come from. A type the table lacks
// is reported, never skipped: a new resource type forces a decision about the deploy role.
//
// Tags: the AWS provider adds the stack's aws:defaultTags to every taggable resource's own tags (its
// tags_all); aws-native resources carry only the tags the program gives them.
import { Registration } from "../../offline/program/registrations";
import { Account } from "../../offline/aws/awsMocks";
import { RequestContext } from "./iamDecision";

export type Phase = "create" | "read" | "update" | "delete" | "invoke";

/** One authorization a deploy needs: an action on one resource, with its request context. */
export interface ApiCall {
    phase: Phase;
    action: string;
    resource: string;
    resourceType?: string;
    context: RequestContext;
    /** The resource (type and name) or invoke that makes it. */
    by: string;
}

export interface DeployedResource {
    type: string;
    name: string;
    id: string;
    inputs: Record<string, unknown>;
    state: Record<string, unknown>;
    /** The tags the provider sends (and the resource then carries); empty when the type takes none. */
    tags: Record<string, string>;
}

/** What an authorization is made on: an ARN of a reference resource type, and what it brings to the context. */
export interface Target {
    arn: string;
    resourceType?: string;
    context: RequestContext;
}

/** An action that takes no resource (Resource `*` in IAM). */
export const NO_RESOURCE: Target = { arn: "*", context: {} };

export function requestTags(tags: Record<string, string>): RequestContext {
    const context: RequestContext = Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, [v]]));
    return Object.keys(tags).length > 0 ? { ...context, "aws:TagKeys": Object.keys(tags) } : context;
}

export function resourceTags(tags: Record<string, string>): RequestContext {
    return Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:ResourceTag/${k}`, [v]]));
}

/** A resource that exists: its tags are in the context as aws:ResourceTag. */
export function existing(r: DeployedResource, resourceType: string, arn = arnOf(r)): Target {
    return { arn, resourceType, context: resourceTags(r.tags) };
}

/** A resource the call creates, tagged in the same request: its tags are aws:RequestTag. */
export function created(r: DeployedResource, resourceType: string, arn = arnOf(r)): Target {
    return { arn, resourceType, context: requestTags(r.tags) };
}

/** An existing resource whose tags the call changes: both its tags and the new ones are in the context. */
export function retagged(r: DeployedResource, resourceType: string): Target {
    const target = existing(r, resourceType);
    return { ...target, context: { ...target.context, ...requestTags(r.tags) } };
}

export function arnOf(r: DeployedResource): string {
    const arn = r.state.arn ?? (String(r.id).startsWith("arn:") ? r.id : undefined);
    if (typeof arn !== "string") throw new Error(`${r.type} ${r.name} has no ARN in its state: give its table entry the ARN`);
    return arn;
}

/** Collects one resource's calls, phase by phase. */
export class CallList {
    readonly calls: ApiCall[] = [];
    constructor(private readonly by: string) {}

    add(phase: Phase, actions: string[], target: Target, extra: RequestContext = {}): this {
        for (const action of actions) {
            this.calls.push({ phase, action, resource: target.arn, ...(target.resourceType ? { resourceType: target.resourceType } : {}), context: { ...target.context, ...extra }, by: this.by });
        }
        return this;
    }
}

/** The stack's resources as the provider holds them, and lookups between them. */
export class DeployedStack {
    readonly resources: DeployedResource[];

    constructor(registrations: readonly Registration[], readonly account: Account, readonly defaultTags: Record<string, string>, taggable: (type: string) => boolean) {
        this.resources = registrations
            .filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"))
            .map((r) => {
                const own = r.inputs.tags;
                // aws-native takes tags as a list of { key, value }; the AWS provider as a map.
                const tags: Record<string, string> = Array.isArray(own)
                    ? Object.fromEntries((own as { key: string; value: string }[]).map((t) => [t.key, t.value]))
                    : { ...(r.type.startsWith("aws:") ? defaultTags : {}), ...((own ?? {}) as Record<string, string>) };
                return { type: r.type, name: r.name, id: r.id ?? "", inputs: r.inputs, state: r.state ?? {}, tags: taggable(r.type) ? tags : {} };
            });
    }

    /** The stack's resource of `type` whose id, name or ARN is `value`. */
    find(type: string, value: unknown): DeployedResource {
        return this.findBy(type, (r) => [r.id, r.state.name, r.state.arn].includes(value as string), `id, name or ARN ${JSON.stringify(value)}`);
    }

    findBy(type: string, matches: (r: DeployedResource) => boolean, what = "that"): DeployedResource {
        const found = this.resources.find((r) => r.type === type && matches(r));
        if (!found) throw new Error(`no ${type} with ${what} in the stack`);
        return found;
    }
}

export interface TypeCalls {
    /** The provider sends tags for it (and the AWS provider its default tags). */
    taggable: boolean;
    calls(r: DeployedResource, stack: DeployedStack, list: CallList): void;
}
