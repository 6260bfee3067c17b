// The pack as the Pulumi CLI starts it: `@pulumi/pulumi/cmd/run-policy-pack` in the pack's folder
// (ts-node with type checking, policy-pack/tsconfig.json, package.json for the version), then gRPC
// calls on the port it prints. Everything else tests the policies in-process; this proves the entry
// point itself starts and answers like an analyzer plugin.
import { expect } from "chai";
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { version as packVersion } from "../../policy-pack/package.json";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

const packDir = path.join(__dirname, "..", "..", "policy-pack");
const launcher = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");

type UnaryCall = (request: unknown, callback: (err: unknown, res: unknown) => void) => void;

function unary<Req, Res>(client: AnalyzerClient | undefined, method: keyof AnalyzerClient, request: Req): Promise<Res> {
    if (!client) throw new Error("the pack's gRPC client is not connected (see before())");
    const call = (client[method] as unknown as UnaryCall).bind(client);
    return new Promise((resolve, reject) => call(request, (err, res) => (err ? reject(err) : resolve(res as Res))));
}

describe("the policy pack, started the way the Pulumi CLI starts it", function () {
    this.timeout(60_000);
    let child: ChildProcess;
    let client: AnalyzerClient | undefined;
    let stderr = "";

    before(async () => {
        child = spawn(process.execPath, [launcher, "127.0.0.1:1", "."], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
        child.stderr!.on("data", (chunk) => (stderr += chunk));
        const port = await new Promise<string>((resolve, reject) => {
            child.stdout!.once("data", (chunk) => resolve(String(chunk).trim()));
            child.once("exit", (code) => reject(new Error(`the pack exited with ${code}: ${stderr}`)));
        });
        expect(port).to.match(/^\d+$/);
        client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    });

    after(() => {
        client?.close();
        child?.kill();
    });

    it("answers GetAnalyzerInfo with the pack's name, version and twenty mandatory policies", async () => {
        const info = await unary<Empty, analyzerproto.AnalyzerInfo>(client, "getAnalyzerInfo", new Empty());
        expect(info.getName()).to.equal("codeartifact-least-privilege");
        expect(info.getVersion()).to.equal(packVersion);
        expect(info.getPoliciesList()).to.have.length(20);
        expect(info.getPoliciesList().every((p) => p.getEnforcementlevel() === analyzerproto.EnforcementLevel.MANDATORY)).to.equal(true);
    });

    it("refuses a write grant over gRPC, as a mandatory violation", async () => {
        const request = new analyzerproto.AnalyzeRequest();
        request.setType("aws:iam/rolePolicy:RolePolicy");
        request.setUrn("urn:pulumi:dev::secure-packages::aws:iam/rolePolicy:RolePolicy::writer");
        request.setName("writer");
        request.setProperties(
            Struct.fromJavaScript({
                role: "reader",
                policy: JSON.stringify({ Statement: { Effect: "Allow", Action: "codeartifact:DeleteRepository", Resource: "arn:aws:codeartifact:us-east-1:123456789012:repository/nextwork/nextwork-packages" } }),
            }),
        );
        request.setOptions(new analyzerproto.AnalyzerResourceOptions());
        const response = await unary<analyzerproto.AnalyzeRequest, analyzerproto.AnalyzeResponse>(client, "analyze", request);
        const readOnly = response.getDiagnosticsList().filter((d) => d.getPolicyname() === "codeartifact-read-only");
        expect(readOnly).to.have.length(1);
        expect(readOnly[0].getEnforcementlevel()).to.equal(analyzerproto.EnforcementLevel.MANDATORY);
        expect(readOnly[0].getMessage()).to.contain("codeartifact:DeleteRepository");
    });
});
