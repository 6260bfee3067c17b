import { expect } from "chai";
import { al2023RepositoryHost, al2023RepositoryBucket } from "../../infra/network/serviceBuckets";
import { FAKE_CONTEXT, StackRun, devConfig, orThrow, runProgram } from "../support/mockStack";
import { Destination, StackNetwork } from "../support/reachability";

const { accountId, region } = FAKE_CONTEXT;
const READER = `arn:aws:sts::${accountId}:assumed-role/reader-host-role/i-0ce80de86717145a1`;
const ATTACKER = "arn:aws:iam::210987654321:user/attacker";

/** Each destination as the host would address it, with the AWS request it makes there. */
const DESTINATIONS: Record<string, Destination> = {
    "the team repository": {
        host: `nextwork-${accountId}.d.codeartifact.${region}.amazonaws.com`,
        publicIp: "3.226.0.10",
        request: { principal: READER, action: "codeartifact:ReadFromRepository", resource: `arn:aws:codeartifact:${region}:${accountId}:repository/nextwork/nextwork-packages` },
    },
    "a CodeArtifact token": {
        host: `codeartifact.${region}.amazonaws.com`,
        publicIp: "3.226.0.20",
        request: { principal: READER, action: "codeartifact:GetAuthorizationToken", resource: `arn:aws:codeartifact:${region}:${accountId}:domain/nextwork` },
    },
    STS: {
        host: `sts.${region}.amazonaws.com`,
        publicIp: "209.54.177.164",
        request: { principal: READER, action: "sts:GetServiceBearerToken", resource: "*", context: { "sts:AWSServiceName": "codeartifact.amazonaws.com" } },
    },
    "the AL2023 repository bucket": {
        host: al2023RepositoryHost(region),
        publicIp: "52.216.10.20",
        request: { principal: "anonymous", action: "s3:GetObject", resource: `arn:aws:s3:::${al2023RepositoryBucket(region)}/core/mirrors/latest/x86_64/mirror.list` },
    },
    "repo1.maven.org": { host: "repo1.maven.org", publicIp: "199.232.196.209" },
    "registry.npmjs.org": { host: "registry.npmjs.org", publicIp: "104.16.24.34" },
    "github.com": { host: "github.com", publicIp: "140.82.112.3" },
    "another account's CodeArtifact domain": {
        host: `evil-210987654321.d.codeartifact.${region}.amazonaws.com`,
        publicIp: "3.226.0.11",
        request: { principal: ATTACKER, action: "codeartifact:PublishPackageVersion", resource: `arn:aws:codeartifact:${region}:210987654321:package/evil/loot/generic//data` },
    },
    "an arbitrary S3 bucket": {
        host: `exfiltration-target.s3.${region}.amazonaws.com`,
        publicIp: "52.217.1.2",
        request: { principal: ATTACKER, action: "s3:PutObject", resource: "arn:aws:s3:::exfiltration-target/loot" },
    },
};
const NEEDED = ["the team repository", "a CodeArtifact token", "STS", "the AL2023 repository bucket"];
const FORBIDDEN = ["repo1.maven.org", "registry.npmjs.org", "github.com", "another account's CodeArtifact domain", "an arbitrary S3 bucket"];

function reachability(run: StackRun): Record<string, string> {
    const network = new StackNetwork(run.registrations);
    return Object.fromEntries(Object.entries(DESTINATIONS).map(([label, destination]) => {
        const verdict = network.reach("reader-host", destination);
        return [label, `${verdict.reachable ? "yes" : "no"} (${verdict.path})`];
    }));
}

describe("what the build host can reach (from the stack's registered network)", () => {
    let privateRun: StackRun;
    let defaultVpcRun: StackRun;
    before(async () => {
        // One after the other: the Pulumi runtime runs one stack per process at a time.
        privateRun = orThrow(await runProgram(devConfig()));
        defaultVpcRun = orThrow(await runProgram(devConfig({ "secure-packages:network": "default-vpc" })));
    });

    it("network: private reaches CodeArtifact, STS and the AL2023 repositories, and nothing else", () => {
        const reach = reachability(privateRun);
        for (const label of NEEDED) expect(reach[label], label).to.match(/^yes/);
        for (const label of FORBIDDEN) expect(reach[label], label).to.match(/^no/);
        expect(reach["another account's CodeArtifact domain"]).to.include("endpoint com.amazonaws.us-east-1.codeartifact.repositories: its policy does not allow");
        expect(reach["an arbitrary S3 bucket"]).to.include("gateway com.amazonaws.us-east-1.s3: its policy does not allow");
        expect(reach["github.com"]).to.include("no route out of the VPC");
    });

    it("reads what is registered: without the STS endpoint STS is out of reach; with AWS's default S3 policy any bucket is in reach", () => {
        const withoutSts = privateRun.registrations.filter((r) => !(r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && r.name === "network-sts"));
        expect(new StackNetwork(withoutSts).reach("reader-host", DESTINATIONS.STS).reachable).to.equal(false);
        const openS3 = privateRun.registrations.map((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && r.name === "network-s3"
            ? { ...r, state: { ...r.state, policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] }) } }
            : r);
        expect(new StackNetwork(openS3).reach("reader-host", DESTINATIONS["an arbitrary S3 bucket"]).reachable).to.equal(true);
    });

    it("the hosts the user data sends Maven and the token call to are answered by endpoints inside the VPC", () => {
        const instance = privateRun.registrations.find((r) => r.type === "aws:ec2/instance:Instance")!;
        // Repository and mirror <url>s: what Maven connects to (xmlns and schema URLs are names, never fetched).
        const hosts = [...new Set([...String(instance.inputs.userData).matchAll(/<url>https?:\/\/([a-z0-9.-]+)/gi)].map((m) => m[1]))];
        expect(hosts).to.deep.equal([DESTINATIONS["the team repository"].host]);
        // codeartifact-mvn's token call: the AWS CLI sends it to codeartifact.REGION.amazonaws.com.
        const cliRegion = /aws codeartifact get-authorization-token .*--region (\S+)/.exec(String(instance.inputs.userData))?.[1];
        expect(cliRegion).to.equal(region);
        const tokenCall = new StackNetwork(privateRun.registrations).reach("reader-host", { ...DESTINATIONS["a CodeArtifact token"], host: `codeartifact.${cliRegion}.amazonaws.com` });
        expect(tokenCall.path).to.match(/^endpoint com\.amazonaws\.us-east-1\.codeartifact\.api: its policy allows/);
        const network = new StackNetwork(privateRun.registrations);
        for (const host of hosts) {
            const verdict = network.reach("reader-host", { ...DESTINATIONS["the team repository"], host });
            expect(verdict.path, host).to.match(/^endpoint com\.amazonaws\.us-east-1\.codeartifact\.repositories/);
        }
    });

    it("network: default-vpc reaches all of them (so the test proves the network, not itself)", () => {
        const reach = reachability(defaultVpcRun);
        for (const label of [...NEEDED, ...FORBIDDEN]) expect(reach[label], label).to.match(/^yes/);
    });
});
