// The policy pack, driven the way the Pulumi engine drives it, in this process.
//
// The engine talks to a policy pack over gRPC: GetAnalyzerInfo, Configure, ConfigureStack, then
// Remediate and Analyze for each resource and AnalyzeStack at the end. `@pulumi/policy` implements
// those calls in its `serve()` function, which `new PolicyPack(...)` calls. We call that same
// `serve()` with our pack's policies, but keep the request handlers it registers instead of opening
// a port: every request then runs through `@pulumi/policy`'s own code (deserialization, the
// unknown-checking proxy, enforcement levels, not-applicable handling, config lookup), and only the
// socket is skipped. Requests are real protobuf messages, serialized and parsed again as on the wire.
import * as grpc from "@grpc/grpc-js";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { PolicyPackArgs } from "@pulumi/policy";
// Internal to @pulumi/policy (its typings export nothing), but it is exactly what `new PolicyPack(...)` calls.
import * as policyServer from "@pulumi/policy/server";
import {
    AnalysisResult,
    AnalyzerResource,
    AnalyzerStackResource,
    Remediation,
    RemediationResult,
    enforcementLevelName,
    enforcementLevelValue,
    fillResource,
    notApplicableList,
    toAnalysisResult,
    wire,
} from "./analyzerMessages";
import { EnforcementLevel, PolicyPackConfigFile, reconcilePolicyConfig, PolicyInfo } from "./policyConfig";

type Handler = (call: { request: unknown }, callback: (err: unknown, response?: unknown) => void) => unknown;

interface AnalyzerHandlers {
    analyze: Handler;
    analyzeStack: Handler;
    remediate: Handler;
    getAnalyzerInfo: Handler;
    configure: Handler;
    configureStack: Handler;
}

/** The pack, served in-process. `@pulumi/policy` serves one pack per process, so this is a singleton. */
export class PolicyAnalyzer {
    /** The pack's policies with their default enforcement levels and config schemas, as the engine sees them. */
    readonly policies: PolicyInfo[];

    /** Each policy's enforcement level as last configured. */
    private levels: Record<string, EnforcementLevel> = {};

