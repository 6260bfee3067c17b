import { expect } from "chai";
import { awsMocks, fakeAccount, FAKE_ACCOUNT_ID } from "../../offline/aws/awsMocks";
import { UNKNOWN } from "../../offline/aws/awsResources";

const account = fakeAccount("eu-west-1");

function create(type: string, name: string, inputs: Record<string, unknown>, preview: boolean) {
    return awsMocks(account, preview).newResource({ type, name, inputs, custom: true }) as { id: string; state: Record<string, any> };
}

function invoke(token: string, inputs: Record<string, unknown> = {}) {
    return awsMocks(account, false).call({ token, inputs }) as Record<string, any>;
}

describe("AWS mocks: resources", () => {
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

describe("AWS mocks: invokes", () => {
    it("answer for the fake account, its partition and the stack's region", () => {
        expect(invoke("aws:index/getCallerIdentity:getCallerIdentity")).to.include({ accountId: FAKE_ACCOUNT_ID });
        expect(invoke("aws:index/getPartition:getPartition")).to.include({ partition: "aws", dnsSuffix: "amazonaws.com" });
        expect(invoke("aws:index/getRegion:getRegion")).to.include({ region: "eu-west-1", description: "Europe (Ireland)" });
        expect(invoke("aws:index/getRegion:getRegion", { region: "us-east-2" })).to.include({ region: "us-east-2" });
    });

    it("answer the Amazon Linux AMI parameters with an AMI id per architecture, and refuse other parameters by name", () => {
        const x86 = invoke("aws:ssm/getParameter:getParameter", { name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" });
        const arm = invoke("aws:ssm/getParameter:getParameter", { name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64" });
        expect(x86.value).to.match(/^ami-0[0-9a-f]{16}$/).and.equal(x86.insecureValue);
        expect(arm.value).to.match(/^ami-0[0-9a-f]{16}$/).and.not.equal(x86.value);
        expect(() => invoke("aws:ssm/getParameter:getParameter", { name: "/team/db-password" })).to.throw(/'\/team\/db-password' is not modelled offline/);
    });

    it("describe the default VPC, its subnets and AMIs", () => {
        const vpc = invoke("aws:ec2/getVpc:getVpc", { default: true });
        expect(vpc).to.include({ default: true, cidrBlock: "172.31.0.0/16" });
        const { ids } = invoke("aws:ec2/getSubnets:getSubnets", { filters: [{ name: "vpc-id", values: [vpc.id] }] });
        expect(ids).to.have.length(3);
        expect(invoke("aws:ec2/getSubnet:getSubnet", { id: ids[1] })).to.include({ vpcId: vpc.id, availabilityZone: "eu-west-1b" });
        expect(invoke("aws:ec2/getAmi:getAmi", { owners: ["amazon"], filters: [{ name: "name", values: ["al2023-ami-*-arm64"] }] })).to.include({ architecture: "arm64" });
    });

    it("refuse an invoke they do not model, naming it", () => {
        expect(() => invoke("aws:rds/getInstance:getInstance")).to.throw(/does not model the invoke 'aws:rds\/getInstance:getInstance'/);
    });
});
