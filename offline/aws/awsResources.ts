// What the AWS provider does with a resource, as far as a policy can see it: Check (auto-naming),
// then Create, which in preview only plans (computed outputs unknown) and in an update returns the
// real values. The values here are realistic shapes for a fixed fake account, not real resources.
//
// Per type, four kinds of output:
// - autoName: the property the provider names `<logical name>-<7 hex>` during Check when the program
//   gives none (tfbridge AutoName; known in preview too, since Check runs there);
// - computed: always set by AWS (arn, id, owner...): UNKNOWN in preview, realistic in an update;
// - defaults: Terraform schema defaults (Role path "/"): known in both modes;
// - optionalComputed: optional inputs AWS fills when the program leaves them out (an instance's
//   metadataOptions, a security group's vpcId): unknown in preview, AWS's default in an update. An
//   object the program gives in part keeps its fields and gets the rest the same way.
// Types not listed get an id only (see modelOf).
import { networkModels } from "./awsNetworkResources";
import { AWS_NATIVE_MODELS } from "./awsNativeResources";
import { Account, ResourceContext, TypeModel, UNKNOWN, WireInputs, arn, defaultSubnetIds, defaultVpcId, hexFor } from "./resourceModel";

const iamArn = (r: ResourceContext, kind: string) => arn(r, "iam", `${kind}${r.inputs.path ?? "/"}${r.inputs.name}`, "");
const uuid = (r: ResourceContext, salt = "uuid") => {
    const h = r.hex(32, salt);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const uniqueId = (r: ResourceContext, prefix: string) => prefix + r.hex(17, "unique").toUpperCase().replace(/[^A-Z0-9]/g, "X").slice(0, 17);
const digits = (r: ResourceContext, n: number) => BigInt(`0x${r.hex(24, "digits")}`).toString().padStart(n, "0").slice(0, n);
const CREATED = "2025-01-01T00:00:00Z";
const codeartifactDomainArn = (r: ResourceContext, domain: string) => arn(r, "codeartifact", `domain/${domain}`);
const codeartifactRepositoryArn = (r: ResourceContext) =>
    arn(r, "codeartifact", `repository/${r.inputs.domain}/${r.inputs.repository}`, r.account.region, r.inputs.domainOwner ?? r.account.accountId);
const defaultKeyPolicy = (r: ResourceContext) =>
    JSON.stringify({
        Version: "2012-10-17",
        Id: "key-default-1",
        Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:${r.account.partition}:iam::${r.account.accountId}:root` }, Action: "kms:*", Resource: "*" }],
    });
const iamNamed = (kind: string, prefix: string, maxLength: number): TypeModel => ({
    autoName: { property: "name", maxLength },
    id: (r) => r.inputs.name,
    computed: (r) => ({ arn: iamArn(r, kind), uniqueId: uniqueId(r, prefix), createDate: CREATED }),
    defaults: { path: "/" },
});

const MODELS: Record<string, TypeModel> = {
    "aws:kms/key:Key": {
        id: (r) => uuid(r),
        computed: (r) => ({ arn: arn(r, "kms", `key/${uuid(r)}`), keyId: uuid(r) }),
        defaults: { bypassPolicyLockoutSafetyCheck: false, customerMasterKeySpec: "SYMMETRIC_DEFAULT", enableKeyRotation: false, isEnabled: true, keyUsage: "ENCRYPT_DECRYPT" },
        optionalComputed: (r) => ({ policy: defaultKeyPolicy(r), multiRegion: false, description: "" }),
    },
    "aws:kms/alias:Alias": {
        id: (r) => r.inputs.name,
        computed: (r) => ({ arn: arn(r, "kms", String(r.inputs.name)), targetKeyArn: arn(r, "kms", `key/${r.inputs.targetKeyId}`) }),
        optionalComputed: (r) => ({ name: `alias/${r.name}-${r.hex(7)}` }),
    },
    "aws:codeartifact/domain:Domain": {
        id: (r) => codeartifactDomainArn(r, r.inputs.domain),
        computed: (r) => ({
            arn: codeartifactDomainArn(r, r.inputs.domain),
            owner: r.account.accountId,
            s3BucketArn: `arn:${r.account.partition}:s3:::assets-${digits(r, 12)}-${r.account.region}`,
            assetSizeBytes: "0",
            repositoryCount: 0,
            createdTime: CREATED,
        }),
        optionalComputed: (r) => ({ encryptionKey: arn(r, "kms", `key/${uuid(r, "aws/codeartifact")}`) }),
    },
    "aws:codeartifact/repository:Repository": {
        id: (r) => codeartifactRepositoryArn(r),
        computed: (r) => ({ arn: codeartifactRepositoryArn(r), administratorAccount: r.account.accountId }),
        optionalComputed: (r) => ({ domainOwner: r.account.accountId }),
    },
    "aws:codeartifact/domainPermissions:DomainPermissions": {
        id: (r) => codeartifactDomainArn(r, r.inputs.domain),
        computed: (r) => ({ resourceArn: codeartifactDomainArn(r, r.inputs.domain), policyRevision: r.hex(44, "revision") }),
        optionalComputed: (r) => ({ domainOwner: r.account.accountId }),
    },
    "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy": {
        id: (r) => codeartifactRepositoryArn(r),
        computed: (r) => ({ resourceArn: codeartifactRepositoryArn(r), policyRevision: r.hex(44, "revision") }),
        optionalComputed: (r) => ({ domainOwner: r.account.accountId }),
    },
    ...AWS_NATIVE_MODELS,
    "aws:iam/role:Role": {
        ...iamNamed("role", "AROA", 64),
        defaults: { path: "/", maxSessionDuration: 3600, forceDetachPolicies: false },
        optionalComputed: () => ({ managedPolicyArns: [], inlinePolicies: [], description: "" }),
    },
    "aws:iam/user:User": { ...iamNamed("user", "AIDA", 64), defaults: { path: "/", forceDestroy: false } },
    "aws:iam/group:Group": iamNamed("group", "AGPA", 128),
    "aws:iam/instanceProfile:InstanceProfile": iamNamed("instance-profile", "AIPA", 128),
    "aws:iam/policy:Policy": {
        autoName: { property: "name", maxLength: 128 },
        id: (r) => iamArn(r, "policy"),
        computed: (r) => ({ arn: iamArn(r, "policy"), policyId: uniqueId(r, "ANPA"), attachmentCount: 0 }),
        defaults: { path: "/" },
        optionalComputed: () => ({ description: "" }),
    },
    "aws:iam/rolePolicy:RolePolicy": { autoName: { property: "name", maxLength: 128 }, id: (r) => `${r.inputs.role}:${r.inputs.name}` },
    "aws:iam/userPolicy:UserPolicy": { autoName: { property: "name", maxLength: 128 }, id: (r) => `${r.inputs.user}:${r.inputs.name}` },
    "aws:iam/groupPolicy:GroupPolicy": { autoName: { property: "name", maxLength: 128 }, id: (r) => `${r.inputs.group}:${r.inputs.name}` },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { id: (r) => `${r.inputs.role}-${digits(r, 26)}` },
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": { id: (r) => `${r.inputs.user}-${digits(r, 26)}` },
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": { id: (r) => `${r.inputs.group}-${digits(r, 26)}` },
    "aws:iam/policyAttachment:PolicyAttachment": { id: (r) => r.inputs.name },
    "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive": { id: (r) => r.inputs.roleName },
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": { id: (r) => r.inputs.roleName },
    "aws:iam/accessKey:AccessKey": {
        id: (r) => `AKIA${r.hex(16, "key").toUpperCase()}`,
        computed: (r) => ({ secret: r.hex(40, "secret"), sesSmtpPasswordV4: r.hex(44, "smtp"), createDate: CREATED }),
        defaults: { status: "Active" },
    },
    "aws:ec2/instance:Instance": {
        id: (r) => `i-0${r.hex(16)}`,
        computed: (r) => {
            const ip = privateIp(r);
            return {
                arn: arn(r, "ec2", `instance/i-0${r.hex(16)}`),
                privateIp: ip,
                privateDns: `ip-${ip.replace(/\./g, "-")}.${r.account.region === "us-east-1" ? "ec2.internal" : `${r.account.region}.compute.internal`}`,
                primaryNetworkInterfaceId: `eni-0${r.hex(16, "eni")}`,
                instanceState: "running",
                outpostArn: "",
                passwordData: "",
            };
        },
        defaults: { getPasswordData: false, sourceDestCheck: true, userDataReplaceOnChange: false },
        optionalComputed: (r) => ({
            availabilityZone: `${r.account.region}a`,
            subnetId: defaultSubnetIds(r.account)[0],
            vpcSecurityGroupIds: [`sg-0${r.hex(16, "default-sg")}`],
            associatePublicIpAddress: true,
            publicIp: `54.${parseInt(r.hex(2, "p1"), 16)}.${parseInt(r.hex(2, "p2"), 16)}.${parseInt(r.hex(2, "p3"), 16)}`,
            ebsOptimized: false,
            monitoring: false,
            tenancy: "default",
            keyName: "",
            metadataOptions: { httpEndpoint: "enabled", httpProtocolIpv6: "disabled", httpPutResponseHopLimit: 1, httpTokens: "optional", instanceMetadataTags: "disabled" },
            rootBlockDevice: { deleteOnTermination: true, deviceName: "/dev/xvda", encrypted: false, iops: 3000, kmsKeyId: "", throughput: 125, volumeId: `vol-0${r.hex(16, "vol")}`, volumeSize: 8, volumeType: "gp3" },
        }),
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        autoName: { property: "name", maxLength: 255 },
        id: (r) => `sg-0${r.hex(16)}`,
        computed: (r) => ({ arn: arn(r, "ec2", `security-group/sg-0${r.hex(16)}`), ownerId: r.account.accountId }),
        defaults: { description: "Managed by Pulumi", revokeRulesOnDelete: false },
        optionalComputed: (r) => ({ vpcId: defaultVpcId(r.account), ingress: [], egress: [] }),
    },
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
        id: (r) => `sg-0${r.hex(16)}`,
        computed: (r) => ({ arn: arn(r, "ec2", `security-group/sg-0${r.hex(16)}`), ownerId: r.account.accountId, name: "default", description: "default VPC security group" }),
        defaults: { revokeRulesOnDelete: false },
    },
    ...networkModels(),
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": securityGroupRule(),
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": securityGroupRule(),
    "aws:ec2/securityGroupRule:SecurityGroupRule": { id: (r) => `sgrule-${digits(r, 10)}`, computed: (r) => ({ securityGroupRuleId: `sgr-0${r.hex(16)}` }) },
    "aws:s3/bucket:Bucket": {
        autoName: { property: "bucket", maxLength: 63, lowercase: true },
        id: (r) => r.inputs.bucket,
        computed: (r) => ({
            arn: `arn:${r.account.partition}:s3:::${r.inputs.bucket}`,
            bucketDomainName: `${r.inputs.bucket}.s3.amazonaws.com`,
            bucketRegionalDomainName: `${r.inputs.bucket}.s3.${r.account.region}.amazonaws.com`,
            hostedZoneId: "Z3AQBSTGFYJSTF",
            region: r.account.region,
        }),
        defaults: { forceDestroy: false },
    },
    "aws:ssm/parameter:Parameter": {
        autoName: { property: "name", maxLength: 2048 },
        id: (r) => r.inputs.name,
        computed: (r) => ({ arn: arn(r, "ssm", `parameter/${String(r.inputs.name).replace(/^\//, "")}`), version: 1 }),
        defaults: { dataType: "text", tier: "Standard" },
    },
    "aws:cloudwatch/logGroup:LogGroup": {
        autoName: { property: "name", maxLength: 512 },
        id: (r) => r.inputs.name,
        computed: (r) => ({ arn: arn(r, "logs", `log-group:${r.inputs.name}`) }),
        defaults: { retentionInDays: 0, skipDestroy: false },
    },
    "aws:sns/topic:Topic": { autoName: { property: "name", maxLength: 256 }, id: (r) => arn(r, "sns", r.inputs.name), computed: (r) => ({ arn: arn(r, "sns", r.inputs.name) }) },
    "aws:sqs/queue:Queue": {
        autoName: { property: "name", maxLength: 80 },
        id: (r) => `https://sqs.${r.account.region}.amazonaws.com/${r.account.accountId}/${r.inputs.name}`,
        computed: (r) => ({ arn: arn(r, "sqs", r.inputs.name), url: `https://sqs.${r.account.region}.amazonaws.com/${r.account.accountId}/${r.inputs.name}` }),
    },
    "aws:lambda/function:Function": {
        autoName: { property: "name", maxLength: 64 },
        id: (r) => r.inputs.name,
        computed: (r) => ({ arn: arn(r, "lambda", `function:${r.inputs.name}`), qualifiedArn: arn(r, "lambda", `function:${r.inputs.name}:$LATEST`), version: "$LATEST" }),
    },
};

function securityGroupRule(): TypeModel {
    return {
        id: (r) => `sgr-0${r.hex(16)}`,
        computed: (r) => ({ arn: arn(r, "ec2", `security-group-rule/sgr-0${r.hex(16)}`), securityGroupRuleId: `sgr-0${r.hex(16)}` }),
    };
}

function privateIp(r: ResourceContext): string {
    const h = r.hex(4, "ip");
    return `172.31.${parseInt(h.slice(0, 2), 16) % 16}.${(parseInt(h.slice(2), 16) % 250) + 4}`;
}

/**
 * A type's model, or the generic one: an id and nothing else. Inventing an `arn` for a type whose
 * outputs are unknown here would show policies an attribute the real resource may not have.
 */
function modelOf(type: string): TypeModel {
    return MODELS[type] ?? { id: (r) => `${r.name}-${r.hex(7)}` };
}

/** Whether the stand-in models this type's computed outputs (other types get only an id). */
export function isModelledType(type: string): boolean {
    return type in MODELS;
}

/** Whether the provider's Check names this resource when the program gives no name. */
export function autoNameOf(type: string): TypeModel["autoName"] {
    return MODELS[type]?.autoName;
}

/**
 * Check: the inputs the engine stores and the policy pack's Analyze sees. Only auto-naming is
 * modelled (a Pulumi-side default, certain to apply); `namePrefix` suppresses it.
 */
export function checkInputs<T extends Record<string, unknown>>(type: string, name: string, inputs: T): T {
    const auto = autoNameOf(type);
    if (!auto || inputs[auto.property] !== undefined || inputs.namePrefix !== undefined) return inputs;
    const base = auto.lowercase ? name.toLowerCase() : name;
    const prefix = `${base}-`.slice(0, Math.max(0, auto.maxLength - 7));
    return { ...inputs, [auto.property]: prefix + hexFor(type, name)(7, "autoname") };
}

/** Create: the id and outputs the provider returns (preview: unknown id and computed values). */
export function createResource(type: string, name: string, checked: WireInputs, account: Account, preview: boolean): { id: string; state: Record<string, unknown> } {
    const model = modelOf(type);
    const r: ResourceContext = { type, name, inputs: checked, account, hex: hexFor(type, name) };
    const state: Record<string, unknown> = { ...(model.defaults ?? {}), ...checked };
    if (type.startsWith("aws:") && "tags" in checked) state.tagsAll = preview ? UNKNOWN : checked.tags ?? {};
    const wantsName = checked.namePrefix !== undefined && checked.name === undefined;
    if (wantsName) state.name = preview ? UNKNOWN : `${checked.namePrefix}${digits(r, 26)}`;
    const nameReady = !wantsName || !preview;
    const named = nameReady && wantsName ? { ...r, inputs: { ...checked, name: state.name } } : r;
    for (const [key, value] of Object.entries(model.computed?.(named) ?? {})) state[key] = preview ? UNKNOWN : value;
    for (const [key, value] of Object.entries(model.optionalComputed?.(named) ?? {})) {
        state[key] = fillOptional(checked[key], value, preview);
    }
    return { id: preview ? "" : model.id(named), state };
}

/** An optional-computed output: the program's value, AWS's default, or (preview) unknown. */
function fillOptional(given: unknown, fallback: unknown, preview: boolean): unknown {
    if (given === undefined || given === null) return preview ? UNKNOWN : fallback;
    if (isPlainObject(given) && isPlainObject(fallback)) {
        const out: Record<string, unknown> = { ...given };
        for (const [k, v] of Object.entries(fallback)) if (out[k] === undefined || out[k] === null) out[k] = preview ? UNKNOWN : v;
        return out;
    }
    return given;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}
