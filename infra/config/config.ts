// All configuration, read and validated in one place before any resource is declared. Bad input
// produces one ConfigError listing every problem (key, value given, rule), and nothing is registered.
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_KEYS, ConfigKey } from "./configKeys";
import { ConfigError } from "./configError";
import { ConfigReader, PatternRule, rule } from "./configReader";
import { KNOWN_EXTERNAL_CONNECTIONS, MAX_UPSTREAMS, isKnownExternalConnection, storeRepositoryName } from "./externalConnections";
import { INSTANCE_TYPE_PATTERN, unsupportedReason } from "./instanceTypes";
import { NETWORK_MODES, NetworkChoice, isNetworkMode } from "./networkChoice";
import { InternalNamespace, MAX_PACKAGE_GROUP_PATTERN_LENGTH, mergeNamespaces, packageGroupPattern } from "../components/packageGroups";
import { CrossAccountReaders, NAMESPACED_FORMATS, NamespacedFormat, PublisherNamespace } from "../iam/policyDocuments";

export { ConfigProblem } from "./configReader";
export { ConfigError } from "./configError";

/** The validated, typed configuration of one stack. */
export interface StackConfig {
    domainName: string;
    repositoryName: string;
    /** External connections in search order (one store repository each). */
    upstreams: string[];
    instanceType: string;
    /** Where the build host runs (see networkChoice.ts). */
    network: NetworkChoice;
    sessionManager: boolean;
    protect: boolean;
    tags: Record<string, string>;
    readers: CrossAccountReaders;
    /** Empty: no publisher identity is created. */
    publisherNamespaces: PublisherNamespace[];
    /**
     * Every namespace that gets a package group blocking external sources: the publisher's namespaces,
     * then the `internalNamespaces` not among them. Empty: no package groups.
     */
    internalNamespaces: InternalNamespace[];
    /** Undefined: the publisher component's default, `<domainName>-publisher`. */
    publisherRoleName?: string;
    /** Empty: the publisher component's default, this account's root. */
    publisherTrustedPrincipalArns: string[];
    tokenDurationSeconds: number;
    /** Undefined: the stack's roles get no permissions boundary. */
    permissionsBoundaryPolicy?: string;
}

/** Each pattern-checked value's pattern, and the rule the error states (with the pattern in it). */
const PATTERNS = {
    domainName: rule(/^[a-z][a-z0-9-]{0,48}[a-z0-9]$/, "2-50 characters: lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen"),
    repositoryName: rule(/^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$/, "2-100 characters: letters, digits, '.', '_' and '-', starting with a letter or digit"),
    instanceType: rule(INSTANCE_TYPE_PATTERN, "an EC2 instance type such as t3.micro or t4g.small"),
    subnetId: rule(/^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/, "a subnet id"),
    readerOrganizationId: rule(/^o-[a-z0-9]{10,32}$/, "an AWS Organization id; empty for none"),
    readerAccountId: rule(/^\d{12}$/, "a 12-digit AWS account id"),
    namespace: rule(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "a package namespace such as a Maven groupId"),
    publisherRoleName: rule(/^[\w+=,.@-]{1,64}$/, "an IAM role name; empty for <domainName>-publisher"),
    permissionsBoundaryPolicy: rule(/^[\w+=,.@-]{1,128}$/, "an IAM policy name (not an ARN): letters, digits and + = , . @ _ -; empty for none"),
    trustedPrincipalArn: rule(/^arn:aws[a-z-]*:iam::\d{12}:(root|role\/[\w+=,.@/-]+)$/, "an IAM account root or role ARN"),
};
const TOKEN_DURATION = { min: 900, max: 43200 };
const TAG_KEY_MAX = 128;
const TAG_VALUE_MAX = 256;

/**
 * Validates raw config values (by key, as `pulumi.Config.get` returns them: strings, arrays as JSON
 * text) and applies the defaults. Pure: tests call it without Pulumi. Throws ConfigError.
 */
