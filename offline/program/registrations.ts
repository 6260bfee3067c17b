// What a program registered, as the engine would have received it.
//
// Under Pulumi mocks the `newResource` hook only sees a resource's type, name and deserialized inputs:
// resource options (protect, parent, dependsOn, ignoreChanges) and the unknown values of a preview are
// gone by then. The mock monitor itself, though, receives the full RegisterResourceRequest, exactly
// what the engine gets from the language host. We wrap that one method and keep the request.
import * as resproto from "@pulumi/pulumi/proto/resource_pb";

/** A resource registration, in the wire form the engine (and so the policy pack) sees. */
export interface Registration {
    urn: string;
    type: string;
    name: string;
    /** false for component resources (and the stack): the engine does not ask a provider for them. */
    custom: boolean;
    /** A component its provider plugin builds (multi-language, e.g. awsx's): its children come from the plugin. */
    remote?: boolean;
    parent?: string;
    /** The provider reference `URN::ID`, when one was given or defaulted. */
    provider?: string;
    protect: boolean;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /**
     * The inputs as serialized by the SDK: plain JSON, with the unknown-value sentinel
     * (`04da6b54-...`) wherever a value is not known during preview, and Pulumi's signature objects
     * for secrets, assets and resource references.
     */
    inputs: Record<string, unknown>;
    ignoreChanges: string[];
    deleteBeforeReplace?: boolean;
    additionalSecretOutputs: string[];
    aliases: string[];
    customTimeouts?: { create: string; update: string; delete: string };
    retainOnDelete?: boolean;
    /** Outputs a component registered with `registerOutputs` (wire form), when it did. */
    outputs?: Record<string, unknown>;
    /** The provider version the SDK asked for (`@pulumi/aws` sends its own); picks the default provider. */
    version?: string;
    pluginDownloadURL?: string;
    /** What the monitor answered: the id ("" while unknown in preview) and the state (wire form). */
    id?: string;
    state?: Record<string, unknown>;
}

type Callback<Response> = (err: unknown, response?: Response) => void;

interface MonitorLike {
    registerResource(req: resproto.RegisterResourceRequest, callback: Callback<resproto.RegisterResourceResponse>): unknown;
    registerResourceOutputs(req: resproto.RegisterResourceOutputsRequest, callback: Callback<unknown>): unknown;
}

/**
 * Starts recording every registration `mockMonitor` (the SDK's settings.getMonitor() after
 * `pulumi.runtime.setMocks`) receives. Call it before the program runs; the returned list fills as
 * the program registers resources, in registration order.
 */
export function recordRegistrations(mockMonitor: unknown): Registration[] {
    const monitor = mockMonitor as MonitorLike | undefined;
    if (!monitor) {
        throw new Error("recordRegistrations: no monitor; call pulumi.runtime.setMocks first");
    }
    const registrations: Registration[] = [];
    const byUrn = new Map<string, Registration>();

    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) =>
        registerResource(req, (err, response) => {
            if (!err && response) {
                const registration = toRegistration(req, response.getUrn());
                registration.id = response.getId();
                registration.state = (response.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
                registrations.push(registration);
                byUrn.set(registration.urn, registration);
            }
            callback(err, response);
        });

    const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, callback) => {
        const registration = byUrn.get(req.getUrn());
        if (registration) {
            registration.outputs = (req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        }
        return registerResourceOutputs(req, callback);
    };
    return registrations;
}

function toRegistration(req: resproto.RegisterResourceRequest, urn: string): Registration {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => {
        propertyDependencies[key] = deps.getUrnsList();
    });
    const timeouts = req.getCustomtimeouts();
    const registration: Registration = {
        urn,
        type: req.getType(),
        name: req.getName(),
        custom: req.getCustom(),
        protect: req.hasProtect() ? Boolean(req.getProtect()) : false,
        dependencies: req.getDependenciesList(),
        propertyDependencies,
        inputs: (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
        ignoreChanges: req.getIgnorechangesList(),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        aliases: req.getAliasurnsList(),
    };
    if (req.getRemote()) registration.remote = true;
    if (req.getParent()) registration.parent = req.getParent();
    if (req.getProvider()) registration.provider = req.getProvider();
    if (req.getDeletebeforereplacedefined()) registration.deleteBeforeReplace = req.getDeletebeforereplace();
    if (timeouts) {
        registration.customTimeouts = {
            create: timeouts.getCreate(),
            update: timeouts.getUpdate(),
            delete: timeouts.getDelete(),
        };
    }
    if (req.hasRetainondelete()) registration.retainOnDelete = Boolean(req.getRetainondelete());
    if (req.getVersion()) registration.version = req.getVersion();
    if (req.getPlugindownloadurl()) registration.pluginDownloadURL = req.getPlugindownloadurl();
    return registration;
}
