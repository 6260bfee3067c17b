import { expect } from "chai";
import { checkResource, unknown } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";
import { readPolicyDocument } from "../../policy-pack/iam/document";
import { privilegeOf } from "../../policy-pack/policies/iamNoPrivilegedManagedPolicies";

const policy = "iam-no-privileged-managed-policies";
const managed = (name: string) => `arn:aws:iam::aws:policy/${name}`;
const attachment = (policyArn: string) => ({ type: resourceTypes.rolePolicyAttachment, props: { role: "reader-role", policyArn } });

describe(policy, () => {
    it("accepts AmazonSSMManagedInstanceCore, allowlisted by default although it writes (ssm:UpdateInstanceInformation)", async () => {
        expect((await checkResource(policy, attachment(managed("AmazonSSMManagedInstanceCore")))).violations).to.deep.equal([]);
    });

    for (const name of ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess", "AWSCodeArtifactAdminAccess"]) {
        it(`rejects ${name}, judged from its published document`, async () => {
            const { violations } = await checkResource(policy, attachment(managed(name)));
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain(`policyArn "${managed(name)}": ${name}`).and.contain("not in allowedManagedPolicies");
        });
    }

    it("says how a refused policy is privileged, with the access levels from the reference", async () => {
        const [violation] = await checkResource(policy, attachment(managed("AWSCodeArtifactAdminAccess"))).then((o) => o.violations);
        expect(violation).to.contain("manages permissions").and.contain("codeartifact:").and.contain("Permissions management");
        const [admin] = await checkResource(policy, attachment(managed("PowerUserAccess"))).then((o) => o.violations);
        expect(admin).to.contain("administers: statement 1 allows every action except");
    });

    describe("where the line is: privilege, not ordinary service writes", () => {
        for (const name of ["AWSLambdaBasicExecutionRole", "AWSLambdaVPCAccessExecutionRole", "AmazonECSTaskExecutionRolePolicy", "CloudWatchAgentServerPolicy", "AmazonEKSClusterPolicy"]) {
            it(`accepts ${name}: its writes are how a workload does its job, and cannot widen anyone's permissions (service-linked roles included)`, async () => {
                const lambdaRole = { type: resourceTypes.rolePolicyAttachment, props: { role: "handler-role", policyArn: managed(`service-role/${name}`) } };
                const plain = { type: resourceTypes.rolePolicyAttachment, props: { role: "handler-role", policyArn: managed(name) } };
                const outcomes = await Promise.all([checkResource(policy, lambdaRole), checkResource(policy, plain)]);
                // Each name is published at one of the two paths; the other is unknown and refused as such.
                const judged = outcomes.find((o) => !o.violations.some((v) => v.includes("AWS publishes no managed policy")));
                expect(judged?.violations, name).to.deep.equal([]);
            });
        }

        const refused: [string, string][] = [
            ["AmazonS3FullAccess", "manages permissions"],
            ["AWSLambda_FullAccess", "manages permissions"],
            ["IAMFullAccess", "manages permissions"],
            ["AWSCodeArtifactAdminAccess", "manages permissions"],
            ["AdministratorAccess", "administers"],
        ];
        for (const [name, why] of refused) {
            it(`rejects ${name}: it ${why}`, async () => {
                const [violation] = (await checkResource(policy, attachment(managed(name)))).violations;
                expect(violation).to.contain(`${name} ${why}`);
            });
        }
    });

    it("accepts a managed policy that only reads and lists (AmazonS3ReadOnlyAccess)", async () => {
        expect((await checkResource(policy, attachment(managed("AmazonS3ReadOnlyAccess")))).violations).to.deep.equal([]);
    });

    it("rejects read-only CodeArtifact access on * (a token for every domain): AWSCodeArtifactReadOnlyAccess", async () => {
        const [violation] = (await checkResource(policy, attachment(managed("AWSCodeArtifactReadOnlyAccess")))).violations;
        expect(violation).to.contain('on "*"').and.contain("every domain and repository");
    });

    it("rejects a name AWS does not publish: it cannot be reviewed", async () => {
        const [violation] = (await checkResource(policy, attachment(managed("TotallyHarmlessAccess")))).violations;
        expect(violation).to.contain('AWS publishes no managed policy named "TotallyHarmlessAccess"');
    });

    it("reads AWS managed policies under a path (service-role/...)", async () => {
        const { violations } = await checkResource(policy, attachment("arn:aws:iam::aws:policy/service-role/AWSCodeArtifactAdminAccess"));
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain("AWSCodeArtifactAdminAccess manages permissions");
    });

    it("ignores customer-managed policies: their documents are judged where they are defined", async () => {
        expect((await checkResource(policy, attachment("arn:aws:iam::123456789012:policy/reader"))).violations).to.deep.equal([]);
    });

    it("judges Role.managedPolicyArns, PolicyAttachment and user/group attachments too", async () => {
        const cases = [
            { type: resourceTypes.role, props: { assumeRolePolicy: "{}", managedPolicyArns: [managed("AmazonSSMManagedInstanceCore"), managed("AdministratorAccess")] } },
            { type: resourceTypes.policyAttachment, props: { roles: ["r"], policyArn: managed("PowerUserAccess") } },
            { type: resourceTypes.userPolicyAttachment, props: { user: "u", policyArn: managed("IAMFullAccess") } },
            { type: resourceTypes.groupPolicyAttachment, props: { group: "g", policyArn: managed("AdministratorAccess") } },
        ];
        for (const resource of cases) {
            expect((await checkResource(policy, resource)).violations, resource.type).to.have.length(1);
        }
    });

    it("takes an allowlist of names and patterns from config, replacing the default", async () => {
        const config = { allowedManagedPolicies: ["AWSCodeArtifact*"] };
        expect((await checkResource(policy, attachment(managed("AWSCodeArtifactAdminAccess")), { config })).violations).to.deep.equal([]);
        expect((await checkResource(policy, attachment(managed("AdministratorAccess")), { config })).violations).to.have.length(1);
    });

    it("refuses an allowlist that is not a list of names", async () => {
        let error: unknown;
        try {
            await checkResource(policy, attachment(managed("AdministratorAccess")), { config: { allowedManagedPolicies: "AdministratorAccess" } });
        } catch (e) {
            error = e;
        }
        expect(String(error)).to.contain("iam-no-privileged-managed-policies: allowedManagedPolicies must be array");
    });

    it("judges the *PolicyAttachmentsExclusive lists: they attach every ARN they name", async () => {
        for (const [type, holder] of [
            [resourceTypes.rolePolicyAttachmentsExclusive, { roleName: "reader-role" }],
            [resourceTypes.userPolicyAttachmentsExclusive, { userName: "alice" }],
            [resourceTypes.groupPolicyAttachmentsExclusive, { groupName: "devs" }],
        ] as const) {
            const { violations } = await checkResource(policy, { type, props: { ...holder, policyArns: [managed("AmazonSSMManagedInstanceCore"), managed("AdministratorAccess")] } });
            expect(violations, type).to.have.length(1);
            expect(violations[0]).to.contain('policyArns "arn:aws:iam::aws:policy/AdministratorAccess"');
        }
    });

    it("rejects a read-only managed policy that mints bearer tokens for any service", async () => {
        const [violation] = (await checkResource(policy, attachment(managed("AmazonElasticContainerRegistryPublicReadOnly")))).violations;
        expect(violation).to.contain("sts:GetServiceBearerToken without a sts:AWSServiceName condition");
    });

    it("judges a policy of a service the action data lacks by its verbs: a read-only one passes (AWSIotRoboRunnerReadOnly)", async () => {
        expect((await checkResource(policy, attachment(managed("AWSIotRoboRunnerReadOnly")))).violations).to.deep.equal([]);
    });

    describe("in preview, an ARN that is unknown belongs to a policy this deployment creates", () => {
        it("decides instead of waiting: an unknown ARN is skipped (its document is judged where it is declared)", async () => {
            const outcome = await checkResource(policy, attachment(unknown.string));
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.cantRun).to.deep.equal([]);
        });

        it("still judges the known ARNs of a list holding unknown ones", async () => {
            for (const resource of [
                { type: resourceTypes.rolePolicyAttachmentsExclusive, props: { roleName: "reader-role", policyArns: [unknown.string, managed("AdministratorAccess")] } },
                { type: resourceTypes.role, props: { assumeRolePolicy: "{}", managedPolicyArns: [managed("IAMFullAccess"), unknown.string] } },
            ]) {
                const outcome = await checkResource(policy, resource);
                expect(outcome.cantRun, resource.type).to.deep.equal([]);
                expect(outcome.violations, resource.type).to.have.length(1);
            }
        });

        it("decides a wholly unknown list the same way", async () => {
            const outcome = await checkResource(policy, { type: resourceTypes.rolePolicyAttachmentsExclusive, props: { roleName: "reader-role", policyArns: unknown.array } });
            expect(outcome.cantRun).to.deep.equal([]);
            expect(outcome.violations).to.deep.equal([]);
        });
    });

    describe("the judgement of a document, as it would be published", () => {
        const judged = (...Statement: Record<string, unknown>[]) => privilegeOf(readPolicyDocument({ Statement }));
        const serviceLinked = { Effect: "Allow", Action: "iam:CreateServiceLinkedRole", Resource: "*" };

        it("counts IAM writes as administering IAM, but service-linked roles confined to named services", async () => {
            expect(await judged(serviceLinked)).to.contain("administers IAM: it allows iam:CreateServiceLinkedRole (Write)");
            expect(await judged({ ...serviceLinked, Condition: { StringEquals: { "iam:AWSServiceName": "eks.amazonaws.com" } } })).to.equal(undefined);
            expect(await judged({ Effect: "Allow", Action: "iam:CreateUser", Resource: "*", Condition: { StringEquals: { "iam:AWSServiceName": "eks.amazonaws.com" } } })).to.equal(undefined);
            expect(await judged({ Effect: "Allow", Action: "iam:CreateAccessKey", Resource: "*" })).to.contain("administers IAM");
        });

        it("refuses escalation through another service, and PassRole on any role", async () => {
            expect(await judged({ Effect: "Allow", Action: ["ecs:ExecuteCommand", "ecs:DescribeTasks"], Resource: "*" })).to.contain('escalates: it allows privilege escalation "ECSExecuteCommandOnRunningTask"');
            expect(await judged({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" })).to.contain("escalates: it allows iam:PassRole on any role");
        });

        it("refuses CodeArtifact writes, and passes ordinary writes elsewhere", async () => {
            expect(await judged({ Effect: "Allow", Action: "codeartifact:PublishPackageVersion", Resource: "*" })).to.contain("writes CodeArtifact");
            expect(await judged({ Effect: "Allow", Action: ["sqs:SendMessage", "dynamodb:PutItem"], Resource: "*" })).to.equal(undefined);
        });
    });
});
