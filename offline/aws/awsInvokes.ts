// The invokes (data sources) Pulumi programs commonly call, answered as the AWS provider answers them
// for one fake account with a default VPC. Invokes resolve in preview as in an update (the engine
// calls the provider for them in both). Anything not modelled is an error that names it: a silent
// empty answer would let a program run offline that fails against AWS.
import { s3PrefixList } from "./awsNetworkResources";
import { Account, WireInputs, defaultSubnetIds, defaultVpcId, hexFor } from "./resourceModel";
import { Answer, LOOKUP_ANSWERS } from "./awsLookupInvokes";
import { renderPolicyDocument } from "./policyDocument";

type Inputs = WireInputs;

const REGION_NAMES: Record<string, string> = {
    "us-east-1": "US East (N. Virginia)",
    "us-east-2": "US East (Ohio)",
    "us-west-1": "US West (N. California)",
    "us-west-2": "US West (Oregon)",
    "eu-west-1": "Europe (Ireland)",
    "eu-central-1": "Europe (Frankfurt)",
    "ap-southeast-2": "Asia Pacific (Sydney)",
};

/** AWS's account that publishes Amazon Linux AMIs. */
const AMAZON_AMI_OWNER = "137112412989";
/** ECS- and EKS-optimized, Bottlerocket and Ubuntu AMIs: `.../recommended/image_id`, `.../latest/image_id`, `.../current/amd64/hvm/ebs-gp2/ami-id`. */
const PUBLISHED_AMI_PARAMETER = /^\/aws\/service\/(ecs|eks|bottlerocket|canonical)\/[\w./-]+\/(image_id|ami-id)$/;
const AMI_PARAMETER = /^\/aws\/service\/ami-amazon-linux-latest\/(al2023-ami|amzn2-ami|amzn-ami)-[a-z0-9.-]*?(x86_64|arm64)(-gp2|-ebs)?$/;

const subnets = (account: Account) =>
    defaultSubnetIds(account).map((id, i) => ({
        id,
        arn: `arn:${account.partition}:ec2:${account.region}:${account.accountId}:subnet/${id}`,
        availabilityZone: `${account.region}${"abc"[i]}`,
        availabilityZoneId: `${account.region.replace(/-/g, "").slice(0, 4)}-az${i + 1}`,
        cidrBlock: `172.31.${i * 16}.0/20`,
        vpcId: defaultVpcId(account),
        defaultForAz: true,
        mapPublicIpOnLaunch: true,
        ownerId: account.accountId,
        state: "available",
        availableIpAddressCount: 4091,
        tags: {},
    }));

const amiId = (architecture: "x86_64" | "arm64", name?: string) => `ami-0${hexFor("ami", `${architecture}:${name ?? "al2023"}`)(16)}`;

function ami(architecture: "x86_64" | "arm64", account: Account, name?: string) {
    const id = amiId(architecture, name);
    return {
        id,
        imageId: id,
        architecture,
        name: name ?? `al2023-ami-2023.6.20250115.0-kernel-6.1-${architecture}`,
        ownerId: AMAZON_AMI_OWNER,
        imageOwnerAlias: "amazon",
        arn: `arn:${account.partition}:ec2:${account.region}::image/${id}`,
        rootDeviceName: "/dev/xvda",
        rootDeviceType: "ebs",
        virtualizationType: "hvm",
        imdsSupport: "v2.0",
        public: true,
        state: "available",
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false", volumeSize: "8", volumeType: "gp3", deleteOnTermination: "true", snapshotId: `snap-0${hexFor("snap", id)(16)}` } }],
    };
}

/** The value of a `filters` entry (`[{name, values}]`), if the invoke was given one. */
function filterValues(inputs: Inputs, name: string): string[] | undefined {
    return (inputs.filters as { name: string; values: string[] }[] | undefined)?.find((f) => f.name === name)?.values;
}

