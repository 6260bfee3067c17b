// The policy pack run over a stack as the engine runs it (pkg/resource/deploy/step_generator.go):
// - every registered resource, in registration order, is sent to Remediate and then to Analyze with
//   its Check'ed inputs and options (protect, parent, ignoreChanges...) and its provider - component
//   resources, the stack and provider resources included, as generateSteps does for each event;
// - a remediation's properties replace the inputs for every later policy;
// - when all resources are done, AnalyzeStack gets every resource with its OUTPUTS (AnalyzeResources:
//   "AnalyzeStack is called on the final outputs of each resource"), parent, dependencies and
//   property dependencies;
// - in an update, a mandatory violation makes the resource invalid and `pulumi up` stops, so stack
//   policies never run: they are listed in notRun with that reason. Unlike the engine, the check
//   goes on analyzing the remaining resources, so one run shows every problem (as preview does);
// - a `remediate` level that still reports is mandatory; a stack violation naming no known resource
//   is reported on the stack;
// - "can't run policy ... during preview" diagnostics (the unknown-checking proxy met an unknown
//   value) are not violations: they go to notRun.
import { PolicyAnalyzer } from "./analyzer";
import { AnalyzerResource, AnalyzerStackResource, PolicyDiagnostic } from "./analyzerMessages";
import { EngineResource } from "./engineView";
import { EnforcementLevel } from "./policyConfig";

export type Mode = "preview" | "update";

export interface Violation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    urn: string;
    message: string;
}

export interface NotRun {
    policy: string;
    urn: string;
    reason: string;
}

export interface Remediated {
    policy: string;
    urn: string;
}

export interface CheckResult {
    mode: Mode;
    violations: Violation[];
    notRun: NotRun[];
    remediated: Remediated[];
    /** The inputs each resource was analyzed with (after remediations), by URN. */
    analyzedInputs: Map<string, Record<string, unknown>>;
}

export interface CheckContext {
    project: string;
    stack: string;
    mode: Mode;
    stackTags?: Record<string, string>;
}

const CANT_RUN = /^can't run policy '[^']*' from policy pack '[^']*' during preview: /;

/** Whether a diagnostic is the engine's "can't run policy ... during preview" report, not a violation. */
export function isCantRun(d: Pick<PolicyDiagnostic, "message">): boolean {
    return CANT_RUN.test(d.message);
}

export async function checkStack(analyzer: PolicyAnalyzer, resources: readonly EngineResource[], ctx: CheckContext): Promise<CheckResult> {
    analyzer.configureStack({ project: ctx.project, stack: ctx.stack, dryRun: ctx.mode === "preview", tags: ctx.stackTags });
    const result: CheckResult = { mode: ctx.mode, violations: [], notRun: [], remediated: [], analyzedInputs: new Map() };
    const record = (d: PolicyDiagnostic, urn: string) => {
        if (isCantRun(d)) {
            result.notRun.push({ policy: d.policyName, urn, reason: d.message.replace(CANT_RUN, "") });
        } else {
            const level = d.enforcementLevel === "remediate" ? "mandatory" : d.enforcementLevel;
            result.violations.push({ policy: d.policyName, enforcementLevel: level, urn, message: withoutDescription(d) });
        }
    };

    let stoppedAt: string | undefined;
    for (const resource of resources) {
        const request = analyzerResource(resource, resource.inputs);
        const remediation = await analyzer.remediate(request);
        for (const r of remediation.remediations) {
            if (r.diagnostic) {
                record({ policyName: r.policyName, enforcementLevel: "advisory", message: r.diagnostic, description: "" }, resource.urn);
            } else if (r.properties) {
                request.props = r.properties;
                result.remediated.push({ policy: r.policyName, urn: resource.urn });
            }
        }
        result.analyzedInputs.set(resource.urn, request.props);
        const analysis = await analyzer.analyze(request);
        for (const d of analysis.diagnostics) {
            // The engine reports a resource policy's finding on the resource analyzed, whatever URN it named.
            record(d, resource.urn);
            if (ctx.mode === "update" && (d.enforcementLevel === "mandatory" || d.enforcementLevel === "remediate") && !isCantRun(d)) {
                stoppedAt ??= resource.urn;
            }
        }
    }

    const stackUrn = resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? `urn:pulumi:${ctx.stack}::${ctx.project}::pulumi:pulumi:Stack::${ctx.project}-${ctx.stack}`;
    if (stoppedAt) {
        for (const policy of analyzer.stackPolicyNames()) {
            result.notRun.push({ policy, urn: stackUrn, reason: `pulumi up stops at the first mandatory violation (${stoppedAt}), before stack policies run` });
        }
        return result;
    }
    const known = new Set(resources.map((r) => r.urn));
    const stackAnalysis = await analyzer.analyzeStack(resources.map(analyzerStackResource));
    for (const d of stackAnalysis.diagnostics) record(d, d.urn && known.has(d.urn) ? d.urn : stackUrn);
    return result;
}

function analyzerResource(resource: EngineResource, props: Record<string, unknown>): AnalyzerResource {
    return {
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        props,
        options: {
            protect: resource.protect,
            ...(resource.parent ? { parent: resource.parent } : {}),
            ignoreChanges: resource.ignoreChanges,
            ...(resource.deleteBeforeReplace !== undefined ? { deleteBeforeReplace: resource.deleteBeforeReplace } : {}),
            aliases: resource.aliases,
            additionalSecretOutputs: resource.additionalSecretOutputs,
        },
        ...(resource.provider ? { provider: resource.provider } : {}),
    };
}

function analyzerStackResource(resource: EngineResource): AnalyzerStackResource {
    return {
        ...analyzerResource(resource, resource.outputs),
        ...(resource.parent ? { parent: resource.parent } : {}),
        dependencies: resource.dependencies,
        propertyDependencies: resource.propertyDependencies,
    };
}

/** The pack puts the policy's description in front of each message; the CLI shows it apart. */
export function withoutDescription(d: PolicyDiagnostic): string {
    const prefix = `${d.description}\n`;
    return d.description && d.message.startsWith(prefix) ? d.message.slice(prefix.length) : d.message;
}