    private constructor(
        private readonly handlers: AnalyzerHandlers,
        readonly packName: string,
        readonly packVersion: string,
        private readonly stackPolicies: ReadonlySet<string>,
    ) {
        const info = this.call<analyzerproto.AnalyzerInfo>("getAnalyzerInfo", new Empty());
        this.policies = info.getPoliciesList().map((p) => ({
            name: p.getName(),
            enforcementLevel: enforcementLevelName(p.getEnforcementlevel()),
            configSchema: p.getConfigschema()
                ? {
                      properties: (p.getConfigschema()!.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
                      required: p.getConfigschema()!.getRequiredList(),
                  }
                : undefined,
        }));
        // The engine always configures the pack before analyzing; with no config file, defaults apply.
        this.configure({});
    }

    private static served?: PolicyAnalyzer;

    /** Serves the pack (once per process) and returns its analyzer. */
    static serve(packName: string, packVersion: string, args: PolicyPackArgs): PolicyAnalyzer {
        if (PolicyAnalyzer.served) {
            if (PolicyAnalyzer.served.packName !== packName) {
                throw new Error(`this process already serves policy pack '${PolicyAnalyzer.served.packName}'`);
            }
            return PolicyAnalyzer.served;
        }
        const handlers = captureHandlers(() => {
            const { serve } = policyServer as unknown as { serve(name: string, version: string, level: string, args: PolicyPackArgs, initialConfig: undefined): void };
            serve(packName, packVersion, args.enforcementLevel ?? "advisory", args, undefined);
        });
        const stackPolicies = new Set(args.policies.filter((p) => "validateStack" in p && p.validateStack).map((p) => p.name));
        PolicyAnalyzer.served = new PolicyAnalyzer(handlers, packName, packVersion, stackPolicies);
        return PolicyAnalyzer.served;
    }

    /**
     * Applies a policy pack config file (`--policy-pack-config`) as the engine does: schema defaults,
     * then `all`, then each policy's settings, validated against each policy's config schema. Throws
     * with every validation problem when the config is invalid.
     */
    configure(config: PolicyPackConfigFile): void {
        const reconciled = reconcilePolicyConfig(this.policies, config);
        this.levels = Object.fromEntries(Object.entries(reconciled).map(([name, c]) => [name, c.enforcementLevel]));
        const req = new analyzerproto.ConfigureAnalyzerRequest();
        for (const [policyName, policyConfig] of Object.entries(reconciled)) {
            const pc = new analyzerproto.PolicyConfig();
            pc.setEnforcementlevel(enforcementLevelValue(policyConfig.enforcementLevel));
            pc.setProperties(Struct.fromJavaScript((policyConfig.properties ?? {}) as Parameters<typeof Struct.fromJavaScript>[0]));
            req.getPolicyconfigMap().set(policyName, pc);
        }
        this.call("configure", wire(req, analyzerproto.ConfigureAnalyzerRequest));
    }

    /** The stack policies that run under the current configuration (not disabled). */
    stackPolicyNames(): string[] {
        return this.policies.filter((p) => this.stackPolicies.has(p.name) && this.levels[p.name] !== "disabled").map((p) => p.name);
    }

    /** Sets the stack tags policies see (`stackTags`). */
    configureStack(stack: { project: string; stack: string; dryRun: boolean; tags?: Record<string, string> }): void {
        const req = new analyzerproto.AnalyzerStackConfigureRequest();
        req.setProject(stack.project);
        req.setStack(stack.stack);
        req.setDryRun(stack.dryRun);
        for (const [k, v] of Object.entries(stack.tags ?? {})) req.getTagsMap().set(k, v);
        this.call("configureStack", wire(req, analyzerproto.AnalyzerStackConfigureRequest));
    }

    async analyze(resource: AnalyzerResource): Promise<AnalysisResult> {
        const req = new analyzerproto.AnalyzeRequest();
        fillResource(req, resource);
        return toAnalysisResult(await this.callAsync("analyze", wire(req, analyzerproto.AnalyzeRequest)));
    }

    async remediate(resource: AnalyzerResource): Promise<RemediationResult> {
        const req = new analyzerproto.AnalyzeRequest();
        fillResource(req, resource);
        const resp = await this.callAsync<analyzerproto.RemediateResponse>("remediate", wire(req, analyzerproto.AnalyzeRequest));
        return {
            remediations: resp.getRemediationsList().map((r) => {
                const remediation: Remediation = { policyName: r.getPolicyname() };
                if (r.getProperties()) remediation.properties = r.getProperties()!.toJavaScript() as Record<string, unknown>;
                if (r.getDiagnostic()) remediation.diagnostic = r.getDiagnostic();
                return remediation;
            }),
            notApplicable: notApplicableList(resp.getNotApplicableList()),
        };
    }

    async analyzeStack(resources: AnalyzerStackResource[]): Promise<AnalysisResult> {
        const req = new analyzerproto.AnalyzeStackRequest();
        req.setResourcesList(
            resources.map((resource) => {
                const r = new analyzerproto.AnalyzerResource();
                fillResource(r, resource);
                r.setParent(resource.parent ?? "");
                r.setDependenciesList(resource.dependencies ?? []);
                for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) {
                    const deps = new analyzerproto.AnalyzerPropertyDependencies();
                    deps.setUrnsList(urns);
                    r.getPropertydependenciesMap().set(key, deps);
                }
                return r;
            }),
        );
        return toAnalysisResult(await this.callAsync("analyzeStack", wire(req, analyzerproto.AnalyzeStackRequest)));
    }

    private call<T>(method: keyof AnalyzerHandlers, request: unknown): T {
        let result: { err: unknown; response?: T } | undefined;
        this.handlers[method]({ request }, (err, response) => (result = { err, response: response as T }));
        if (!result) throw new Error(`analyzer ${method} did not answer synchronously`);
        if (result.err) throw result.err;
        return result.response as T;
    }

    private callAsync<T>(method: keyof AnalyzerHandlers, request: unknown): Promise<T> {
        return new Promise<T>((resolve, reject) => {
            this.handlers[method]({ request }, (err, response) => (err ? reject(err) : resolve(response as T)));
        });
    }
}

/**
 * Runs `serveFn` with grpc-js's Server told to keep the service implementation it is given and not to
 * open a port, and returns that implementation.
 */
function captureHandlers(serveFn: () => void): AnalyzerHandlers {
    const proto = grpc.Server.prototype as unknown as { addService: (service: unknown, implementation: AnalyzerHandlers) => void; bindAsync: (...args: unknown[]) => void };
    const { addService, bindAsync } = proto;
    let handlers: AnalyzerHandlers | undefined;
    proto.addService = function (_service: unknown, implementation: AnalyzerHandlers) {
        handlers = implementation;
    };
    proto.bindAsync = function () {
        /* in-process: no port, and nothing printed for an engine to read */
    };
    try {
        serveFn();
    } finally {
        proto.addService = addService;
        proto.bindAsync = bindAsync;
    }
    if (!handlers) throw new Error("@pulumi/policy did not register an analyzer service");
    return handlers;
}
