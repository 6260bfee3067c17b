// bootstrap/: the offline check runs it against the pack with its own config, and the deploy roles it
// declares are pinned down: who may assume them, and that every IAM write they allow is fenced.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import * as YAML from "yaml";
import { OfflineReport, offlineCheck } from "../../offline/offlineCheck";
import { matchesWildcard } from "../../policy-pack/iam/wildcard";
import { expandPatterns, isReadOnly } from "../../policy-pack/iam/actions";
import { deployPolicyDocument } from "../../bootstrap/deployPolicy";
import { previewPolicyDocument } from "../../bootstrap/previewPolicy";
import { Statement } from "../../bootstrap/documents";
import { readStackFacts } from "../../bootstrap/stackFacts";

const ROOT = path.resolve(__dirname, "../..");
const PACK_CONFIG = "policy-pack/config/bootstrap.json";
const BOOTSTRAP_STACK = YAML.parse(fs.readFileSync(path.join(ROOT, "bootstrap/Pulumi.github.yaml"), "utf8")).config;
const STACKS: string[] = BOOTSTRAP_STACK["secure-packages-bootstrap:stacks"];
const REPOSITORY: string = BOOTSTRAP_STACK["secure-packages-bootstrap:githubRepository"];
/** The two policies a deploy role breaks by design (it administers CodeArtifact and the stack's roles). */
const RELAXED = ["codeartifact-read-only", "iam-no-wildcard-admin"];
const ACCOUNT = { partition: "aws", accountId: "123456789012" };

function check(program: string, stack: string, policyConfigFile?: string): Promise<OfflineReport> {
    return offlineCheck({
        cwd: ROOT,
        program,
        stack,
        ...(policyConfigFile ? { policyConfig: JSON.parse(fs.readFileSync(path.join(ROOT, policyConfigFile), "utf8")) } : {}),
    });
}

function resourcesOf(report: OfflineReport, type: string) {
    return report.runs[report.runs.length - 1].resources.filter((r) => r.type === type);
}

function allows(statement: Statement, action: string): boolean {
    return statement.Effect === "Allow" && statement.Action.some((a) => matchesWildcard(a, action, true));
}

