// What the engine holds once a program has registered its resources, built from the recorded
// registrations: the resources in registration order, each with the inputs its provider's Check
// returned, the outputs its Create returned, its provider, and the default provider resources the
// engine adds on its own (pkg/resource/deploy/source_eval.go, newRegisterDefaultProviderEvent):
// `pulumi:providers:PKG::default_X_Y_Z`, no parent, the package's stack config (`aws:region`...)
// plus `version` as inputs, registered just before the first resource that needs it.
import { checkInputs } from "../aws/awsResources";
import { UNKNOWN } from "../aws/resourceModel";
import { Registration } from "../program/registrations";

export interface ProviderRef {
    urn: string;
    type: string;
    name: string;
    props: Record<string, unknown>;
}

export interface EngineResource {
    urn: string;
    type: string;
    name: string;
    /** false for component resources and the stack. */
    custom: boolean;
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    protect: boolean;
    ignoreChanges: string[];
    deleteBeforeReplace?: boolean;
    additionalSecretOutputs: string[];
    aliases: string[];
    customTimeouts?: { create: string; update: string; delete: string };
    provider?: ProviderRef;
    /** Wire form, as Analyze receives them: after Check, resource references lowered to id or URN. */
    inputs: Record<string, unknown>;
    /** Wire form, as AnalyzeStack receives them. */
    outputs: Record<string, unknown>;
    /** True for a provider resource the engine added itself. */
    defaultProvider?: boolean;
}

export interface ViewContext {
    stack: string;
    project: string;
    /** The stack config: a default provider takes its package's keys as inputs. */
    config: Record<string, string>;
}

const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

export function engineView(registrations: readonly Registration[], ctx: ViewContext): EngineResource[] {
    const view: EngineResource[] = [];
    const byUrn = new Map(registrations.map((r) => [r.urn, r]));
    const defaults = new Map<string, EngineResource>();

    for (const reg of registrations) {
        let provider: ProviderRef | undefined;
        const isProvider = reg.type.startsWith("pulumi:providers:");
        if (reg.custom && !isProvider) {
            if (reg.provider) {
                const urn = reg.provider.slice(0, reg.provider.lastIndexOf("::"));
                const explicit = byUrn.get(urn);
                if (explicit) provider = { urn, type: explicit.type, name: explicit.name, props: lower(explicit.inputs) };
            } else {
                const def = defaultProvider(reg, ctx);
                if (!defaults.has(def.urn)) {
                    defaults.set(def.urn, def);
                    view.push(def);
                }
                provider = { urn: def.urn, type: def.type, name: def.name, props: def.inputs };
            }
        }
        const inputs = lower(reg.custom && !isProvider ? checkInputs(reg.type, reg.name, reg.inputs) : reg.inputs);
        view.push({
            urn: reg.urn,
            type: reg.type,
            name: reg.name,
            custom: reg.custom,
            ...(reg.parent ? { parent: reg.parent } : {}),
            dependencies: reg.dependencies,
            propertyDependencies: reg.propertyDependencies,
            protect: reg.protect,
            ignoreChanges: reg.ignoreChanges,
            ...(reg.deleteBeforeReplace !== undefined ? { deleteBeforeReplace: reg.deleteBeforeReplace } : {}),
            additionalSecretOutputs: reg.additionalSecretOutputs,
            aliases: reg.aliases,
            ...(reg.customTimeouts ? { customTimeouts: reg.customTimeouts } : {}),
            ...(provider ? { provider } : {}),
            inputs,
            // A component's outputs are what it passed to registerOutputs; a custom resource's, what
            // its provider returned (a provider resource returns its inputs).
            outputs: lower(reg.custom ? reg.state ?? {} : reg.outputs ?? {}),
        });
    }
    return view;
}

function defaultProvider(reg: Registration, ctx: ViewContext): EngineResource {
    const pkg = reg.type.split(":")[0];
    const name = reg.version ? `default_${reg.version.replace(/[.\-+]/g, "_")}` : "default";
    const inputs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(ctx.config)) {
        if (key.startsWith(`${pkg}:`)) inputs[key.slice(pkg.length + 1)] = value;
    }
    if (reg.version) inputs.version = reg.version;
    const type = `pulumi:providers:${pkg}`;
    return {
        urn: `urn:pulumi:${ctx.stack}::${ctx.project}::${type}::${name}`,
        type,
        name,
        custom: true,
        dependencies: [],
        propertyDependencies: {},
        protect: false,
        ignoreChanges: [],
        additionalSecretOutputs: [],
        aliases: [],
        inputs,
        outputs: inputs,
        defaultProvider: true,
    };
}

/**
 * The analyzer's marshalling (KeepResources off): a resource reference becomes its id when it has
 * one (unknown in preview until the id is), else its URN.
 */
function lower<T>(value: T): T {
    if (Array.isArray(value)) return value.map(lower) as unknown as T;
    if (value === null || typeof value !== "object") return value;
    const object = value as Record<string, unknown>;
    if (object[SIG_KEY] === RESOURCE_REFERENCE_SIG) {
        if ("id" in object) return (object.id === "" ? UNKNOWN : object.id) as unknown as T;
        return object.urn as T;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(object)) out[k] = lower(v);
    return out as T;
}
