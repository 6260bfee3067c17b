// What the end-to-end tests take from the stack itself: the program is run under the offline
// check's mocks in update mode (every value known, as after `pulumi up`), and from what it
// registered we read the repositories and their upstream chain, the package groups, the build host's
// user data, the Maven settings, and every IAM document that reaches the reader role and the
// publisher role, found the way the policy pack finds them (policy-pack/iam/roleAccess.ts).
import { PolicyResource } from "@pulumi/policy";
import { EngineResource, engineView } from "../../../offline/engine/engineView";
import { Registration } from "../../../offline/program/registrations";
import { PolicyDocument, readPolicyDocument } from "../../../policy-pack/iam/document";
import { RoleGrant, StackIndex, instanceRoles, roleAccess } from "../../../policy-pack/iam/roleAccess";
import { resourceTypes } from "../../../policy-pack/resourceTypes";
import { devConfig, orThrow, runProgram } from "../../support/mockStack";

/** The aws-native type the program declares package groups with. */
export const PACKAGE_GROUP_TYPE = "aws-native:codeartifact:PackageGroup";

export type RestrictionMode = "ALLOW" | "BLOCK" | "ALLOW_SPECIFIC_REPOSITORIES" | "INHERIT";

export interface Restriction {
    mode: RestrictionMode;
    repositories: string[];
}

export interface PackageGroup {
    /** `/maven/com.nextwork/*` */
    pattern: string;
    publish: Restriction;
    externalUpstream: Restriction;
    internalUpstream: Restriction;
}

export interface RepositoryModel {
    name: string;
    /** Upstream repository names, in search order. */
    upstreams: string[];
    /** `public:maven-central`, when the repository has one. */
    externalConnection?: string;
}

export interface RoleModel {
    name: string;
    arn: string;
    /** Every identity document that reaches the role. */
    documents: PolicyDocument[];
    /** Who may assume it. */
    trust: PolicyDocument;
}

export interface StackModel {
    partition: string;
    region: string;
    accountId: string;
    domainName: string;
    /** The repository builds read from. */
    teamRepository: string;
    repositories: RepositoryModel[];
    packageGroups: PackageGroup[];
    reader: RoleModel;
    publisher?: RoleModel;
    /** Stack outputs: the settings.xml the program renders and the endpoint inside it. */
    settingsXml: string;
    /** With a publisher: its settings.xml and the codeartifact-publish script. */
    publisherSettingsXml?: string;
    publishScript?: string;
    mavenEndpoint: string;
    /** The build host's first-boot script, as the instance receives it. */
    userData: string;
}

export interface DevStackRun {
    config: Record<string, string>;
    registrations: Registration[];
    outputs: Record<string, unknown>;
}

/** Runs the program on the dev stack in update mode (every value known, as after `pulumi up`). */
export async function runDevStack(overrides: Record<string, string | undefined> = {}): Promise<DevStackRun> {
    const config = devConfig(overrides);
    const run = orThrow(await runProgram(config));
    return { config, registrations: run.registrations, outputs: run.outputs ?? {} };
}

/**
 * Reads the model off what the program registered. `without` leaves resources out, as if the
 * program had not declared them (a stack transformation that removes them).
 */
