// `npm run bench`: what the offline check costs, in one run, on this machine.
// 1. The floor: `node -e "require('@pulumi/pulumi'); require('@pulumi/aws')"`, median of N runs.
// 2. `npm start` on the dev stack, both modes: the command npm runs (node offline/start.js), and the
//    same through npm itself; medians of N runs, interleaved with (1) so that machine load hits both
//    alike. A cold run is reported apart: the caches (node_modules/.cache/offline-check: transpiled
//    files and the program's type-check verdict; node-compile-cache: Node 22+'s compiled code) are emptied
//    first, as after `npm ci` or an edit, so it pays for loading TypeScript, transpiling and type-checking.
// 3. The pack alone (checkStack: Remediate, Analyze per resource, AnalyzeStack) on synthetic stacks of
//    100, 1,000 and 10,000 resources of a realistic mix, in this process, per resource.
// Timings are printed, never asserted: tests do not time anything.
import * as os from "os";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import { createResource, checkInputs } from "./aws/awsResources";
import { fakeAccount } from "./aws/awsMocks";
import { checkStack } from "./engine/check";
import { EngineResource } from "./engine/engineView";
import { policyAnalyzer } from "./offlineCheck";
import { renderPolicyDocument } from "./aws/policyDocument";

const ROOT = path.resolve(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function wall(command: string, args: string[]): number {
    const start = performance.now();
    const result = spawnSync(command, args, { cwd: ROOT, stdio: "ignore" });
    if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${args.join(" ")} exited ${result.status}`);
    return (performance.now() - start) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (x: number) => `${x.toFixed(2)} s`;

function endToEnd(): void {
    const baseline: number[] = [];
    const start: number[] = [];
    const npm: number[] = [];
    // Cold: the transpile and type-check cache and Node's compile cache (Node 22+) emptied, as after `npm ci`.
    for (const cache of ["offline-check", "node-compile-cache"]) fs.rmSync(path.join(ROOT, "node_modules", ".cache", cache), { recursive: true, force: true });
    const cold = wall(process.execPath, ["offline/start.js"]);
    for (let i = 0; i < RUNS; i++) {
        baseline.push(wall(process.execPath, ["-e", "require('@pulumi/pulumi'); require('@pulumi/aws')"]));
        start.push(wall(process.execPath, ["offline/start.js"]));
        npm.push(wall("npm", ["start", "--silent"]));
    }
    const b = median(baseline);
    console.log(`SDK load floor   node -e "require('@pulumi/pulumi'); require('@pulumi/aws')"   median of ${RUNS}: ${s(b)}`);
    console.log(`offline check    node offline/start.js (dev stack, preview + update)          median of ${RUNS}: ${s(median(start))}   ratio ${(median(start) / b).toFixed(2)}x   (cold cache: ${s(cold)})`);
    console.log(`                 npm start (the same, plus npm's own start-up)                median of ${RUNS}: ${s(median(npm))}   ratio ${(median(npm) / b).toFixed(2)}x`);
}

/** Ten resources of the reader stack's kinds, as the engine would hold them after an update. */
function unit(i: number): EngineResource[] {
    const account = fakeAccount("us-east-1");
    const stack = "urn:pulumi:bench::bench::pulumi:pulumi:Stack::bench-bench";
    const component = `urn:pulumi:bench::bench::bench:index:Reader::r${i}`;
    const domainName = `d${i}`;
    const arn = `arn:aws:codeartifact:us-east-1:123456789012`;
    const reader = renderPolicyDocument({
        statements: [
            { sid: "Token", actions: ["codeartifact:GetAuthorizationToken"], resources: [`${arn}:domain/${domainName}`] },
            { sid: "Read", actions: ["codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository"], resources: [`${arn}:repository/${domainName}/packages`] },
            { sid: "Bearer", actions: ["sts:GetServiceBearerToken"], resources: ["*"], conditions: [{ test: "StringEquals", variable: "sts:AWSServiceName", values: ["codeartifact.amazonaws.com"] }] },
        ],
    }).json;
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });
    const make = (type: string, name: string, inputs: Record<string, unknown>, protect = false): EngineResource => {
        const checked = checkInputs(type, name, inputs);
        return {
            urn: `urn:pulumi:bench::bench::bench:index:Reader$${type}::${name}`,
            type, name, custom: true, parent: component, dependencies: [], propertyDependencies: {}, protect,
            ignoreChanges: [], additionalSecretOutputs: [], aliases: [],
            provider: { urn: "urn:pulumi:bench::bench::pulumi:providers:aws::default_7_48_0", type: "pulumi:providers:aws", name: "default_7_48_0", props: { region: "us-east-1" } },
            inputs: checked,
            outputs: createResource(type, name, checked, account, false).state,
        };
    };
    const key = make("aws:kms/key:Key", `key${i}`, { enableKeyRotation: true, deletionWindowInDays: 30 }, true);
    const role = make("aws:iam/role:Role", `role${i}`, { assumeRolePolicy: trust });
    const resources = [
        key,
        make("aws:codeartifact/domain:Domain", `domain${i}`, { domain: domainName, encryptionKey: key.outputs.arn }, true),
        make("aws:codeartifact/repository:Repository", `repo${i}`, { domain: domainName, repository: "packages", externalConnections: { externalConnectionName: "public:maven-central" } }, true),
        role,
        make("aws:iam/rolePolicy:RolePolicy", `read${i}`, { role: role.outputs.name, policy: reader }),
        make("aws:iam/instanceProfile:InstanceProfile", `profile${i}`, { role: role.outputs.name }),
        make("aws:ec2/securityGroup:SecurityGroup", `sg${i}`, { ingress: [], egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.40.0.0/16"] }] }),
        make("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `ssm${i}`, { role: role.outputs.name, policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" }),
    ];
    const host = make("aws:ec2/instance:Instance", `host${i}`, {
        ami: "ami-0123456789abcdef0", instanceType: "t3.micro", iamInstanceProfile: resources[5].outputs.name,
        vpcSecurityGroupIds: [`sg-0bench${i}`], associatePublicIpAddress: false,
        metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 }, rootBlockDevice: { encrypted: true },
    });
    host.dependencies = [role.urn, resources[5].urn, resources[6].urn];
    host.propertyDependencies = { vpcSecurityGroupIds: [resources[6].urn] };
    const parent: EngineResource = { ...host, urn: component, type: "bench:index:Reader", name: `r${i}`, custom: false, parent: stack, provider: undefined, inputs: {}, outputs: {}, dependencies: [] };
    return [parent, ...resources, host];
}