const ANSWERS: Record<string, Answer> = {
    "aws:index/getCallerIdentity:getCallerIdentity": (_, a) => ({
        accountId: a.accountId,
        arn: `arn:${a.partition}:iam::${a.accountId}:user/offline-check`,
        id: a.accountId,
        userId: "AIDAOFFLINECHECKUSER1",
    }),
    "aws:index/getPartition:getPartition": (_, a) => ({ partition: a.partition, dnsSuffix: "amazonaws.com", id: a.partition, reverseDnsPrefix: "com.amazonaws" }),
    "aws:index/getRegion:getRegion": (inputs, a) => {
        const region = inputs.region ?? inputs.name ?? a.region;
        return { region, name: region, id: region, description: REGION_NAMES[region] ?? "", endpoint: `ec2.${region}.amazonaws.com` };
    },
    "aws:index/getAvailabilityZones:getAvailabilityZones": (inputs, a) => {
        // aws v7 takes a `region` argument on data sources: the answer is that region's.
        const region = String(inputs.region ?? a.region);
        return {
            id: region,
            region,
            names: ["a", "b", "c"].map((z) => `${region}${z}`),
            zoneIds: [1, 2, 3].map((n) => `${region.replace(/-/g, "").slice(0, 4)}-az${n}`),
            groupNames: [region],
            state: inputs.state ?? "available",
        };
    },
    "aws:ec2/getSecurityGroup:getSecurityGroup": (inputs, a) => {
        // The default VPC's group named "default"; a group the program names by id or name exists only
        // in the real account: answered as a further group of the default VPC (as getSubnet answers).
        const vpcId = defaultVpcId(a);
        const wantedVpc = inputs.vpcId ?? filterValues(inputs, "vpc-id")?.[0];
        if (a.noDefaultVpc) throw new Error("getSecurityGroup: no matching SecurityGroup found (the offline account has no default VPC)");
        if (wantedVpc && wantedVpc !== vpcId) throw new Error(`getSecurityGroup: no matching SecurityGroup found (the offline account has only its default VPC ${vpcId})`);
        const name = String(inputs.name ?? filterValues(inputs, "group-name")?.[0] ?? (inputs.id || filterValues(inputs, "group-id") ? "named-group" : "default"));
        const id = String(inputs.id ?? filterValues(inputs, "group-id")?.[0] ?? `sg-0${hexFor("sg", `${vpcId}:${name}`)(16)}`);
        return {
            id,
            name,
            vpcId,
            description: name === "default" ? "default VPC security group" : `${name} (offline stand-in)`,
            arn: `arn:${a.partition}:ec2:${a.region}:${a.accountId}:security-group/${id}`,
            tags: inputs.tags ?? {},
            filters: inputs.filters,
        };
    },
    "aws:ssm/getParameter:getParameter": (inputs, a) => {
        const name = String(inputs.name);
        const value = amazonLinuxAmiId(name);
        return { arn: `arn:${a.partition}:ssm:${a.region}::parameter${name}`, id: name, name, type: "String", value, insecureValue: value, version: 1, withDecryption: inputs.withDecryption ?? true };
    },
    "aws:ec2/getAmi:getAmi": (inputs, a) => {
        const names = filterValues(inputs, "name") ?? [];
        const arch = filterValues(inputs, "architecture")?.[0] ?? (names.some((n) => /arm64|aarch64/.test(n)) ? "arm64" : "x86_64");
        if (arch !== "x86_64" && arch !== "arm64") throw new Error(`getAmi: no ${arch} image is modelled offline (x86_64, arm64)`);
        return { ...ami(arch, a), owners: inputs.owners ?? [], mostRecent: inputs.mostRecent ?? false, filters: inputs.filters };
    },
    "aws:ec2/getVpc:getVpc": (inputs, a) => {
        const vpcId = defaultVpcId(a);
        if (a.noDefaultVpc) throw new Error("no matching EC2 VPC found (the offline account has no default VPC)");
        const wanted = inputs.id ?? filterValues(inputs, "vpc-id")?.[0];
        if ((wanted && wanted !== vpcId) || inputs.default === false) {
            throw new Error(`getVpc: no matching EC2 VPC found (the offline account has only its default VPC ${vpcId})`);
        }
        return {
            id: vpcId,
            arn: `arn:${a.partition}:ec2:${a.region}:${a.accountId}:vpc/${vpcId}`,
            cidrBlock: "172.31.0.0/16",
            default: true,
            dhcpOptionsId: `dopt-0${hexFor("dopt", a.region)(16)}`,
            enableDnsHostnames: true,
            enableDnsSupport: true,
            instanceTenancy: "default",
            mainRouteTableId: `rtb-0${hexFor("rtb", a.region)(16)}`,
            ownerId: a.accountId,
            state: "available",
            tags: {},
        };
    },
    "aws:ec2/getVpcs:getVpcs": (inputs, a) => {
        const isDefault = filterValues(inputs, "is-default");
        const wanted = filterValues(inputs, "vpc-id");
        const vpcId = defaultVpcId(a);
        const matches = !a.noDefaultVpc && (!isDefault || isDefault.includes("true")) && (!wanted || wanted.includes(vpcId));
        return { id: a.region, ids: matches ? [vpcId] : [], filters: inputs.filters };
    },
    "aws:ec2/getPrefixList:getPrefixList": (inputs, a) => {
        const list = s3PrefixList(a);
        const wantedName = inputs.name ?? filterValues(inputs, "prefix-list-name")?.[0];
        const wantedId = inputs.prefixListId ?? filterValues(inputs, "prefix-list-id")?.[0];
        if ((wantedName && wantedName !== list.name) || (wantedId && wantedId !== list.id)) {
            throw new Error(`no matching prefix list found (offline: only the S3 list ${list.name}, ${list.id}, is modelled)`);
        }
        return { id: list.id, name: list.name, cidrBlocks: list.cidrBlocks, prefixListId: list.id, filters: inputs.filters };
    },
    "aws:ec2/getSubnets:getSubnets": (inputs, a) => {
        const vpc = filterValues(inputs, "vpc-id");
        const ids = vpc && !vpc.includes(defaultVpcId(a)) ? [] : subnets(a).map((s) => s.id);
        return { id: a.region, ids, filters: inputs.filters };
    },
    "aws:ec2/getSubnet:getSubnet": (inputs, a) => {
        const all = subnets(a);
        const az = inputs.availabilityZone ?? filterValues(inputs, "availability-zone")?.[0];
        if (inputs.id && !all.some((s) => s.id === inputs.id)) {
            // A subnet the stack names (config) exists only in the real account: answer it as a
            // further subnet of the default VPC, so programs that look it up can run offline.
            return { ...all[0], id: inputs.id, arn: `arn:${a.partition}:ec2:${a.region}:${a.accountId}:subnet/${inputs.id}`, cidrBlock: "172.31.128.0/20", defaultForAz: false };
        }
        const found = all.find((s) => (!inputs.id || s.id === inputs.id) && (!az || s.availabilityZone === az));
        if (!found) throw new Error(`getSubnet: no matching EC2 Subnet found (offline: the default subnets are in ${all.map((s) => s.availabilityZone).join(", ")})`);
        return found;
    },
    "aws:iam/getPolicyDocument:getPolicyDocument": (inputs) => {
        const result = renderPolicyDocument(inputs);
        return { ...inputs, version: inputs.version ?? "2012-10-17", ...result };
    },
    ...LOOKUP_ANSWERS,
};

