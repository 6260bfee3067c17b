// codeartifact-internal-namespaces-blocked: the team's own namespaces never come from a public registry.
// Anyone can publish `com.example:billing:99.0` to Maven Central; a repository that pulls through it
// hands that version to the build that asks for `com.example:billing` (dependency confusion), unless a
// package group blocks the namespace's external upstream. A package's own origin controls only settle
// once its first version arrives, so a name the team has not published yet is open without a group.
//
// Two halves, one name and one config: @pulumi/policy runs a policy in Analyze when it has
// validateResource and in AnalyzeStack when it has validateStack (server.js, isResourcePolicy and
// isStackPolicy), so both run for this one. GetAnalyzerInfo announces it as a resource policy (one type
// per policy in the protocol). The engine calls AnalyzeStack on each analyzer, not per policy; that the
// announced type never filters stack results could not be checked here (no Pulumi CLI on our machines).
// - Per resource, before anything is created: a package group that decides over an internal namespace
//   (the namespace itself or packages in it: the most specific group wins) must block external upstreams.
// - Per stack: a stack that creates a repository with an external connection must also hold, in that
//   repository's domain, a group that blocks each internal namespace the connection can serve. Accounts
//   that keep their groups elsewhere turn this half off (groupsManagedElsewhere).
import { PolicyResource, ReportViolation, StackValidation, UnknownValueError } from "@pulumi/policy";
import { validateTypes } from "../appliesTo";
import { resourceTypes } from "../resourceTypes";
import { asList, describeValue, singleBlock } from "../resourceProps";
import {
    GroupView,
    INTERNAL_NAMESPACE_PATTERN,
    InternalNamespace,
    connectionServes,
    describeNamespace,
    effectiveExternalUpstream,
    externalUpstreamMode,
    groupScope,
    parseInternalNamespace,
    reachesIntoNamespace,
} from "../packageGroups";
import { PackResourcePolicy } from "./packPolicy";

interface Config {
    internalNamespaces: string[];
    groupsManagedElsewhere: boolean;
}

const REMEDIATION = [
    "Give every internal namespace a package group /FORMAT/NAMESPACE/* in the repository's domain with",
    "originConfiguration.restrictions.externalUpstream.restrictionMode BLOCK (this project: list it in",
    "secure-packages:internalNamespaces or publisherNamespaces; PackageRepository creates the group), and set BLOCK on",
    "any group for packages inside such a namespace. If the groups are managed outside this stack, set",
    "groupsManagedElsewhere: true in this policy's config.",
].join(" ");

