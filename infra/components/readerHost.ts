// The build host: an EC2 instance that can read packages and nothing more. It holds no keys: the AWS
// CLI gets short-lived credentials from the instance role (IMDSv2 only), and codeartifact-mvn turns
// them into a CodeArtifact token for the length of one build.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createExclusiveRole } from "./exclusiveRole";
import { Architecture, DEFAULT_INSTANCE_TYPE, architectureOf } from "../config/instanceTypes";
import { PackageRepository } from "./packageRepository";
import { serviceTrustPolicy, policyJson } from "../iam/policyDocuments";

export const SESSION_MANAGER_POLICY = "AmazonSSMManagedInstanceCore";

export interface ReaderHostArgs {
    /** The repository the host reads from: grants its readerPolicy(), and must exist before the first build. */
    repository: PackageRepository;
    /** The first-boot script (see userData.ts); changing it replaces the host. */
    userData: string;
    /** Default `t3.micro`; Graviton types (a1, t4g, m7gd...) get the arm64 AMI (see instanceTypes.ts). */
    instanceType?: string;
    /** Where the host runs and which group it uses (see HostNetwork). */
    network: HostNetwork;
    /** Attach AmazonSSMManagedInstanceCore so operators can open a shell without SSH. Default true. */
    sessionManager?: boolean;
    /** The instance's Name tag. Default: the component name. */
    instanceName?: string;
    tags?: Record<string, string>;    /** ARN of the permissions boundary set on the role. Default: none. */
    permissionsBoundary?: string;
}

/**
 * The host's place in a network. With `securityGroupId` (the private network's host group) the host
 * uses that group; otherwise it gets its own, with HTTPS out to anywhere: CodeArtifact, its S3
 * assets, the dnf mirrors and the SSM endpoints are then reached over the internet.
 */
export interface HostNetwork {
    /** Undefined: AWS picks a default subnet of the default VPC. */
    subnetId?: pulumi.Input<string>;
    /** The VPC of the host's own group; with a subnet and no vpcId, the subnet's VPC is looked up. */
    vpcId?: pulumi.Input<string>;
    securityGroupId?: pulumi.Input<string>;
    /** True for a subnet with no route to the internet: the host gets no public IP either. */
    isPrivate?: boolean;
    /** What the first boot needs besides the repository (the private network's endpoints). */
    firstBootNeeds?: pulumi.Resource[];
}

export class ReaderHost extends pulumi.ComponentResource {
    readonly architecture: Architecture;
    readonly role: aws.iam.Role;
    readonly roleArn: pulumi.Output<string>;
    /** The group the host uses: its own (default VPC or subnet) or the private network's. */
    readonly securityGroupId: pulumi.Output<string>;
    readonly instance: aws.ec2.Instance;
    readonly instanceId: pulumi.Output<string>;

    constructor(name: string, args: ReaderHostArgs, opts?: pulumi.ComponentResourceOptions) {
        super("secure-packages:index:ReaderHost", name, {}, opts);
        const instanceType = args.instanceType ?? DEFAULT_INSTANCE_TYPE;
        const sessionManager = args.sessionManager ?? true;
        const tags = args.tags ?? {};
        const partition = args.repository.context.partition;
        this.architecture = architectureOf(instanceType);

        const { role } = createExclusiveRole(name, {
            description: `Build host: reads packages from CodeArtifact ${args.repository.domainName}/${args.repository.repositoryName}`,
            assumeRolePolicy: policyJson(serviceTrustPolicy("ec2.amazonaws.com")),
            inlinePolicyName: "codeartifact-read",
            inlinePolicy: args.repository.readerPolicy(),
            awsManagedPolicies: sessionManager ? [SESSION_MANAGER_POLICY] : [],
            partition,
            tags,
            ...(args.permissionsBoundary ? { permissionsBoundary: args.permissionsBoundary } : {}),
        }, this);
        this.role = role;
        this.roleArn = role.arn;

        const profile = new aws.iam.InstanceProfile(`${name}-profile`, { role: role.name, tags }, { parent: this });

        this.securityGroupId = args.network.securityGroupId !== undefined
            ? pulumi.output(args.network.securityGroupId)
            : this.internetSecurityGroup(name, args.network, tags).id;

        const ami = aws.ssm.getParameterOutput({
            name: `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${this.architecture}`,
        }, { parent: this }).insecureValue; // a public AMI id, not a secret: keep it readable in diffs

        this.instance = new aws.ec2.Instance(name, {
            ami,
            instanceType,
            iamInstanceProfile: profile.name,
            vpcSecurityGroupIds: [this.securityGroupId],
            ...(args.network.subnetId !== undefined ? { subnetId: args.network.subnetId } : {}),
            ...(args.network.isPrivate ? { associatePublicIpAddress: false } : {}),
            // IMDSv2 only, one hop: containers on the host cannot reach the role's credentials.
            metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" },
            rootBlockDevice: { encrypted: true, volumeType: "gp3", volumeSize: 20, deleteOnTermination: true },
            userData: args.userData,
            userDataReplaceOnChange: true,
            tags: { ...tags, Name: args.instanceName ?? name },
        }, {
            parent: this,
            // The first boot and build need the team repository (and, in the private network, its
            // endpoints); the AMI moves on only when asked (docs/stack.md).
            dependsOn: [args.repository.repository, ...(args.network.firstBootNeeds ?? [])],
            ignoreChanges: ["ami"],
        });
        this.instanceId = this.instance.id;

        this.registerOutputs({
            architecture: this.architecture,
            roleArn: this.roleArn,
            securityGroupId: this.securityGroupId,
            instanceId: this.instanceId,
        });
    }

    /**
     * No inbound rule at all (Session Manager needs none); out, only HTTPS, but to anywhere: the
     * pack's ec2-no-internet-egress refuses this unless the stack's pack config allows it.
     */
    private internetSecurityGroup(name: string, network: HostNetwork, tags: Record<string, string>): aws.ec2.SecurityGroup {
        const vpcId = network.vpcId ?? (network.subnetId !== undefined
            ? aws.ec2.getSubnetOutput({ id: network.subnetId }, { parent: this }).vpcId
            : undefined);
        return new aws.ec2.SecurityGroup(`${name}-sg`, {
            description: "CodeArtifact build host: no inbound; HTTPS out",
            ...(vpcId !== undefined ? { vpcId } : {}),
            ingress: [],
            egress: [{ description: "HTTPS", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
            tags,
        }, { parent: this });
    }
}