export function validateConfig(raw: Record<string, string | undefined>): StackConfig {
    const read = new ConfigReader(raw);

    const domainName = read.matching("domainName", PATTERNS.domainName);
    const upstreams = readUpstreams(read);
    const repositoryName = readRepositoryName(read, upstreams ?? []);
    const instanceType = readInstanceType(read);
    const network = readNetwork(read);
    const sessionManager = read.boolean("sessionManager");
    const protect = read.boolean("protect");
    const tags = readTags(read);
    const organizationId = read.optionalMatching("readerOrganizationId", PATTERNS.readerOrganizationId);
    const accountIds = readEach(read, "readerAccountIds", PATTERNS.readerAccountId, { unique: true });
    const publisherNamespaces = readNamespaces(read, "publisherNamespaces");
    const internalNamespaces = readNamespaces(read, "internalNamespaces");
    const publisherRoleName = read.optionalMatching("publisherRoleName", PATTERNS.publisherRoleName);
    const trustedPrincipals = readEach(read, "publisherTrustedPrincipalArns", PATTERNS.trustedPrincipalArn, { unique: false });
    const tokenDurationSeconds = read.integer("tokenDurationSeconds", TOKEN_DURATION.min, TOKEN_DURATION.max);
    const permissionsBoundaryPolicy = read.optionalMatching("permissionsBoundaryPolicy", PATTERNS.permissionsBoundaryPolicy);

    if (read.problems.length > 0) throw new ConfigError(read.problems);
    // No problems means every reader above returned a value; the assertions only inform the compiler.
    return {
        domainName: domainName!,
        repositoryName: repositoryName!,
        upstreams: upstreams!,
        instanceType: instanceType!,
        network: network!,
        sessionManager: sessionManager!,
        protect: protect!,
        tags: tags!,
        readers: { ...(organizationId ? { organizationId } : {}), accountIds: accountIds! },
        publisherNamespaces: publisherNamespaces!,
        internalNamespaces: mergeNamespaces(publisherNamespaces!, internalNamespaces!),
        ...(publisherRoleName ? { publisherRoleName } : {}),
        publisherTrustedPrincipalArns: trustedPrincipals!,
        tokenDurationSeconds: tokenDurationSeconds!,
        ...(permissionsBoundaryPolicy ? { permissionsBoundaryPolicy } : {}),
    };
}

/** Reads the stack's configuration through Pulumi and validates it. */
export function loadConfig(): StackConfig {
    const config = new pulumi.Config();
    const raw: Record<string, string | undefined> = {};
    for (const key of Object.keys(CONFIG_KEYS) as ConfigKey[]) raw[key] = config.get(key);
    return validateConfig(raw);
}

/** `network`, and the `subnetId` that only the `subnet` mode takes (and requires). */
function readNetwork(read: ConfigReader): NetworkChoice | undefined {
    const mode = read.string("network"); // has a default, so never undefined
    const subnetText = read.text("subnetId") ?? "";
    if (mode === undefined) return undefined;
    if (!isNetworkMode(mode)) {
        read.problem("network", mode, `must be one of ${NETWORK_MODES.join(", ")}`);
        return undefined;
    }
    if (mode !== "subnet") {
        if (subnetText === "") return { mode };
        read.problem("subnetId", subnetText, `must be empty with network: ${mode} (a subnet is used only with network: subnet)`);
        return undefined;
    }
    if (subnetText === "") {
        read.problem("subnetId", read.text("subnetId"), "is required with network: subnet (the subnet the build host runs in)");
        return undefined;
    }
    const subnetId = read.matching("subnetId", PATTERNS.subnetId);
    return subnetId === undefined ? undefined : { mode, subnetId };
}

function readUpstreams(read: ConfigReader): string[] | undefined {
    const upstreams = read.stringArray("upstreams");
    if (upstreams === undefined) return undefined;
    const before = read.problems.length;
    upstreams.forEach((name, index) => {
        if (!isKnownExternalConnection(name)) {
            read.problem("upstreams", name, `must be a known external connection: ${KNOWN_EXTERNAL_CONNECTIONS.join(", ")}`, index);
        }
    });
    read.noDuplicates("upstreams", upstreams);
    if (upstreams.length > MAX_UPSTREAMS) {
        read.problem("upstreams", read.text("upstreams"), `lists ${upstreams.length} upstreams; a repository takes at most ${MAX_UPSTREAMS}`);
    }
    return read.problems.length === before ? upstreams : undefined;
}

function readInstanceType(read: ConfigReader): string | undefined {
    const instanceType = read.matching("instanceType", PATTERNS.instanceType);
    const unsupported = instanceType === undefined ? undefined : unsupportedReason(instanceType);
    if (unsupported === undefined) return instanceType;
    read.problem("instanceType", instanceType, `must be a type Amazon Linux 2023 runs on (${unsupported})`);
    return undefined;
}