describe("bootstrap/ (deploy roles for GitHub Actions)", function () {
    this.timeout(60000);
    let report: OfflineReport;
    before(async () => {
        report = await check("bootstrap/index.ts", "github", PACK_CONFIG);
    });

    it("has a Pulumi.yaml valid against the Pulumi project schema", () => {
        const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "test/support/pulumi-project.schema.json"), "utf8"));
        const validate = new Ajv2020({ strict: false }).compile(schema);
        const project = YAML.parse(fs.readFileSync(path.join(ROOT, "bootstrap/Pulumi.yaml"), "utf8"));
        expect(validate(project), JSON.stringify(validate.errors)).to.equal(true);
    });

    it("passes the offline check: 0 mandatory violations, 0 not run, in preview and update", () => {
        expect(report.runs.map((r) => r.mode)).to.deep.equal(["preview", "update"]);
        for (const run of report.runs) {
            expect(run.violations.filter((v) => v.enforcementLevel === "mandatory"), run.mode).to.deep.equal([]);
            expect(run.notRun, run.mode).to.deep.equal([]);
        }
    });

    it("relaxes only the two policies a deploy role breaks by design, to advisory, and they fire only where expected", () => {
        const config = JSON.parse(fs.readFileSync(path.join(ROOT, PACK_CONFIG), "utf8"));
        expect(config).to.deep.equal({ all: "mandatory", "codeartifact-read-only": "advisory", "iam-no-wildcard-admin": "advisory" });
        const urn = (type: string, name: string) => `urn:pulumi:github::secure-packages-bootstrap::${type}::${name}`;
        // The deploy roles' policies administer CodeArtifact and the stack's roles: both relaxed policies.
        const deployPolicies = STACKS.map((stack) => urn("aws:iam/rolePolicy:RolePolicy", `${stack}-deploy`));
        // A boundary grants nothing, but the pack cannot tell it from a managed policy that does: its
        // publish statement (the publisher's ceiling) is reported by codeartifact-read-only, and its copy of
        // Session Manager's ssm:GetParameters on * (data exfiltration) by iam-no-wildcard-admin.
        const boundaries = STACKS.map((stack) => urn("aws:iam/policy:Policy", `${stack}-boundary`));
        for (const run of report.runs) {
            expect(run.violations.length, run.mode).to.be.greaterThan(0);
            for (const v of run.violations) {
                expect(v.enforcementLevel).to.equal("advisory");
                if (boundaries.includes(v.urn)) expect(RELAXED).to.include(v.policy);
                else expect({ policy: v.policy, urn: v.urn }).to.satisfy((x: { policy: string; urn: string }) => RELAXED.includes(x.policy) && deployPolicies.includes(x.urn));
            }
        }
    });

    it("trusts, per stack, GitHub's tokens for sts.amazonaws.com: the deploy role from the stack's environment, the preview role from pull requests", () => {
        const roles = resourcesOf(report, "aws:iam/role:Role");
        expect(roles.map((r) => r.name).sort()).to.deep.equal(STACKS.flatMap((s) => [`${s}-deploy`, `${s}-preview`]).sort());
        const subjects: Record<string, string> = {};
        for (const stack of STACKS) {
            subjects[`${stack}-deploy`] = `repo:${REPOSITORY}:environment:${stack}`;
            subjects[`${stack}-preview`] = `repo:${REPOSITORY}:pull_request`;
        }
        for (const role of roles) {
            expect(JSON.parse(role.props.assumeRolePolicy as string).Statement, role.name).to.deep.equal([{
                Sid: "GitHubActionsJob",
                Effect: "Allow",
                Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" },
                Action: ["sts:AssumeRoleWithWebIdentity"],
                Condition: { StringEquals: {
                    "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                    "token.actions.githubusercontent.com:sub": subjects[role.name],
                } },
            }]);
        }
    });

    it("gives the preview roles only Read and List actions (a pull request's code is not yet reviewed)", async () => {
        for (const stack of STACKS) {
            const statements = (await previewPolicyDocument(ACCOUNT, readStackFacts(stack))).Statement;
            expect(statements.length, stack).to.be.greaterThan(3);
            for (const s of statements) {
                expect(s.Effect).to.equal("Allow");
                for (const action of s.Action) {
                    const [service] = action.split(":");
                    const expanded = await expandPatterns([action], service);
                    expect(expanded.length, action).to.be.greaterThan(0);
                    expect(expanded.filter((a) => !isReadOnly(a)).map((a) => a.name), `${stack} ${s.Sid} ${action}`).to.deep.equal([]);
                }
            }
        }
    });

    it("allows every IAM role write only on the stack's own roles, only with the stack's boundary, and denies removing it", () => {
        const roleWrites = ["iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:PutRolePermissionsBoundary", "iam:DeleteRole", "iam:UpdateRole"];
        for (const stack of STACKS) {
            const facts = readStackFacts(stack);
            const boundary = `arn:aws:iam::123456789012:policy/${facts.permissionsBoundaryPolicy}`;
            const statements = deployPolicyDocument(ACCOUNT, facts).Statement;
            for (const action of roleWrites) {
                const granting = statements.filter((s) => allows(s, action));
                expect(granting, `${stack}: ${action}`).to.have.length.greaterThan(0);
                for (const s of granting) {
                    expect(s.Condition?.StringEquals?.["iam:PermissionsBoundary"], `${stack} ${s.Sid}`).to.equal(boundary);
                    for (const arn of s.Resource!) expect(arn, s.Sid).to.match(/^arn:aws:iam::123456789012:role\/[^*]*[A-Za-z0-9-]+(-\*)?$/);
                }
            }
            expect(statements.filter((s) => s.Effect === "Deny" && s.Action.includes("iam:DeleteRolePermissionsBoundary"))).to.have.length(1);
            for (const s of statements.filter((x) => x.Effect === "Allow" && x.Action.some((a) => a.startsWith("iam:")))) {
                expect(s.Resource, s.Sid).not.to.include("*");
                for (const a of s.Action) expect(a, s.Sid).not.to.match(/\*/);
            }
        }
    });

    it("names in its IAM resources exactly the roles and instance profile each stack's program creates, and their boundary", async () => {
        for (const stack of STACKS) {
            const program = await check("index.ts", stack);
            const statements = deployPolicyDocument(ACCOUNT, readStackFacts(stack)).Statement;
            const createRole = statements.find((s) => allows(s, "iam:CreateRole"))!;
            const createProfile = statements.find((s) => allows(s, "iam:CreateInstanceProfile"))!;
            const roles = resourcesOf(program, "aws:iam/role:Role");
            expect(roles).to.have.length.greaterThan(0);
            for (const role of roles) {
                const arn = `arn:aws:iam::123456789012:role/${role.props.name}`;
                expect(createRole.Resource!.some((pattern) => matchesWildcard(pattern, arn, false)), `${stack}: ${arn}`).to.equal(true);
                expect(role.props.permissionsBoundary, `${stack}: ${role.name}`).to.equal(createRole.Condition!.StringEquals["iam:PermissionsBoundary"]);
            }
            for (const profile of resourcesOf(program, "aws:iam/instanceProfile:InstanceProfile")) {
                const arn = `arn:aws:iam::123456789012:instance-profile/${profile.props.name}`;
                expect(createProfile.Resource!.some((pattern) => matchesWildcard(pattern, arn, false)), `${stack}: ${arn}`).to.equal(true);
            }
        }
    });

    it("refuses a stack whose file lacks the stack tag or the boundary, naming both and the fix", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bootstrap-facts-"));
        try {
            fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
            fs.writeFileSync(path.join(dir, "Pulumi.qa.yaml"), "config:\n  aws:region: us-east-1\n  secure-packages:domainName: qa\n  secure-packages:repositoryName: qa-packages\n");
            expect(() => readStackFacts("qa", dir)).to.throw(/permissionsBoundaryPolicy.*\n.*aws:defaultTags: \{ tags: \{ "secure-packages:stack": "qa" \} \}/);
            expect(() => readStackFacts("nosuch", dir)).to.throw(/no .*Pulumi\.nosuch\.yaml/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
