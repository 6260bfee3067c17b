import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { ReaderHost, ReaderHostArgs } from "../../infra/components/readerHost";
import { EXPECTED_READER_STATEMENTS } from "../support/expectedPolicies";
import { newStore } from "../support/componentFixtures";
import { ofType, policyInput, single } from "../support/registrationQueries";
import { FAKE_AMI, FAKE_VPC_ID, StackRun, orThrow, runInMockStack } from "../support/mockStack";

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const INLINE_EXCLUSIVE = "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive";
const MANAGED_EXCLUSIVE = "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive";
const PROFILE = "aws:iam/instanceProfile:InstanceProfile";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const INSTANCE = "aws:ec2/instance:Instance";
const SSM_CORE = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
const USER_DATA = "#!/bin/bash\necho test user data\n";

async function runHost(args: Partial<ReaderHostArgs> = {}, preview = false): Promise<StackRun> {
    return orThrow(await runInMockStack(() => {
        const { repository } = newStore();
        new ReaderHost("reader-host", { repository, userData: USER_DATA, network: {}, ...args });
    }, { preview }));
}

/** The registrations that belong to the host component. */
function hostChildren(run: StackRun) {
    const component = single(run.registrations, "secure-packages:index:ReaderHost");
    return run.registrations.filter((r) => r.parent === component.urn);
}