function readRepositoryName(read: ConfigReader, upstreams: readonly string[]): string | undefined {
    const name = read.matching("repositoryName", PATTERNS.repositoryName);
    if (name === undefined) return undefined;
    const storeNames = upstreams.map(storeRepositoryName);
    if (storeNames.includes(name)) {
        read.problem("repositoryName", name, `must differ from the store repositories the upstreams create (${storeNames.join(", ")})`);
        return undefined;
    }
    return name;
}

function readTags(read: ConfigReader): Record<string, string> | undefined {
    const entries = read.stringArray("tags");
    if (entries === undefined) return undefined;
    const before = read.problems.length;
    const tags: Record<string, string> = {};
    entries.forEach((entry, index) => {
        const separator = entry.indexOf("=");
        const key = separator < 0 ? entry : entry.slice(0, separator);
        const value = separator < 0 ? "" : entry.slice(separator + 1);
        if (separator < 0) {
            read.problem("tags", entry, "must be Key=Value", index);
        } else if (key.length < 1 || key.length > TAG_KEY_MAX) {
            read.problem("tags", entry, `must have a key of 1-${TAG_KEY_MAX} characters (Key=Value)`, index);
        } else if (key.toLowerCase().startsWith("aws:")) {
            read.problem("tags", entry, "must not use a key starting with aws: (reserved by AWS)", index);
        } else if (value.length > TAG_VALUE_MAX) {
            read.problem("tags", entry, `must have a value of at most ${TAG_VALUE_MAX} characters`, index);
        } else {
            tags[key] = value;
        }
    });
    read.noDuplicates("tags", entries, (entry) => entry.split("=")[0]);
    return read.problems.length === before ? tags : undefined;
}

/**
 * A list of FORMAT/NAMESPACE entries (publisherNamespaces, internalNamespaces): a format that has
 * namespaces, a namespace without wildcards, unique, and short enough to be a package group pattern.
 */
function readNamespaces(read: ConfigReader, key: "publisherNamespaces" | "internalNamespaces"): PublisherNamespace[] | undefined {
    const entries = read.stringArray(key);
    if (entries === undefined) return undefined;
    const before = read.problems.length;
    const namespaces: PublisherNamespace[] = [];
    entries.forEach((entry, index) => {
        const separator = entry.indexOf("/");
        const format = entry.slice(0, Math.max(separator, 0));
        const namespace = entry.slice(separator + 1);
        if (separator < 0 || !(NAMESPACED_FORMATS as readonly string[]).includes(format)) {
            const formats = NAMESPACED_FORMATS.join(", ");
            read.problem(key, entry, `must be FORMAT/NAMESPACE with FORMAT one of ${formats} (the formats that have namespaces)`, index);
        } else if (!PATTERNS.namespace.pattern.test(namespace)) {
            const pattern = PATTERNS.namespace.pattern.source;
            read.problem(key, entry, `must be FORMAT/NAMESPACE with NAMESPACE matching ${pattern} (no wildcards; npm scopes without @)`, index);
        } else {
            const parsed = { format: format as NamespacedFormat, namespace };
            const groupPattern = packageGroupPattern(parsed);
            if (groupPattern.length > MAX_PACKAGE_GROUP_PATTERN_LENGTH) {
                read.problem(key, entry, `must fit a package group pattern (${groupPattern.length} characters as /FORMAT/NAMESPACE/*; at most ${MAX_PACKAGE_GROUP_PATTERN_LENGTH})`, index);
            } else {
                namespaces.push(parsed);
            }
        }
    });
    read.noDuplicates(key, entries);
    return read.problems.length === before ? namespaces : undefined;
}

/** An array key whose every item must match `check`, and (when asked) be unique. */
function readEach(read: ConfigReader, key: ConfigKey, check: PatternRule, options: { unique: boolean }): string[] | undefined {
    const items = read.stringArray(key);
    if (items === undefined) return undefined;
    const before = read.problems.length;
    items.forEach((item, index) => {
        if (!check.pattern.test(item)) read.problem(key, item, check.rule, index);
    });
    if (options.unique) read.noDuplicates(key, items);
    return read.problems.length === before ? items : undefined;
}