export const codeartifactInternalNamespacesBlocked: PackResourcePolicy & { validateStack: StackValidation } = {
    name: "codeartifact-internal-namespaces-blocked",
    description: "The team's internal namespaces are covered by CodeArtifact package groups that block external upstreams (dependency-confusion defence).",
    rationale:
        "Dependency confusion. Anyone can publish `com.nextwork:billing:99.0` to Maven Central; a repository that pulls through it serves that version to the build that asks for `com.nextwork:billing`, unless a package group blocks the namespace's external upstream. The most specific group decides, so a narrower group inside the namespace that lets the public registry in reopens it. The per-resource half refuses such a group before it exists; the stack half (end of preview, and after `up` created everything) refuses a store without the groups. Package-group writes (`CreatePackageGroup`, `UpdatePackageGroupOriginConfiguration`, ...) are writes like any other for `codeartifact-read-only` and `codeartifact-reader-effective-access`: no identity the stack creates can loosen a group.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: REMEDIATION,
    url: "https://docs.aws.amazon.com/codeartifact/latest/ug/package-group-origin-controls.html",
    configSchema: {
        properties: {
            internalNamespaces: {
                type: "array",
                items: { type: "string", pattern: INTERNAL_NAMESPACE_PATTERN },
                uniqueItems: true,
                default: [],
                description: "FORMAT/NAMESPACE only the team publishes, e.g. maven/com.example (formats maven, npm, generic, swift).",
            },
            groupsManagedElsewhere: {
                type: "boolean",
                default: false,
                description: "The account manages package groups outside this stack: skip the check that the stack holds them.",
            },
        },
    },
    validateResource: validateTypes([resourceTypes.codeartifactPackageGroup], (args, reportViolation) => {
        const internal = internalNamespaces(args.getConfig<Config>());
        if (internal.length === 0) return;
        const pattern: unknown = args.props.pattern;
        if (typeof pattern !== "string") return reportViolation(`pattern is ${describeValue(pattern)}; expected a package group pattern such as /maven/com.example/*.`);
        const mode = externalUpstreamMode(args.props.originConfiguration);
        if (mode === "BLOCK") return;
        const scope = groupScope(pattern);
        if (scope.kind === "unreadable") {
            return reportViolation(`pattern ${JSON.stringify(pattern)} is not one the pack can read (/*, /FORMAT/*, /FORMAT/NAMESPACE/*, /FORMAT/NAMESPACE/NAME$ or NAME*), and its external upstream is ${mode}, not BLOCK: it may open an internal namespace.`);
        }
        for (const ns of internal.filter((n) => reachesIntoNamespace(scope, n))) {
            reportViolation(
                `package group ${JSON.stringify(pattern)} decides over internal namespace ${describeNamespace(ns)}, but its external upstream is ${mode}, not BLOCK: ` +
                    `a version published to a public registry under that namespace can reach builds. Set originConfiguration.restrictions.externalUpstream.restrictionMode to BLOCK.`,
            );
        }
    }),
    validateStack: async (args, reportViolation) => {
        const config = args.getConfig<Config>();
        const internal = internalNamespaces(config);
        if (internal.length === 0 || config.groupsManagedElsewhere) return;
        // One repository unknown in preview does not stop the others; the first unknown is re-thrown last.
        let unknown: UnknownValueError | undefined;
        const groups = new Map<string, GroupView[]>();
        for (const resource of args.resources.filter((r) => r.type === resourceTypes.codeartifactPackageGroup)) {
            try {
                const domain = String(resource.props.domainName);
                groups.set(domain, [...(groups.get(domain) ?? []), { scope: groupScope(String(resource.props.pattern)), mode: externalUpstreamMode(resource.props.originConfiguration) }]);
            } catch (e) {
                if (!(e instanceof UnknownValueError)) throw e;
                unknown ??= e;
            }
        }
        for (const repository of args.resources) {
            try {
                judgeRepository(repository, internal, groups, reportViolation);
            } catch (e) {
                if (!(e instanceof UnknownValueError)) throw e;
                unknown ??= e;
            }
        }
        if (unknown) throw unknown;
    },
};

function internalNamespaces(config: Partial<Config>): InternalNamespace[] {
    return (config.internalNamespaces ?? []).map(parseInternalNamespace);
}

/** A repository's domain and external connections, for both providers' repository types; undefined for other resources. */
function externalConnectionsOf(resource: PolicyResource): { domain: unknown; connections: string[] } | undefined {
    if (resource.type === resourceTypes.codeartifactRepository) {
        const block = singleBlock(resource.props, "externalConnections");
        if (block.kind === "absent") return undefined;
        const name = block.kind === "block" ? block.block.externalConnectionName : undefined;
        return { domain: resource.props.domain, connections: [typeof name === "string" ? name : "an unreadable external connection"] };
    }
    if (resource.type === resourceTypes.nativeCodeartifactRepository) {
        const connections = asList(resource.props.externalConnections).map(String);
        return connections.length === 0 ? undefined : { domain: resource.props.domainName, connections };
    }
    return undefined;
}

function judgeRepository(repository: PolicyResource, internal: InternalNamespace[], groups: Map<string, GroupView[]>, reportViolation: ReportViolation): void {
    const external = externalConnectionsOf(repository);
    if (!external) return;
    const domain = String(external.domain);
    const open = internal.filter(
        (ns) => external.connections.some((c) => connectionServes(c, ns.format)) && effectiveExternalUpstream(groups.get(domain) ?? [], ns) !== "BLOCK",
    );
    if (open.length === 0) return;
    reportViolation(
        `repository "${repository.name}" (domain ${JSON.stringify(domain)}) pulls from ${external.connections.join(", ")}, but no package group in this stack blocks ` +
            `the external upstream of internal namespace${open.length === 1 ? "" : "s"} ${open.map(describeNamespace).join(", ")} in that domain: ` +
            `whoever publishes those names there first can get them into builds (dependency confusion). ${REMEDIATION}`,
        repository.urn,
    );
}