export function stackModel(run: DevStackRun, without?: (registration: Registration) => boolean): StackModel {
    const registrations = run.registrations.filter((r) => !without?.(r));
    const view = engineView(registrations, { stack: "dev", project: "secure-packages", config: run.config });
    const resources = policyResources(view);
    const index = new StackIndex(resources);
    const outputs = run.outputs;
    const text = (key: string): string => {
        const value = outputs[key];
        if (typeof value !== "string") throw new Error(`the stack has no ${key} output`);
        return value;
    };

    const domain = single(resources, resourceTypes.codeartifactDomain);
    const [, partition, , region, accountId] = String(domain.props["arn"]).split(":");
    const repositories = resources.filter((r) => r.type === resourceTypes.codeartifactRepository).map(repositoryModel);
    const team = repositories.find((r) => r.upstreams.length > 0) ?? repositories[0];

    const instance = single(resources, resourceTypes.ec2Instance);
    const roles = instanceRoles(instance, index);
    if (typeof roles === "string" || roles.length !== 1) throw new Error(`the build host's role cannot be found: ${String(roles)}`);
    const reader = roleModel(roles[0], index);
    const publisherArn = outputs["publisherRoleArn"];
    const publisherRole = typeof publisherArn === "string" ? index.byValue(resourceTypes.role, publisherArn)[0] : undefined;

    return {
        partition,
        region,
        accountId,
        domainName: String(domain.props["domain"]),
        teamRepository: team.name,
        repositories,
        packageGroups: resources.filter((r) => r.type === PACKAGE_GROUP_TYPE).map(packageGroup),
        reader,
        ...(publisherRole ? { publisher: roleModel(publisherRole, index) } : {}),
        settingsXml: text("settingsXml"),
        ...(typeof outputs["publisherSettingsXml"] === "string" ? { publisherSettingsXml: outputs["publisherSettingsXml"] } : {}),
        ...(typeof outputs["publishScript"] === "string" ? { publishScript: outputs["publishScript"] } : {}),
        mavenEndpoint: text("mavenEndpoint"),
        userData: String(instance.props["userData"]),
    };
}

/** The engine's resources as the policy pack's stack policies see them (outputs, links resolved). */
function policyResources(view: readonly EngineResource[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    for (const r of view) {
        byUrn.set(r.urn, { type: r.type, name: r.name, urn: r.urn, props: r.outputs, opts: {}, dependencies: [], propertyDependencies: {} } as unknown as PolicyResource);
    }
    for (const r of view) {
        const resource = byUrn.get(r.urn)!;
        resource.dependencies = r.dependencies.flatMap((urn) => byUrn.get(urn) ?? []);
        resource.propertyDependencies = Object.fromEntries(
            Object.entries(r.propertyDependencies).map(([property, urns]) => [property, urns.flatMap((urn) => byUrn.get(urn) ?? [])]),
        );
    }
    return [...byUrn.values()];
}

function single(resources: readonly PolicyResource[], type: string): PolicyResource {
    const found = resources.filter((r) => r.type === type);
    if (found.length !== 1) throw new Error(`expected one ${type} in the stack, found ${found.length}`);
    return found[0];
}

function repositoryModel(resource: PolicyResource): RepositoryModel {
    const upstreams = (resource.props["upstreams"] ?? []) as { repositoryName: string }[];
    const external = resource.props["externalConnections"] as { externalConnectionName?: string } | undefined;
    return {
        name: String(resource.props["repository"]),
        upstreams: upstreams.map((u) => u.repositoryName),
        ...(external?.externalConnectionName ? { externalConnection: external.externalConnectionName } : {}),
    };
}

function roleModel(role: PolicyResource, index: StackIndex): RoleModel {
    const access = roleAccess(role, index);
    const unseen = access.grants.filter((g: RoleGrant) => !g.document);
    if (unseen.length > 0) throw new Error(`role ${role.name}: ${unseen.map((g) => `${g.source}: ${g.unseen}`).join("; ")}`);
    return {
        name: String(role.props["name"]),
        arn: String(role.props["arn"]),
        documents: access.grants.map((g) => g.document!),
        trust: readPolicyDocument(role.props["assumeRolePolicy"]),
    };
}

function packageGroup(resource: PolicyResource): PackageGroup {
    const restrictions = ((resource.props["originConfiguration"] ?? {}) as { restrictions?: Record<string, unknown> }).restrictions ?? {};
    const restriction = (key: string): Restriction => {
        const value = (restrictions[key] ?? {}) as { restrictionMode?: RestrictionMode; repositories?: string[] };
        return { mode: value.restrictionMode ?? "INHERIT", repositories: value.repositories ?? [] };
    };
    return {
        pattern: String(resource.props["pattern"]),
        publish: restriction("publish"),
        externalUpstream: restriction("externalUpstream"),
        internalUpstream: restriction("internalUpstream"),
    };
}
