// The stack's configuration surface, declared once. Pulumi.yaml declares the same keys, types and
// defaults for the CLI (a test keeps the two in step); config.ts validates values against them.

import { DEFAULT_UPSTREAMS } from "./externalConnections";
import { DEFAULT_INSTANCE_TYPE } from "./instanceTypes";

export const CONFIG_NAMESPACE = "secure-packages";

export type ConfigValueType = "string" | "integer" | "boolean" | "array";

export interface ConfigKeySpec {
    type: ConfigValueType;
    description: string;
    /** Absent for a required key. Arrays hold strings. */
    default?: string | number | boolean | readonly string[];
}

export const CONFIG_KEYS = {
    domainName: {
        type: "string",
        description: "CodeArtifact domain name (2-50 chars: lowercase letters, digits, hyphens). Public: it appears in DNS.",
    },
    repositoryName: {
        type: "string",
        description: "The team repository builds read from (2-100 chars: letters, digits, . _ -).",
    },
    upstreams: {
        type: "array",
        description: "External connections, in search order; each gets a store repository named <source>-store.",
        default: DEFAULT_UPSTREAMS,
    },
    instanceType: {
        type: "string",
        description: "EC2 instance type of the build host; Graviton types (a1, t4g, m7gd...) get the arm64 AMI; mac types are refused.",
        default: DEFAULT_INSTANCE_TYPE,
    },
    network: {
        type: "string",
        description: "Where the build host runs: private (a VPC of its own that reaches only CodeArtifact and the AWS services it needs), default-vpc, or subnet (with subnetId).",
        default: "private",
    },
    subnetId: {
        type: "string",
        description: "With network: subnet, the subnet for the build host (it needs a 443 path out); empty otherwise.",
        default: "",
    },
    sessionManager: {
        type: "boolean",
        description: "Attach AmazonSSMManagedInstanceCore so operators reach the host through Session Manager.",
        default: true,
    },
    protect: {
        type: "boolean",
        description: "Protect the KMS key, domain and repositories from deletion (deleting them loses every package).",
        default: true,
    },
    tags: {
        type: "array",
        description: "Extra tags as Key=Value strings, applied to every taggable resource.",
        default: [],
    },
    readerOrganizationId: {
        type: "string",
        description: "AWS Organization (o-...) whose principals may read packages; empty for none.",
        default: "",
    },
    readerAccountIds: {
        type: "array",
        description: "Other 12-digit account ids whose principals may read packages.",
        default: [],
    },
    publisherNamespaces: {
        type: "array",
        description: "FORMAT/NAMESPACE the publisher role may publish to (e.g. maven/com.example); empty for no publisher.",
        default: [],
    },
    internalNamespaces: {
        type: "array",
        description: "FORMAT/NAMESPACE only the team publishes (e.g. maven/com.example), besides publisherNamespaces: each gets a package group that blocks Maven Central and other external sources.",
        default: [],
    },
    publisherRoleName: {
        type: "string",
        description: "Name of the publisher IAM role; empty means <domainName>-publisher.",
        default: "",
    },
    publisherTrustedPrincipalArns: {
        type: "array",
        description: "IAM principals (account root or role ARNs) allowed to assume the publisher role; empty means this account.",
        default: [],
    },
    permissionsBoundaryPolicy: {
        type: "string",
        description: "Customer managed IAM policy (name, in this account) set as the permissions boundary of every role the stack creates; bootstrap/ creates secure-packages-STACK-boundary. Empty for none.",
        default: "",
    },
    tokenDurationSeconds: {
        type: "integer",
        description: "Lifetime of the CodeArtifact tokens the build host and tokenCommand request (900-43200).",
        default: 3600,
    },
} as const satisfies Record<string, ConfigKeySpec>;

export type ConfigKey = keyof typeof CONFIG_KEYS;

/** `secure-packages:domainName`: how users name the key in `pulumi config set` and stack files. */
export function fullConfigKey(key: ConfigKey): string {
    return `${CONFIG_NAMESPACE}:${key}`;
}

/** The key's default as declared above; undefined for a required key. */
export function defaultValue(key: ConfigKey): ConfigKeySpec["default"] {
    return (CONFIG_KEYS[key] as ConfigKeySpec).default;
}
