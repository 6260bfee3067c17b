import { expect } from "chai";
import { awsMocks, fakeAccount, FAKE_ACCOUNT_ID } from "../../offline/aws/awsMocks";
import { UNKNOWN, WireInputs } from "../../offline/aws/resourceModel";

const account = fakeAccount("eu-west-1");

function create(type: string, name: string, inputs: Record<string, unknown>, preview: boolean) {
    return awsMocks(account, preview).newResource({ type, name, inputs, custom: true }) as { id: string; state: WireInputs };
}

function invoke(token: string, inputs: Record<string, unknown> = {}) {
    return awsMocks(account, false).call({ token, inputs }) as WireInputs;
}

describe("AWS mocks: resources", () => {
    it("VPC endpoints: DNS names, network interfaces and the prefix list unknown in preview; AWS's shapes in an update", () => {
        const inputs = { vpcId: "vpc-0abc", serviceName: "com.amazonaws.eu-west-1.codeartifact.repositories", vpcEndpointType: "Interface", privateDnsEnabled: true, subnetIds: ["subnet-01", "subnet-02"] };
        const preview = create("aws:ec2/vpcEndpoint:VpcEndpoint", "repositories", inputs, true);
        expect(preview.state).to.include({ dnsEntries: UNKNOWN, networkInterfaceIds: UNKNOWN, policy: UNKNOWN });
        const update = create("aws:ec2/vpcEndpoint:VpcEndpoint", "repositories", inputs, false);
        expect(update.id).to.match(/^vpce-0[0-9a-f]{16}$/);
        expect(update.state.networkInterfaceIds).to.have.length(2);
        const names = update.state.dnsEntries.map((e: { dnsName: string }) => e.dnsName);
        expect(names).to.include("*.d.codeartifact.eu-west-1.amazonaws.com");
        expect(names[0]).to.match(/^vpce-0[0-9a-f]{16}-[0-9a-f]{8}\.d\.codeartifact\.eu-west-1\.vpce\.amazonaws\.com$/);
        expect(JSON.parse(update.state.policy).Statement[0]).to.include({ Action: "*", Resource: "*", Principal: "*" }); // AWS's default: full access
        const gateway = create("aws:ec2/vpcEndpoint:VpcEndpoint", "s3", { vpcId: "vpc-0abc", serviceName: "com.amazonaws.eu-west-1.s3", routeTableIds: ["rtb-01"] }, false);
        expect(gateway.state).to.include({ vpcEndpointType: "Gateway", prefixListId: invoke("aws:ec2/getPrefixList:getPrefixList", { name: "com.amazonaws.eu-west-1.s3" }).id });
        expect(gateway.state.dnsEntries).to.deep.equal([]);
        const withoutDns = create("aws:ec2/vpcEndpoint:VpcEndpoint", "sts", { ...inputs, serviceName: "com.amazonaws.eu-west-1.sts", privateDnsEnabled: false }, false);
        expect(withoutDns.state.dnsEntries.map((e: { dnsName: string }) => e.dnsName)).not.to.include("sts.eu-west-1.amazonaws.com");
    });


    it("leave computed outputs unknown in preview and give them realistic shapes in an update", () => {
        const preview = create("aws:codeartifact/domain:Domain", "domain", { domain: "store" }, true);
        expect(preview.id).to.equal("");
        expect(preview.state).to.include({ domain: "store", arn: UNKNOWN, owner: UNKNOWN, encryptionKey: UNKNOWN });
        const update = create("aws:codeartifact/domain:Domain", "domain", { domain: "store", encryptionKey: "arn:aws:kms:eu-west-1:123456789012:key/k" }, false);
        expect(update.id).to.equal("arn:aws:codeartifact:eu-west-1:123456789012:domain/store");
        expect(update.state).to.include({ arn: update.id, owner: FAKE_ACCOUNT_ID, encryptionKey: "arn:aws:kms:eu-west-1:123456789012:key/k" });
        expect(update.state.s3BucketArn).to.match(/^arn:aws:s3:::assets-\d{12}-eu-west-1$/);
    });

    it("auto-name as the provider's Check does (known in preview too), unless the program names the resource", () => {
        const preview = create("aws:iam/role:Role", "reader", { assumeRolePolicy: "{}" }, true);
        expect(preview.state.name).to.match(/^reader-[0-9a-f]{7}$/);
        const update = create("aws:iam/role:Role", "reader", { assumeRolePolicy: "{}" }, false);
        expect(update.state.name).to.equal(preview.state.name);
        expect(update.state.arn).to.equal(`arn:aws:iam::123456789012:role/${update.state.name}`);
        expect(update.state.uniqueId).to.match(/^AROA[A-Z0-9]{17}$/);
        expect(create("aws:iam/role:Role", "reader", { name: "builder" }, false).state.arn).to.equal("arn:aws:iam::123456789012:role/builder");
    });

    it("fill what AWS fills when the program leaves it out: unknown in preview, AWS's default in an update", () => {
        const inputs = { ami: "ami-1", instanceType: "t3.micro", metadataOptions: { httpTokens: "required" } };
        const preview = create("aws:ec2/instance:Instance", "host", inputs, true);
        expect(preview.state.metadataOptions).to.deep.include({ httpTokens: "required", httpPutResponseHopLimit: UNKNOWN });
        expect(preview.state.rootBlockDevice).to.equal(UNKNOWN);
        const update = create("aws:ec2/instance:Instance", "host", inputs, false);
        expect(update.id).to.match(/^i-0[0-9a-f]{16}$/);
        expect(update.state.metadataOptions).to.deep.include({ httpTokens: "required", httpPutResponseHopLimit: 1 });
        expect(update.state.rootBlockDevice).to.deep.include({ encrypted: false, volumeType: "gp3" });
    });

    it("follow an explicit provider's region", () => {
        const mocks = awsMocks(account, false);
        mocks.newResource({ type: "pulumi:providers:aws", name: "use1", inputs: { region: "us-east-1" }, custom: true });
        const key = mocks.newResource({ type: "aws:kms/key:Key", name: "k", inputs: {}, custom: true, provider: "urn:pulumi:dev::p::pulumi:providers:aws::use1::id" }) as { state: Record<string, string> };
        expect(key.state.arn).to.match(/^arn:aws:kms:us-east-1:123456789012:key\//);
    });
});

describe("AWS mocks: aws-native CodeArtifact", () => {
    const GROUP = "aws-native:codeartifact:PackageGroup";
    const inputs = { domainName: "store", pattern: "/maven/com.example/*", originConfiguration: { restrictions: { externalUpstream: { restrictionMode: "BLOCK" } } } };

    it("leave the ARN unknown in preview; in an update it is the id, the pattern after the domain", () => {
        const config = { "aws-native:region": "eu-west-1" };
        const preview = awsMocks(account, true, config).newResource({ type: GROUP, name: "g", inputs, custom: true }) as { id: string; state: Record<string, unknown> };
        expect(preview.id).to.equal("");
        expect(preview.state).to.deep.include({ ...inputs, arn: UNKNOWN, domainOwner: UNKNOWN });
        const update = awsMocks(account, false, config).newResource({ type: GROUP, name: "g", inputs, custom: true }) as { id: string; state: Record<string, unknown> };
        expect(update.id).to.equal("arn:aws:codeartifact:eu-west-1:123456789012:package-group/store/maven/com.example/*");
        expect(update.state).to.deep.include({ arn: update.id, domainOwner: FAKE_ACCOUNT_ID });
    });

    it("model the domain and repository too: ARN ids, computed outputs unknown in preview, AWS's defaults in an update", () => {
        const mocks = (preview: boolean) => awsMocks(account, preview, { "aws-native:region": "eu-west-1" });
        const repo = { domainName: "store", repositoryName: "team", externalConnections: ["public:maven-central"] };
        const created = mocks(false).newResource({ type: "aws-native:codeartifact:Repository", name: "r", inputs: repo, custom: true }) as { id: string; state: Record<string, unknown> };
        expect(created.id).to.equal("arn:aws:codeartifact:eu-west-1:123456789012:repository/store/team");
        expect(created.state).to.deep.include({ ...repo, arn: created.id, name: "team", domainOwner: FAKE_ACCOUNT_ID });
        const planned = mocks(true).newResource({ type: "aws-native:codeartifact:Domain", name: "d", inputs: { domainName: "store" }, custom: true }) as { state: Record<string, unknown> };
        expect(planned.state).to.deep.include({ domainName: "store", arn: UNKNOWN, owner: UNKNOWN, encryptionKey: UNKNOWN });
        const domain = mocks(false).newResource({ type: "aws-native:codeartifact:Domain", name: "d", inputs: { domainName: "store" }, custom: true }) as { state: Record<string, string> };
        expect(domain.state.encryptionKey).to.match(/^arn:aws:kms:eu-west-1:123456789012:key\//);
    });

    it("deploy on the default provider into aws-native:region, on an explicit provider into its region, and fail without one", () => {
        const elsewhere = awsMocks(account, false, { "aws-native:region": "us-west-2" });
        expect((elsewhere.newResource({ type: GROUP, name: "g", inputs, custom: true }) as { id: string }).id).to.contain(":us-west-2:");
        elsewhere.newResource({ type: "pulumi:providers:aws-native", name: "euc1", inputs: { region: "eu-central-1" }, custom: true });
        const explicit = elsewhere.newResource({ type: GROUP, name: "g", inputs, custom: true, provider: "urn:pulumi:dev::p::pulumi:providers:aws-native::euc1::id" }) as { id: string };
        expect(explicit.id).to.contain(":eu-central-1:");
        const saved = { AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION };
        delete process.env.AWS_REGION;
        delete process.env.AWS_DEFAULT_REGION;
        try {
            expect(() => awsMocks(account, false).newResource({ type: GROUP, name: "g", inputs, custom: true })).to.throw(/aws-native:region is not set/);
        } finally {
            for (const [key, value] of Object.entries(saved)) if (value !== undefined) process.env[key] = value;
        }
    });
});

describe("AWS mocks: invokes", () => {
    it("answer for the fake account, its partition and the stack's region", () => {
        expect(invoke("aws:index/getCallerIdentity:getCallerIdentity")).to.include({ accountId: FAKE_ACCOUNT_ID });
        expect(invoke("aws:index/getPartition:getPartition")).to.include({ partition: "aws", dnsSuffix: "amazonaws.com" });
        expect(invoke("aws:index/getRegion:getRegion")).to.include({ region: "eu-west-1", description: "Europe (Ireland)" });
        expect(invoke("aws:index/getRegion:getRegion", { region: "us-east-2" })).to.include({ region: "us-east-2" });
    });

    it("answer the availability zones of the region asked for, and the default VPC's default security group", () => {
        expect(invoke("aws:index/getAvailabilityZones:getAvailabilityZones", { state: "available" }).names).to.deep.equal(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
        expect(invoke("aws:index/getAvailabilityZones:getAvailabilityZones", { region: "us-east-2" }).names[0]).to.equal("us-east-2a");
        const vpcId = invoke("aws:ec2/getVpc:getVpc", { default: true }).id;
        const group = invoke("aws:ec2/getSecurityGroup:getSecurityGroup", { vpcId, name: "default" });
        expect(group).to.include({ name: "default", vpcId, description: "default VPC security group" });
        expect(group.id).to.match(/^sg-0[0-9a-f]{16}$/).and.equal(invoke("aws:ec2/getSecurityGroup:getSecurityGroup", { filters: [{ name: "group-name", values: ["default"] }] }).id);
        expect(() => invoke("aws:ec2/getSecurityGroup:getSecurityGroup", { vpcId: "vpc-0other" })).to.throw(/only its default VPC/);
    });

    it("answer AWS's published facts: the region's ELB log-delivery account, ECR's endpoint with a stand-in credential", () => {
        expect(invoke("aws:elb/getServiceAccount:getServiceAccount")).to.include({ id: "156460612806", arn: "arn:aws:iam::156460612806:root" });
        expect(invoke("aws:elb/getServiceAccount:getServiceAccount", { region: "us-east-1" })).to.include({ arn: "arn:aws:iam::127311923021:root" });
        expect(() => invoke("aws:elb/getServiceAccount:getServiceAccount", { region: "ap-southeast-4" })).to.throw(/no ELB log-delivery account is published for ap-southeast-4/);
        const token = invoke("aws:ecr/getAuthorizationToken:getAuthorizationToken");
        expect(token).to.include({ userName: "AWS", proxyEndpoint: `https://${FAKE_ACCOUNT_ID}.dkr.ecr.eu-west-1.amazonaws.com` });
        expect(Buffer.from(token.authorizationToken, "base64").toString()).to.equal(`AWS:${token.password}`);
    });

    it("answer a look-up of what the program names (hosted zone, certificate, role, session) as the account holding it, the same on every run", () => {
        const zone = invoke("aws:route53/getZone:getZone", { name: "example.com." });
        expect(zone.name).to.equal("example.com");
        expect(zone.zoneId).to.match(/^Z[0-9A-Z]{20}$/).and.equal(invoke("aws:route53/getZone:getZone", { name: "example.com" }).id);
        expect(zone.arn).to.equal(`arn:aws:route53:::hostedzone/${zone.id}`);
        expect(() => invoke("aws:route53/getZone:getZone")).to.throw(/getZone: either name or zoneId must be set/);
        expect(invoke("aws:acm/getCertificate:getCertificate", { domain: "www.example.com" }).arn).to.match(/^arn:aws:acm:eu-west-1:\d{12}:certificate\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(invoke("aws:iam/getRole:getRole", { name: "deployer" })).to.include({ arn: `arn:aws:iam::${FAKE_ACCOUNT_ID}:role/deployer` });
        const session = invoke("aws:iam/getSessionContext:getSessionContext", { arn: `arn:aws:sts::${FAKE_ACCOUNT_ID}:assumed-role/deployer/ci` });
        expect(session).to.include({ issuerArn: `arn:aws:iam::${FAKE_ACCOUNT_ID}:role/deployer`, issuerName: "deployer", sessionName: "ci" });
    });

    it("answer the Amazon Linux AMI parameters with an AMI id per architecture, and refuse other parameters by name", () => {
        const x86 = invoke("aws:ssm/getParameter:getParameter", { name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" });
        const arm = invoke("aws:ssm/getParameter:getParameter", { name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64" });
        expect(x86.value).to.match(/^ami-0[0-9a-f]{16}$/).and.equal(x86.insecureValue);
        expect(arm.value).to.match(/^ami-0[0-9a-f]{16}$/).and.not.equal(x86.value);
        expect(() => invoke("aws:ssm/getParameter:getParameter", { name: "/team/db-password" })).to.throw(/'\/team\/db-password' is not modelled offline/);
        for (const name of [
            "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
            "/aws/service/eks/optimized-ami/1.30/amazon-linux-2023/x86_64/standard/recommended/image_id",
            "/aws/service/bottlerocket/aws-k8s-1.29/arm64/latest/image_id",
            "/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id",
        ]) {
            expect(invoke("aws:ssm/getParameter:getParameter", { name }).value, name).to.match(/^ami-0[0-9a-f]{16}$/);
        }
        expect(() => invoke("aws:ssm/getParameter:getParameter", { name: "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended" })).to.throw(/is not modelled offline/);
    });

    it("describe the default VPC, its subnets and AMIs", () => {
        const vpc = invoke("aws:ec2/getVpc:getVpc", { default: true });
        expect(vpc).to.include({ default: true, cidrBlock: "172.31.0.0/16" });
        const { ids } = invoke("aws:ec2/getSubnets:getSubnets", { filters: [{ name: "vpc-id", values: [vpc.id] }] });
        expect(ids).to.have.length(3);
        expect(invoke("aws:ec2/getSubnet:getSubnet", { id: ids[1] })).to.include({ vpcId: vpc.id, availabilityZone: "eu-west-1b" });
        expect(invoke("aws:ec2/getAmi:getAmi", { owners: ["amazon"], filters: [{ name: "name", values: ["al2023-ami-*-arm64"] }] })).to.include({ architecture: "arm64" });
    });

    it("find the default VPC with getVpcs, or none in an account without one; answer S3's prefix list", () => {
        const isDefault = { filters: [{ name: "is-default", values: ["true"] }] };
        expect(invoke("aws:ec2/getVpcs:getVpcs", isDefault).ids).to.deep.equal([invoke("aws:ec2/getVpc:getVpc", { default: true }).id]);
        const bare = awsMocks({ ...account, noDefaultVpc: true }, false);
        expect((bare.call({ token: "aws:ec2/getVpcs:getVpcs", inputs: isDefault }) as Record<string, unknown>).ids).to.deep.equal([]);
        expect(() => bare.call({ token: "aws:ec2/getVpc:getVpc", inputs: { default: true } })).to.throw(/no matching EC2 VPC found/);
        const s3 = invoke("aws:ec2/getPrefixList:getPrefixList", { name: "com.amazonaws.eu-west-1.s3" });
        expect(s3.id).to.match(/^pl-[0-9a-f]{8}$/);
        expect(s3.cidrBlocks).to.have.length.greaterThan(0);
        expect(() => invoke("aws:ec2/getPrefixList:getPrefixList", { name: "com.amazonaws.eu-west-1.dynamodb" })).to.throw(/no matching prefix list/);
    });

    it("refuse an invoke they do not model, naming it", () => {
        expect(() => invoke("aws:rds/getInstance:getInstance")).to.throw(/does not model the invoke 'aws:rds\/getInstance:getInstance'/);
    });
});