describe("ReaderHost", () => {
    let run: StackRun;
    before(async () => { run = await runHost(); });

    it("declares the role, its guards, profile, security group and instance, all children of the component", () => {
        expect(hostChildren(run).map((r) => `${r.type}::${r.name}`)).to.have.members([
            `${ROLE}::reader-host-role`,
            `${ROLE_POLICY}::reader-host-codeartifact-read`,
            `${ATTACHMENT}::reader-host-AmazonSSMManagedInstanceCore`,
            `${INLINE_EXCLUSIVE}::reader-host-inline-policies`,
            `${MANAGED_EXCLUSIVE}::reader-host-managed-policies`,
            `${PROFILE}::reader-host-profile`,
            `${SECURITY_GROUP}::reader-host-sg`,
            `${INSTANCE}::reader-host`,
        ]);
    });

    it("role is trusted by EC2 only, and depends on nothing", () => {
        const role = single(run.registrations, ROLE);
        expect(policyInput(role, "assumeRolePolicy")).to.deep.equal({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: ["sts:AssumeRole"] }],
        });
        expect(role.dependencies).to.deep.equal([]);
    });

    it("grants exactly the reader statements in a named inline policy that depends only on the role", () => {
        const policy = single(run.registrations, ROLE_POLICY);
        const role = single(run.registrations, ROLE);
        expect(policy.inputs.name).to.equal("codeartifact-read");
        expect(policyInput(policy, "policy")).to.deep.equal({ Version: "2012-10-17", Statement: EXPECTED_READER_STATEMENTS });
        expect(policy.dependencies).to.deep.equal([role.urn]);
        expect(policy.propertyDependencies.policy).to.deep.equal([]);
    });

    it("removes out-of-band grants: exclusive inline and managed policy lists", () => {
        const role = single(run.registrations, ROLE);
        const inline = single(run.registrations, INLINE_EXCLUSIVE);
        expect(inline.inputs.policyNames).to.deep.equal(["codeartifact-read"]);
        expect(inline.propertyDependencies.roleName).to.deep.equal([role.urn]);
        const managed = single(run.registrations, MANAGED_EXCLUSIVE);
        expect(managed.inputs.policyArns).to.deep.equal([SSM_CORE]);
        expect(managed.propertyDependencies.roleName).to.deep.equal([role.urn]);
    });

    it("attaches AmazonSSMManagedInstanceCore and no other managed policy", () => {
        expect(ofType(run.registrations, ATTACHMENT).map((r) => r.inputs.policyArn)).to.deep.equal([SSM_CORE]);
    });

    it("attaches no managed policy at all without Session Manager", async () => {
        const noSsm = await runHost({ sessionManager: false });
        expect(ofType(noSsm.registrations, ATTACHMENT)).to.have.length(0);
        expect(single(noSsm.registrations, MANAGED_EXCLUSIVE).inputs.policyArns).to.deep.equal([]);
    });

    it("security group: no inbound rule, HTTPS out only", () => {
        const group = single(run.registrations, SECURITY_GROUP);
        expect(group.inputs.ingress).to.deep.equal([]);
        expect(group.inputs.egress).to.have.length(1);
        expect(group.inputs.egress).to.deep.equal([{ description: "HTTPS", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }]);
        expect(group.inputs).not.to.have.property("vpcId");
        expect(run.invokes.map((call) => call.token)).not.to.include("aws:ec2/getSubnet:getSubnet");
    });

    it("instance: IMDSv2 with one hop, encrypted gp3 root volume, no key pair", () => {
        const instance = single(run.registrations, INSTANCE);
        expect(instance.inputs.metadataOptions).to.deep.equal({ httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" });
        expect(instance.inputs.rootBlockDevice).to.deep.equal({ encrypted: true, volumeType: "gp3", volumeSize: 20, deleteOnTermination: true });
        expect(instance.inputs).not.to.have.property("keyName");
        expect(instance.inputs).not.to.have.property("subnetId");
    });

    it("instance: the profile by name, the group, user data that replaces the host when it changes", () => {
        const instance = single(run.registrations, INSTANCE);
        expect(instance.inputs.iamInstanceProfile).to.equal("reader-host-profile-dd294ea"); // the mock's auto-name
        expect(instance.propertyDependencies.iamInstanceProfile).to.deep.equal([single(run.registrations, PROFILE).urn]);
        expect(instance.inputs.vpcSecurityGroupIds).to.deep.equal(["sg-05f42d28a93ada91e"]);
        expect(instance.inputs).to.deep.include({ userData: USER_DATA, userDataReplaceOnChange: true, instanceType: "t3.micro" });
        expect(instance.inputs.tags).to.deep.equal({ Name: "reader-host" });
        expect(single(run.registrations, PROFILE).propertyDependencies.role).to.deep.equal([single(run.registrations, ROLE).urn]);
    });

    it("instance: the latest AL2023 AMI for its architecture, then left alone (ignoreChanges ami)", async () => {
        const instance = single(run.registrations, INSTANCE);
        expect(instance.inputs.ami).to.equal(FAKE_AMI.x86_64);
        expect(instance.ignoreChanges).to.deep.equal(["ami"]);
        expect(run.invokes.find((call) => call.token === "aws:ssm/getParameter:getParameter")?.inputs.name)
            .to.equal("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
        for (const instanceType of ["t4g.small", "a1.large"]) {
            const graviton = await runHost({ instanceType });
            expect(single(graviton.registrations, INSTANCE).inputs.ami, instanceType).to.equal(FAKE_AMI.arm64);
            expect(graviton.invokes.find((call) => call.token === "aws:ssm/getParameter:getParameter")?.inputs.name, instanceType)
                .to.equal("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64");
        }
    });

    it("instance waits for the team repository", () => {
        const instance = single(run.registrations, INSTANCE);
        expect(instance.dependencies).to.include(single(run.registrations, "aws:codeartifact/repository:Repository", "repository").urn);
    });

    it("in a subnet: the group goes in the subnet's VPC", async () => {
        const inSubnet = await runHost({ network: { subnetId: "subnet-0123abcd" }, instanceName: "nextwork-build-host", tags: { team: "platform" } });
        expect(single(inSubnet.registrations, SECURITY_GROUP).inputs.vpcId).to.equal(FAKE_VPC_ID);
        const instance = single(inSubnet.registrations, INSTANCE);
        expect(instance.inputs.subnetId).to.equal("subnet-0123abcd");
        expect(instance.inputs.tags).to.deep.equal({ team: "platform", Name: "nextwork-build-host" });
        expect(inSubnet.invokes.find((call) => call.token === "aws:ec2/getSubnet:getSubnet")?.inputs).to.deep.equal({ id: "subnet-0123abcd" });
    });

    it("in a private network: the network's group, no group of its own, no public IP, waits for the endpoints", async () => {
        const inPrivate = orThrow(await runInMockStack(() => {
            const { repository } = newStore();
            const endpoint = new aws.ec2.VpcEndpoint("endpoint", { vpcId: "vpc-0123abcd", serviceName: "com.amazonaws.us-east-1.sts", vpcEndpointType: "Interface" });
            new ReaderHost("reader-host", {
                repository, userData: USER_DATA,
                network: { subnetId: "subnet-0123abcd", securityGroupId: "sg-0123abcd", isPrivate: true, firstBootNeeds: [endpoint] },
            });
        }));
        expect(ofType(inPrivate.registrations, SECURITY_GROUP)).to.deep.equal([]);
        const instance = single(inPrivate.registrations, INSTANCE);
        expect(instance.inputs).to.deep.include({ subnetId: "subnet-0123abcd", vpcSecurityGroupIds: ["sg-0123abcd"], associatePublicIpAddress: false });
        expect(instance.dependencies).to.include(single(inPrivate.registrations, "aws:ec2/vpcEndpoint:VpcEndpoint").urn);
    });

    it("protects nothing (the host is replaceable)", () => {
        expect(hostChildren(run).filter((r) => r.protect)).to.deep.equal([]);
    });

    it("its trust and permission documents are known values during preview", async () => {
        const preview = await runHost({}, true);
        expect(policyInput(single(preview.registrations, ROLE), "assumeRolePolicy").Statement[0].Principal).to.deep.equal({ Service: "ec2.amazonaws.com" });
        expect(policyInput(single(preview.registrations, ROLE_POLICY), "policy").Statement).to.deep.equal(EXPECTED_READER_STATEMENTS);
        expect(single(preview.registrations, INSTANCE).inputs.ami).to.equal(FAKE_AMI.x86_64);
    });
});
