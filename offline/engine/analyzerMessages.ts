// What the engine and a policy pack say to each other: the plain shapes the offline check works with
// (a resource as Analyze and AnalyzeStack receive it, diagnostics, remediations) and their protobuf
// form (pulumi/proto/analyzer.proto), converted both ways as the engine converts them.
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { EnforcementLevel } from "./policyConfig";

/** A resource as the engine hands it to Analyze and Remediate (wire-form props: unknowns are sentinels). */
export interface AnalyzerResource {
    urn: string;
    type: string;
    name: string;
    props: Record<string, unknown>;
    options?: {
        protect?: boolean;
        parent?: string;
        ignoreChanges?: string[];
        deleteBeforeReplace?: boolean;
        aliases?: string[];
        additionalSecretOutputs?: string[];
    };
    provider?: { urn: string; type: string; name: string; props: Record<string, unknown> };
}

/** A resource as the engine hands it to AnalyzeStack: its outputs, and its links to the others. */
export interface AnalyzerStackResource extends AnalyzerResource {
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

export interface PolicyDiagnostic {
    policyName: string;
    enforcementLevel: EnforcementLevel;
    message: string;
    description: string;
    urn?: string;
    severity?: string;
}

export interface NotApplicable {
    policyName: string;
    reason: string;
}

export interface AnalysisResult {
    diagnostics: PolicyDiagnostic[];
    notApplicable: NotApplicable[];
}

export interface Remediation {
    policyName: string;
    /** The remediated props (wire form), when the policy changed them. */
    properties?: Record<string, unknown>;
    /** Set when the remediation could not run, e.g. on an unknown value during preview. */
    diagnostic?: string;
}

export interface RemediationResult {
    remediations: Remediation[];
    notApplicable: NotApplicable[];
}

/** Serializes and parses a message again, so only what survives the wire reaches the pack. */
export function wire<T extends { serializeBinary(): Uint8Array }>(message: T, type: { deserializeBinary(bytes: Uint8Array): T }): T {
    return type.deserializeBinary(message.serializeBinary());
}

export function fillResource(req: analyzerproto.AnalyzeRequest | analyzerproto.AnalyzerResource, resource: AnalyzerResource): void {
    req.setType(resource.type);
    req.setUrn(resource.urn);
    req.setName(resource.name);
    req.setProperties(toStruct(resource.props));
    const options = new analyzerproto.AnalyzerResourceOptions();
    const o = resource.options ?? {};
    options.setProtect(o.protect ?? false);
    options.setIgnorechangesList(o.ignoreChanges ?? []);
    options.setDeletebeforereplacedefined(o.deleteBeforeReplace !== undefined);
    options.setDeletebeforereplace(o.deleteBeforeReplace ?? false);
    options.setAliasesList(o.aliases ?? []);
    options.setAdditionalsecretoutputsList(o.additionalSecretOutputs ?? []);
    options.setCustomtimeouts(new analyzerproto.AnalyzerResourceOptions.CustomTimeouts());
    if (o.parent) options.setParent(o.parent);
    req.setOptions(options);
    if (resource.provider) {
        const provider = new analyzerproto.AnalyzerProviderResource();
        provider.setUrn(resource.provider.urn);
        provider.setType(resource.provider.type);
        provider.setName(resource.provider.name);
        provider.setProperties(toStruct(resource.provider.props));
        req.setProvider(provider);
    }
}

/**
 * Props as the wire carries them: a property whose value is undefined is absent (the SDK and the
 * engine both drop it), and an undefined list element is null, as in JSON.
 */
export function toStruct(props: Record<string, unknown>): Struct {
    return Struct.fromJavaScript(JSON.parse(JSON.stringify(props)));
}

export function toAnalysisResult(resp: analyzerproto.AnalyzeResponse): AnalysisResult {
    return {
        diagnostics: resp.getDiagnosticsList().map((d) => {
            const diagnostic: PolicyDiagnostic = {
                policyName: d.getPolicyname(),
                enforcementLevel: enforcementLevelName(d.getEnforcementlevel()),
                message: d.getMessage(),
                description: d.getDescription(),
            };
            if (d.getUrn()) diagnostic.urn = d.getUrn();
            const severity = severityName(d.getSeverity());
            if (severity) diagnostic.severity = severity;
            return diagnostic;
        }),
        notApplicable: notApplicableList(resp.getNotApplicableList()),
    };
}

export function notApplicableList(list: analyzerproto.PolicyNotApplicable[]): NotApplicable[] {
    return list.map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() }));
}

const enforcementLevels: Record<EnforcementLevel, analyzerproto.EnforcementLevel> = {
    advisory: analyzerproto.EnforcementLevel.ADVISORY,
    mandatory: analyzerproto.EnforcementLevel.MANDATORY,
    remediate: analyzerproto.EnforcementLevel.REMEDIATE,
    disabled: analyzerproto.EnforcementLevel.DISABLED,
};

export function enforcementLevelValue(level: EnforcementLevel): analyzerproto.EnforcementLevel {
    return enforcementLevels[level];
}

export function enforcementLevelName(value: analyzerproto.EnforcementLevel): EnforcementLevel {
    const entry = Object.entries(enforcementLevels).find(([, v]) => v === value);
    if (!entry) throw new Error(`unknown enforcement level ${value}`);
    return entry[0] as EnforcementLevel;
}

export function severityName(value: analyzerproto.PolicySeverity): string | undefined {
    switch (value) {
        case analyzerproto.PolicySeverity.POLICY_SEVERITY_LOW:
            return "low";
        case analyzerproto.PolicySeverity.POLICY_SEVERITY_MEDIUM:
            return "medium";
        case analyzerproto.PolicySeverity.POLICY_SEVERITY_HIGH:
            return "high";
        case analyzerproto.PolicySeverity.POLICY_SEVERITY_CRITICAL:
            return "critical";
        default:
            return undefined;
    }
}