async function packScaling(): Promise<void> {
    const analyzer = policyAnalyzer();
    const allowMavenCentral = { "codeartifact-external-connections-allowed": { allowedExternalConnections: ["public:maven-central"] } };
    const stack: EngineResource = { urn: "urn:pulumi:bench::bench::pulumi:pulumi:Stack::bench-bench", type: "pulumi:pulumi:Stack", name: "bench-bench", custom: false, dependencies: [], propertyDependencies: {}, protect: false, ignoreChanges: [], additionalSecretOutputs: [], aliases: [], inputs: {}, outputs: {} };
    const time = async (resources: EngineResource[], config: Record<string, unknown>) => {
        analyzer.configure(config);
        const start = performance.now();
        const result = await checkStack(analyzer, resources, { project: "bench", stack: "bench", mode: "update" });
        if (result.violations.length + result.notRun.length > 0) throw new Error(`the synthetic stack should pass: ${JSON.stringify(result.violations[0] ?? result.notRun[0])}`);
        return (performance.now() - start) / 1000;
    };
    await time([stack, ...unit(0)], allowMavenCentral); // warm-up
    console.log(`\npolicy pack alone on synthetic reader stacks (update mode; per resource: Remediate + Analyze, then one AnalyzeStack with every policy):`);
    console.log(`  ${"resources".padStart(9)}  ${"seconds".padStart(8)}  per resource`);
    for (const size of (process.env.BENCH_SIZES ?? "100,1000,10000").split(",").map(Number)) {
        const resources = [stack, ...Array.from({ length: Math.ceil(size / 10) }, (_, i) => unit(i)).flat()].slice(0, size);
        const seconds = await time(resources, allowMavenCentral);
        console.log(`  ${String(size).padStart(9)}  ${s(seconds).padStart(8)}  ${((seconds * 1e6) / size).toFixed(0).padStart(6)} µs`);
    }
}

(async () => {
    console.log(`offline check benchmark (node ${process.version}, ${os.cpus().length} CPUs)\n`);
    if (process.env.BENCH_SKIP_END_TO_END !== "1") endToEnd();
    await packScaling();
})().catch((e) => {
    console.error(e);
    process.exitCode = 1;
});
