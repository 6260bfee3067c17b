import { expect } from "chai";
import { PrivateNetwork, subnetCidr } from "../../infra/network/privateNetwork";
import { codeartifactAssetBucket } from "../../infra/network/serviceBuckets";
import { FAKE_CONTEXT, StackRun, orThrow, runInMockStack } from "../support/mockStack";
import { UNKNOWN, ofType, policyInput, single } from "../support/registrationQueries";

const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const args = { context: FAKE_CONTEXT, domainName: "nextwork", repositoryName: "nextwork-packages", availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"] };

async function runNetwork(sessionManager: boolean, preview = false): Promise<StackRun> {
    return orThrow(await runInMockStack(() => { new PrivateNetwork("network", { ...args, sessionManager }); }, { preview }));
}

describe("PrivateNetwork", () => {
    let run: StackRun;
    before(async () => { run = await runNetwork(true); });

    it("a VPC with DNS support and hostnames, two private subnets in two zones, no gateway or NAT", () => {
        expect(single(run.registrations, "aws:ec2/vpc:Vpc").inputs).to.deep.include({ cidrBlock: "10.40.0.0/16", enableDnsSupport: true, enableDnsHostnames: true });
        const subnets = ofType(run.registrations, "aws:ec2/subnet:Subnet");
        expect(subnets.map((s) => [s.inputs.availabilityZone, s.inputs.cidrBlock, s.inputs.mapPublicIpOnLaunch])).to.deep.equal([
            ["us-east-1a", "10.40.0.0/24", false], ["us-east-1b", "10.40.1.0/24", false],
        ]);
        for (const type of ["aws:ec2/internetGateway:InternetGateway", "aws:ec2/natGateway:NatGateway", "aws:ec2/eip:Eip", "aws:ec2/route:Route"]) {
            expect(ofType(run.registrations, type), type).to.deep.equal([]);
        }
    });

    it("route tables with no route of their own, one per subnet, the S3 gateway endpoint on both", () => {
        const tables = ofType(run.registrations, "aws:ec2/routeTable:RouteTable");
        expect(tables.map((t) => t.inputs.routes)).to.deep.equal([[], []]);
        const associations = ofType(run.registrations, "aws:ec2/routeTableAssociation:RouteTableAssociation");
        expect(associations.map((a) => a.inputs.routeTableId)).to.have.members(tables.map((t) => t.id));
        const s3 = single(run.registrations, ENDPOINT, "network-s3");
        expect(s3.inputs).to.deep.include({ serviceName: "com.amazonaws.us-east-1.s3", vpcEndpointType: "Gateway" });
        expect(s3.inputs.routeTableIds).to.have.members(tables.map((t) => t.id));
    });

    it("interface endpoints with private DNS in both subnets, behind the endpoint group; Session Manager's only when asked", async () => {
        const interfaces = ofType(run.registrations, ENDPOINT).filter((e) => e.inputs.vpcEndpointType === "Interface");
        expect(interfaces.map((e) => e.inputs.serviceName)).to.have.members(
            ["codeartifact.api", "codeartifact.repositories", "sts", "ssm", "ssmmessages", "ec2messages"].map((s) => `com.amazonaws.us-east-1.${s}`),
        );
        const endpointGroup = single(run.registrations, "aws:ec2/securityGroup:SecurityGroup", "network-endpoint-sg").id;
        for (const e of interfaces) {
            expect(e.inputs).to.deep.include({ privateDnsEnabled: true, securityGroupIds: [endpointGroup] });
            expect(e.inputs.subnetIds).to.have.length(2);
        }
        expect(single(run.registrations, ENDPOINT, "network-codeartifact-repositories").dependencies).to.include(single(run.registrations, ENDPOINT, "network-codeartifact-api").urn);
        const withoutSsm = await runNetwork(false);
        expect(ofType(withoutSsm.registrations, ENDPOINT).map((e) => e.name)).to.have.members(["network-codeartifact-api", "network-codeartifact-repositories", "network-sts", "network-s3"]);
    });

    it("endpoint policies name this account, this domain and repository, and the two buckets; all known in preview", async () => {
        const preview = await runNetwork(true, true);
        const policy = (name: string) => policyInput(single(preview.registrations, ENDPOINT, name), "policy");
        expect(policy("network-codeartifact-api").Statement.flatMap((s: { Resource: string[] }) => s.Resource)).to.deep.equal([
            "arn:aws:codeartifact:us-east-1:123456789012:domain/nextwork",
            "arn:aws:codeartifact:us-east-1:123456789012:repository/nextwork/nextwork-packages",
            "*",
        ]);
        expect(policy("network-codeartifact-api").Statement.every((s: { Principal: unknown }) => JSON.stringify(s.Principal) === '{"AWS":["arn:aws:iam::123456789012:root"]}')).to.equal(true);
        expect(policy("network-sts").Statement).to.deep.equal([{
            Sid: "BearerTokenForCodeArtifact", Effect: "Allow", Principal: { AWS: ["arn:aws:iam::123456789012:root"] },
            Action: ["sts:GetServiceBearerToken"], Resource: ["*"], Condition: { StringEquals: { "sts:AWSServiceName": "codeartifact.amazonaws.com" } },
        }]);
        expect(policy("network-s3").Statement[0]).to.deep.include({
            Action: ["s3:GetObject"],
            Resource: ["arn:aws:s3:::assets-193858265520-us-east-1/*", "arn:aws:s3:::al2023-repos-us-east-1-de612dc2/*"],
        });
        // The endpoint's own outputs wait for AWS, as in a real preview.
        expect(single(preview.registrations, ENDPOINT, "network-sts").state?.dnsEntries).to.equal(UNKNOWN);
    });

    it("security groups: the host's out to the endpoint group and the S3 prefix list on 443, the endpoints' in from the host only", () => {
        const group = (name: string) => single(run.registrations, "aws:ec2/securityGroup:SecurityGroup", name).id;
        const rules = ofType(run.registrations, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").map((r) => r.inputs);
        expect(rules.map((r) => [r.securityGroupId, r.fromPort, r.toPort, r.referencedSecurityGroupId ?? r.prefixListId])).to.have.deep.members([
            [group("network-host-sg"), 443, 443, group("network-endpoint-sg")],
            [group("network-host-sg"), 443, 443, "pl-63a5400a"],
        ]);
        const inbound = single(run.registrations, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").inputs;
        expect([inbound.securityGroupId, inbound.referencedSecurityGroupId]).to.deep.equal([group("network-endpoint-sg"), group("network-host-sg")]);
        expect(JSON.stringify(run.registrations.map((r) => r.inputs))).not.to.include("0.0.0.0/0");
        expect(single(run.registrations, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup").inputs).to.deep.include({ ingress: [], egress: [] });
    });

    it("refuses fewer than two zones, and a region whose CodeArtifact bucket it does not know", async () => {
        const oneZone = await runInMockStack(() => { new PrivateNetwork("network", { ...args, availabilityZones: ["us-east-1a"], sessionManager: false }); });
        expect(String(oneZone.error)).to.include("needs two availability zones in us-east-1, found 1");
        expect(() => codeartifactAssetBucket("ap-southeast-1")).to.throw(/asset bucket for region ap-southeast-1, which this program does not know .*create-s3-gateway-endpoint/);
        expect(subnetCidr("10.0.0.0/16", 1)).to.equal("10.0.1.0/24");
    });
});
