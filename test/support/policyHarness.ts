// Runs one policy of the pack against resources, the way the engine runs it: through
// @pulumi/policy's own analyzer code (offline/engine/analyzer.ts), so props are wrapped in the
// unknown-checking proxy, `notApplicable` throws, `getConfig` returns the reconciled config with
// schema defaults, `stackTags` are set, and stack resources have their parent, dependencies and
// property dependencies linked.
import { expect } from "chai";
import { PolicyAnalyzer } from "../../offline/engine/analyzer";
import { AnalyzerResource, PolicyDiagnostic } from "../../offline/engine/analyzerMessages";
import { isCantRun, withoutDescription } from "../../offline/engine/check";
import { policyAnalyzer } from "../../offline/offlineCheck";
import { PolicyConfigError, PolicyPackConfigFile } from "../../offline/engine/policyConfig";

/** The unknown-value sentinels of the wire protocol, by the type of value they stand for. */
export { unknownValues as unknown } from "../../policy-pack/resourceProps";

export interface ResourceCase {
    type: string;
    props: Record<string, unknown>;
    /** Logical name; defaults to a name derived from the type. */
    name?: string;
    /** Defaults to an URN in stack `dev` of project `secure-packages` built from type and name. */
    urn?: string;
    protect?: boolean;
    parent?: string;
}

export interface StackResourceCase extends ResourceCase {
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

export interface CheckOptions {
    /** This policy's settings in the pack config file (may include `enforcementLevel`). */
    config?: Record<string, unknown>;
    stackTags?: Record<string, string>;
}

export interface PolicyOutcome {
    /** The violation messages, without the policy description the engine puts in front of each. */
    violations: string[];
    /** The engine's "can't run policy ... during preview" reports (advisory). */
    cantRun: string[];
    /** The reasons the policy gave for not applying, if it did not apply. */
    notApplicable: string[];
    diagnostics: PolicyDiagnostic[];
}

/** The pack's analyzer, as the offline check serves it. */
export const analyzer = policyAnalyzer;

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:dev::secure-packages::${type}::${name}`;
}

function defaultName(type: string): string {
    return type.split(":").pop()!.toLowerCase();
}

function prepare(policyName: string, options: CheckOptions): PolicyAnalyzer {
    const a = analyzer();
    if (!a.policies.some((p) => p.name === policyName)) {
        throw new Error(`no policy named '${policyName}' in the pack`);
    }
    a.configure(options.config ? { [policyName]: options.config } : {});
    a.configureStack({ project: "secure-packages", stack: "dev", dryRun: true, tags: options.stackTags });
    return a;
}

function outcome(policyName: string, diagnostics: PolicyDiagnostic[], notApplicable: { policyName: string; reason: string }[]): PolicyOutcome {
    const mine = diagnostics.filter((d) => d.policyName === policyName);
    return {
        violations: mine.filter((d) => !isCantRun(d)).map(withoutDescription),
        cantRun: mine.filter(isCantRun).map((d) => d.message),
        notApplicable: notApplicable.filter((n) => n.policyName === policyName).map((n) => n.reason),
        diagnostics: mine,
    };
}

/** A case as the engine hands it to Analyze and Remediate, its name and URN defaulted. */
function analyzerResource(resource: ResourceCase): AnalyzerResource {
    const name = resource.name ?? defaultName(resource.type);
    return {
        urn: resource.urn ?? urnOf(resource.type, name),
        type: resource.type,
        name,
        props: resource.props,
        options: { protect: resource.protect ?? false, parent: resource.parent },
    };
}

/** Runs a resource policy against one resource, as the engine's Analyze call does. */
export async function checkResource(policyName: string, resource: ResourceCase, options: CheckOptions = {}): Promise<PolicyOutcome> {
    const result = await prepare(policyName, options).analyze(analyzerResource(resource));
    return outcome(policyName, result.diagnostics, result.notApplicable);
}

/** Runs a resource policy's remediation on one resource, as the engine's Remediate call does. */
export async function remediateResource(policyName: string, resource: ResourceCase, options: CheckOptions = {}) {
    const result = await prepare(policyName, options).remediate(analyzerResource(resource));
    return result.remediations.filter((r) => r.policyName === policyName);
}

/** Runs a stack policy against a set of resources, as the engine's AnalyzeStack call does. */
export async function checkStack(policyName: string, resources: StackResourceCase[], options: CheckOptions = {}): Promise<PolicyOutcome> {
    const result = await prepare(policyName, options).analyzeStack(
        resources.map((r) => ({
            ...analyzerResource(r),
            parent: r.parent,
            dependencies: r.dependencies ?? [],
            propertyDependencies: r.propertyDependencies ?? {},
        })),
    );
    return outcome(policyName, result.diagnostics, result.notApplicable);
}

/** Expects the pack to refuse each value of `key` in `policyName`'s config, naming the policy and the key. */
export function expectConfigRefused(policyName: string, key: string, values: readonly unknown[]): void {
    for (const value of values) {
        expect(() => analyzer().configure({ [policyName]: { [key]: value } }), JSON.stringify(value))
            .to.throw(PolicyConfigError)
            .with.property("message")
            .that.contains(`${policyName}: ${key}`);
    }
}

export type { PolicyPackConfigFile };
