import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../../infra/config/config";
import { EXPECTED_READER_STATEMENTS } from "../support/expectedPolicies";
import { UNKNOWN, byUrn, containsUnknown, ofType, policyInput, resourceList, single } from "../support/registrationQueries";
import { FAKE_AMI, FAKE_VPC_ID, StackRun, devConfig, orThrow, runProgram } from "../support/mockStack";

const STACK = "secure-packages-dev";

/** Every IAM policy document input in the stack, by resource type. */
const POLICY_INPUTS: Record<string, string> = {
    "aws:iam/role:Role": "assumeRolePolicy",
    "aws:iam/rolePolicy:RolePolicy": "policy",
    "aws:codeartifact/domainPermissions:DomainPermissions": "policyDocument",
    "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy": "policyDocument",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "policy",
};

const CROSS_ACCOUNT = {
    "secure-packages:readerOrganizationId": "o-abcdefghij",
    "secure-packages:readerAccountIds": JSON.stringify(["111122223333"]),
};

async function run(overrides: Record<string, string | undefined> = {}, preview = false): Promise<StackRun> {
    return orThrow(await runProgram(devConfig(overrides), { preview }));
}

describe("the secure-packages program (index.ts, dev stack)", () => {
    let up: StackRun;
    before(async () => { up = await run(); });

    it("declares exactly these resources, under these parents", () => {
        const parentName = (urn?: string) => byUrn(up.registrations, urn)?.name;
        const declared = up.registrations.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => `${r.type}::${r.name} <- ${parentName(r.parent)}`);
        expect(declared).to.have.members([
            `secure-packages:index:ArtifactDomain::domain <- ${STACK}`,
            "aws:kms/key:Key::domain-key <- domain",
            "aws:kms/alias:Alias::domain-key-alias <- domain",
            "aws:codeartifact/domain:Domain::domain <- domain",
            `secure-packages:index:PackageRepository::repository <- ${STACK}`,
            "aws:codeartifact/repository:Repository::repository-maven-central-store <- repository",
            "aws:codeartifact/repository:Repository::repository <- repository",
            "aws-native:codeartifact:PackageGroup::repository-group-maven-com.nextwork <- repository",
            `secure-packages:index:ReaderHost::reader-host <- ${STACK}`,
            "aws:iam/role:Role::reader-host-role <- reader-host",
            "aws:iam/rolePolicy:RolePolicy::reader-host-codeartifact-read <- reader-host",
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment::reader-host-AmazonSSMManagedInstanceCore <- reader-host",
            "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive::reader-host-inline-policies <- reader-host",
            "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive::reader-host-managed-policies <- reader-host",
            "aws:iam/instanceProfile:InstanceProfile::reader-host-profile <- reader-host",
            "aws:ec2/instance:Instance::reader-host <- reader-host",
            `secure-packages:index:PrivateNetwork::network <- ${STACK}`,
            "aws:ec2/vpc:Vpc::network-vpc <- network",
            "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup::network-default-sg <- network",
            "aws:ec2/subnet:Subnet::network-private-1 <- network",
            "aws:ec2/subnet:Subnet::network-private-2 <- network",
            "aws:ec2/routeTable:RouteTable::network-private-1 <- network",
            "aws:ec2/routeTable:RouteTable::network-private-2 <- network",
            "aws:ec2/routeTableAssociation:RouteTableAssociation::network-private-1 <- network",
            "aws:ec2/routeTableAssociation:RouteTableAssociation::network-private-2 <- network",
            "aws:ec2/securityGroup:SecurityGroup::network-host-sg <- network",
            "aws:ec2/securityGroup:SecurityGroup::network-endpoint-sg <- network",
            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule::network-host-to-endpoints <- network",
            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule::network-host-to-s3 <- network",
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::network-endpoints-from-host <- network",
            "aws:ec2/vpcEndpoint:VpcEndpoint::network-codeartifact-api <- network",
            "aws:ec2/vpcEndpoint:VpcEndpoint::network-codeartifact-repositories <- network",
            "aws:ec2/vpcEndpoint:VpcEndpoint::network-sts <- network",
            "aws:ec2/vpcEndpoint:VpcEndpoint::network-ssm <- network",
            "aws:ec2/vpcEndpoint:VpcEndpoint::network-ssmmessages <- network",
            "aws:ec2/vpcEndpoint:VpcEndpoint::network-ec2messages <- network",
            "aws:ec2/vpcEndpoint:VpcEndpoint::network-s3 <- network",
            `secure-packages:index:PackagePublisher::publisher <- ${STACK}`,
            "aws:iam/role:Role::publisher-role <- publisher",
            "aws:iam/rolePolicy:RolePolicy::publisher-codeartifact-publish <- publisher",
            "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive::publisher-inline-policies <- publisher",
            "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive::publisher-managed-policies <- publisher",
        ]);
    });

    it("protects exactly the key, the domain, the repositories and their package groups", () => {
        expect(up.registrations.filter((r) => r.protect).map((r) => `${r.type}::${r.name}`)).to.have.members([
            "aws:kms/key:Key::domain-key",
            "aws:codeartifact/domain:Domain::domain",
            "aws:codeartifact/repository:Repository::repository-maven-central-store",
            "aws:codeartifact/repository:Repository::repository",
            "aws-native:codeartifact:PackageGroup::repository-group-maven-com.nextwork",
        ]);
    });

    it("exports the outputs users need, with no token among them", () => {
        const tokenCommand =
            "export CODEARTIFACT_AUTH_TOKEN=$(aws codeartifact get-authorization-token --domain nextwork --domain-owner 123456789012" +
            " --region us-east-1 --duration-seconds 3600 --query authorizationToken --output text)";
        expect(up.outputs).to.deep.include({
            domainName: "nextwork",
            domainOwner: "123456789012",
            repositoryName: "nextwork-packages",
            storeRepositoryNames: ["maven-central-store"],
            mavenEndpoint: "https://nextwork-123456789012.d.codeartifact.us-east-1.amazonaws.com/maven/nextwork-packages/",
            tokenCommand,
            readerRoleArn: "arn:aws:iam::123456789012:role/reader-host-role-319532e",
            instanceId: "i-0ce80de86717145a1",
            sessionCommand: "aws ssm start-session --target i-0ce80de86717145a1 --region us-east-1",
            publisherRoleArn: "arn:aws:iam::123456789012:role/nextwork-publisher",
        });
        expect(Object.keys(up.outputs!)).to.have.members([
            "domainName", "domainOwner", "repositoryName", "storeRepositoryNames", "mavenEndpoint", "settingsXml",
            "tokenCommand", "readerRoleArn", "instanceId", "sessionCommand", "publisherRoleArn", "publisherSettingsXml", "publishScript", "network", "vpcId",
        ]);
        expect(up.outputs!.network).to.equal("private");
        expect(up.outputs!.settingsXml).to.include("<mirrorOf>*</mirrorOf>").and.include("${env.CODEARTIFACT_AUTH_TOKEN}");
    });

    it("gives the build host the rendered settings and the reader policy", () => {
        const userData = String(single(up.registrations, "aws:ec2/instance:Instance").inputs.userData);
        expect(userData).to.include(String(up.outputs!.settingsXml).trimEnd());
        expect(userData).to.include("--domain nextwork --domain-owner 123456789012 --region us-east-1 --duration-seconds 3600");
        expect(policyInput(single(up.registrations, "aws:iam/rolePolicy:RolePolicy", "reader-host-codeartifact-read"), "policy").Statement)
            .to.deep.equal(EXPECTED_READER_STATEMENTS);
        expect(single(up.registrations, "aws:ec2/instance:Instance").inputs.tags).to.deep.equal({ Name: "nextwork-build-host" });
    });

    it("asks AWS for the account, partition, region and AMI, and never for a token", () => {
        const tokens = up.invokes.map((call) => call.token);
        expect(tokens).to.include.members([
            "aws:index/getCallerIdentity:getCallerIdentity",
            "aws:index/getPartition:getPartition",
            "aws:index/getRegion:getRegion",
            "aws:ssm/getParameter:getParameter",
        ]);
        expect(tokens.filter((token) => /authorizationToken/i.test(token))).to.deep.equal([]);
    });

    describe("in preview", () => {
        let preview: StackRun;
        before(async () => { preview = await run(CROSS_ACCOUNT, true); });

        it("every IAM policy document is a known value (the policy pack can judge it)", () => {
            const documents = preview.registrations.filter((r) => r.type in POLICY_INPUTS);
            expect(documents.map((r) => r.type)).to.include.members(Object.keys(POLICY_INPUTS));
            for (const registration of documents) {
                const value = registration.inputs[POLICY_INPUTS[registration.type]];
                expect(value, `${registration.type} ${registration.name}`).to.be.a("string");
                expect(containsUnknown(value), `${registration.type} ${registration.name}`).to.equal(false);
                expect(policyInput(registration, POLICY_INPUTS[registration.type]).Version).to.equal("2012-10-17");
            }
        });

        it("no other input looks like a policy document", () => {
            for (const registration of preview.registrations.filter((r) => r.custom && !(r.type in POLICY_INPUTS))) {
                for (const [name, value] of Object.entries(registration.inputs)) {
                    if (typeof value === "string") expect(value, `${registration.type} ${registration.name}.${name}`).not.to.include('"Statement"');
                }
            }
        });

        it("the publish grant names its role; the endpoint, settings and commands are known", () => {
            expect(single(preview.registrations, "aws:iam/rolePolicy:RolePolicy", "publisher-codeartifact-publish").inputs.role).to.equal("nextwork-publisher");
            for (const output of ["domainOwner", "mavenEndpoint", "settingsXml", "tokenCommand", "storeRepositoryNames", "publisherSettingsXml", "publishScript"]) {
                expect(containsUnknown(preview.outputs![output]), output).to.equal(false);
            }
            expect(preview.outputs!.instanceId).to.equal(UNKNOWN); // as in a real preview: the host does not exist yet
        });

        it("registers the same resources as an update", () => {
            const previewWithoutSharing = resourceList(preview.registrations).filter((entry) => !/Permissions/.test(entry));
            expect(previewWithoutSharing).to.have.members(resourceList(up.registrations));
        });
    });

    it("shares the store with another organization and account only when configured", async () => {
        const shared = await run(CROSS_ACCOUNT);
        expect(ofType(shared.registrations, "aws:codeartifact/domainPermissions:DomainPermissions")).to.have.length(1);
        expect(ofType(shared.registrations, "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy")).to.have.length(1);
        expect(ofType(up.registrations, "aws:codeartifact/domainPermissions:DomainPermissions")).to.have.length(0);
        expect(ofType(up.registrations, "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy")).to.have.length(0);
    });

    it("without publisher namespaces: no publisher, no publisherRoleArn", async () => {
        const readOnly = await run({ "secure-packages:publisherNamespaces": undefined });
        expect(ofType(readOnly.registrations, "secure-packages:index:PackagePublisher")).to.have.length(0);
        expect(readOnly.registrations.filter((r) => r.name.startsWith("publisher"))).to.have.length(0);
        expect(readOnly.outputs).not.to.have.property("publisherRoleArn");
    });

    it("without Session Manager: no SSM policy and no sessionCommand", async () => {
        const noSsm = await run({ "secure-packages:sessionManager": "false" });
        expect(ofType(noSsm.registrations, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).to.have.length(0);
        expect(noSsm.outputs).not.to.have.property("sessionCommand");
    });

    it("bounds every role it creates by permissionsBoundaryPolicy, and none without it", async () => {
        const roles = (stack: StackRun) => ofType(stack.registrations, "aws:iam/role:Role").map((r) => r.inputs.permissionsBoundary);
        expect(roles(up)).to.have.length(2);
        for (const boundary of roles(up)) expect(boundary).to.equal("arn:aws:iam::123456789012:policy/secure-packages-dev-boundary");
        const unbounded = await run({ "secure-packages:permissionsBoundaryPolicy": undefined });
        expect(roles(unbounded)).to.deep.equal([undefined, undefined]);
        const bad = await runProgram(devConfig({ "secure-packages:permissionsBoundaryPolicy": "arn:aws:iam::123456789012:policy/x" }));
        expect((bad.error as ConfigError).problems.map((p) => p.key)).to.deep.equal(["secure-packages:permissionsBoundaryPolicy"]);
    });

    it("with protect off, protects nothing", async () => {
        const unprotected = await run({ "secure-packages:protect": "false" });
        expect(unprotected.registrations.filter((r) => r.protect)).to.deep.equal([]);
    });

    it("passes instance type, subnet, tags, token lifetime and publisher settings through", async () => {
        const custom = await run({
            "secure-packages:instanceType": "t4g.small",
            "secure-packages:network": "subnet",
            "secure-packages:subnetId": "subnet-0123abcd",
            "secure-packages:tags": JSON.stringify(["team=platform"]),
            "secure-packages:tokenDurationSeconds": "900",
            "secure-packages:publisherRoleName": "ci-publisher",
            "secure-packages:upstreams": JSON.stringify(["public:maven-central", "public:maven-gradleplugins"]),
        });
        const instance = single(custom.registrations, "aws:ec2/instance:Instance");
        expect(instance.inputs).to.deep.include({ ami: FAKE_AMI.arm64, instanceType: "t4g.small", subnetId: "subnet-0123abcd" });
        expect(instance.inputs.tags).to.deep.equal({ team: "platform", Name: "nextwork-build-host" });
        expect(single(custom.registrations, "aws:codeartifact/domain:Domain").inputs.tags).to.deep.equal({ team: "platform" });
        expect(custom.outputs!.tokenCommand).to.include("--duration-seconds 900");
        expect(single(custom.registrations, "aws:iam/role:Role", "publisher-role").inputs.name).to.equal("ci-publisher");
        expect(custom.outputs!.storeRepositoryNames).to.deep.equal(["maven-central-store", "maven-gradleplugins-store"]);
    });

    it("default-vpc: looks the default VPC up and puts the host's own group in it", async () => {
        const inDefault = await run({ "secure-packages:network": "default-vpc" });
        expect(inDefault.invokes.find((call) => call.token === "aws:ec2/getVpcs:getVpcs")?.inputs).to.deep.equal({ filters: [{ name: "is-default", values: ["true"] }] });
        expect(single(inDefault.registrations, "aws:ec2/securityGroup:SecurityGroup").inputs.vpcId).to.equal(FAKE_VPC_ID);
        expect(ofType(inDefault.registrations, "aws:ec2/vpc:Vpc")).to.deep.equal([]);
        expect(inDefault.outputs).not.to.have.property("vpcId");
    });

    it("default-vpc in an account without one: stops at preview naming the key, nothing registered", async () => {
        const none = await runProgram(devConfig({ "secure-packages:network": "default-vpc" }), { preview: true, account: { noDefaultVpc: true } });
        expect(none.error).to.be.instanceOf(Error);
        expect((none.error as Error).message)
            .to.include('secure-packages:network = "default-vpc", but the account has no default VPC in us-east-1')
            .and.include("Set secure-packages:network to private");
        expect(resourceList(none.registrations)).to.deep.equal([]);
    });

    it("private in a region whose CodeArtifact asset bucket the program does not know: stops before anything is registered", async () => {
        const unknownRegion = await runProgram(devConfig({ "aws:region": "ap-southeast-1" }), { preview: true });
        expect(String(unknownRegion.error)).to.include("asset bucket for region ap-southeast-1").and.include("network: default-vpc or subnet");
        expect(resourceList(unknownRegion.registrations)).to.deep.equal([]);
    });

    it("bad configuration: one ConfigError listing every problem, nothing registered, nothing asked of AWS", async () => {
        const bad = await runProgram(devConfig({
            "secure-packages:domainName": "Next_Work",
            "secure-packages:upstreams": JSON.stringify(["public:maven-centrl"]),
            "secure-packages:protect": "maybe",
        }));
        expect(bad.error).to.be.instanceOf(ConfigError);
        // What the language host checks to show the message alone, without a stack trace.
        expect(pulumi.RunError.isInstance(bad.error)).to.equal(true);
        expect((bad.error as ConfigError).problems.map((p) => p.key)).to.have.members([
            "secure-packages:domainName", "secure-packages:upstreams", "secure-packages:protect",
        ]);
        expect(bad.registrations.map((r) => r.type)).to.deep.equal(["pulumi:pulumi:Stack"]);
        expect(bad.invokes).to.deep.equal([]);
    });

    it("puts the package groups in the stack's region: aws-native:region must equal aws:region, else nothing is created", async () => {
        for (const nativeRegion of ["eu-west-1", undefined]) {
            const mismatch = await runProgram(devConfig({ "aws-native:region": nativeRegion }));
            expect(mismatch.error, String(nativeRegion)).to.be.instanceOf(ConfigError);
            const [problem] = (mismatch.error as ConfigError).problems;
            expect(problem).to.deep.include({ key: "aws-native:region", value: nativeRegion });
            expect(String(mismatch.error)).to.include("must equal the AWS provider's region us-east-1 (aws:region)").and.include("pulumi config set aws-native:region us-east-1");
            expect(mismatch.registrations.filter((r) => r.custom)).to.deep.equal([]);
        }
    });

    it("needs no aws-native region when there are no internal namespaces (no package groups)", async () => {
        const plain = orThrow(await runProgram(devConfig({ "aws-native:region": undefined, "secure-packages:publisherNamespaces": "[]" })));
        expect(ofType(plain.registrations, "aws-native:codeartifact:PackageGroup")).to.deep.equal([]);
    });

    it("tags the package groups with the AWS provider's default tags, which aws-native does not apply itself", async () => {
        // The dev stack file sets aws:defaultTags (the deploy role's stack fence); config tags come after.
        const tagged = orThrow(await runProgram(devConfig({ "secure-packages:tags": JSON.stringify(["team=platform"]) })));
        const [group] = ofType(tagged.registrations, "aws-native:codeartifact:PackageGroup");
        expect(group.inputs["tags"]).to.deep.equal([{ key: "secure-packages:stack", value: "dev" }, { key: "team", value: "platform" }]);
        const untagged = orThrow(await runProgram(devConfig({ "aws:defaultTags": undefined })));
        expect(ofType(untagged.registrations, "aws-native:codeartifact:PackageGroup")[0].inputs).not.to.have.property("tags");
    });

    it("a missing required key is a ConfigError too", async () => {
        const missing = await runProgram(devConfig({ "secure-packages:repositoryName": undefined }));
        expect(String(missing.error)).to.include("secure-packages:repositoryName is not set: is required");
        expect(missing.registrations.filter((r) => r.custom)).to.deep.equal([]);
    });
});