/**
 * The AMI id a public Amazon Linux AMI parameter (`/aws/service/ami-amazon-linux-latest/...`) holds in
 * the offline account; throws for any other parameter, as it is not modelled.
 */
export function amazonLinuxAmiId(parameterName: string): string {
    const match = AMI_PARAMETER.exec(parameterName);
    if (match) return amiId(match[2] as "x86_64" | "arm64", parameterName);
    // The other AMI ids AWS publishes as public parameters (ECS- and EKS-optimized, Bottlerocket,
    // Canonical's Ubuntu): one id per path, arm64 when the path names that architecture.
    if (PUBLISHED_AMI_PARAMETER.test(parameterName)) return amiId(/arm64|aarch64/.test(parameterName) ? "arm64" : "x86_64", parameterName);
    throw new Error(
        `ssm parameter '${parameterName}' is not modelled offline: only the public AMI parameters AWS publishes ` +
            `(/aws/service/ami-amazon-linux-latest/..., and the image_id of /aws/service/ecs, eks, bottlerocket and canonical) are answered; ` +
            `real AWS would answer ParameterNotFound unless it exists in the account`,
    );
}

export const MODELLED_INVOKES: readonly string[] = Object.keys(ANSWERS);

/** The provider's answer to an invoke; throws for one that is not modelled, naming it. */
export function answerInvoke(token: string, inputs: Inputs, account: Account): Record<string, unknown> {
    const answer = ANSWERS[token];
    if (!answer) {
        throw new Error(
            `the offline check does not model the invoke '${token}'; it answers only ${MODELLED_INVOKES.map((t) => t.split(":").pop()).join(", ")}. ` +
                `Add an answer to offline/aws/awsInvokes.ts, or compute the value in the program`,
        );
    }
    try {
        return answer(inputs, account);
    } catch (e) {
        throw new Error(`invoke ${token}: ${(e as Error).message}`, { cause: e });
    }
}
