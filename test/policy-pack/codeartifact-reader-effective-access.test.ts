import { expect } from "chai";
import { checkStack, StackResourceCase, unknown, urnOf } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";
import { DOMAIN_ARN, PACKAGE_GROUP_ARN, REPOSITORY_ARN, bearerStatement, document, readStatement, readerDocument, tokenStatement } from "../support/iamFixtures";

const policy = "codeartifact-reader-effective-access";
const SSM_CORE = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
const roleUrn = urnOf(resourceTypes.role, "reader-role");
const profileUrn = urnOf(resourceTypes.instanceProfile, "reader-profile");

/**
 * The reader host's resources as AnalyzeStack sees them in preview: outputs, with the role's name,
 * the profile's name and the role's read-back inline/managed lists unknown, linked by property
 * dependencies.
 */
function readerStack(...extra: StackResourceCase[]): StackResourceCase[] {
    return [
        { type: resourceTypes.role, name: "reader-role", props: { assumeRolePolicy: "{}", name: unknown.string, inlinePolicies: unknown.array, managedPolicyArns: unknown.array } },
        rolePolicy("reader-policy", readerDocument),
        { type: resourceTypes.rolePolicyAttachment, name: "ssm-core", props: { role: unknown.string, policyArn: SSM_CORE }, propertyDependencies: { role: [roleUrn] } },
        { type: resourceTypes.instanceProfile, name: "reader-profile", props: { role: unknown.string }, propertyDependencies: { role: [roleUrn] } },
        { type: resourceTypes.ec2Instance, name: "reader-host", props: { iamInstanceProfile: unknown.string }, propertyDependencies: { iamInstanceProfile: [profileUrn] } },
        ...extra,
    ];
}

function rolePolicy(name: string, policyDocument: unknown): StackResourceCase {
    return { type: resourceTypes.rolePolicy, name, props: { role: unknown.string, policy: policyDocument }, propertyDependencies: { role: [roleUrn] } };
}

/** The same in update: every value known, links by value as well as by dependency. */
function updatedReaderStack(readerPolicy: string = readerDocument): StackResourceCase[] {
    return [
        { type: resourceTypes.role, name: "reader-role", props: { assumeRolePolicy: "{}", name: "reader-role-1a2b3c4", id: "reader-role-1a2b3c4", inlinePolicies: [], managedPolicyArns: [SSM_CORE] } },
        { type: resourceTypes.rolePolicy, name: "reader-policy", props: { role: "reader-role-1a2b3c4", policy: readerPolicy } },
        { type: resourceTypes.instanceProfile, name: "reader-profile", props: { name: "reader-profile-5d6e7f8", role: "reader-role-1a2b3c4" } },
        { type: resourceTypes.ec2Instance, name: "reader-host", props: { iamInstanceProfile: "reader-profile-5d6e7f8" } },
    ];
}

describe(policy, () => {
    it("accepts the reader host in preview: links followed through property dependencies, nothing unknown read", async () => {
        const outcome = await checkStack(policy, readerStack());
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.cantRun).to.deep.equal([]);
    });

    it("accepts the reader host in update, linking by names when no dependency is recorded", async () => {
        const outcome = await checkStack(policy, updatedReaderStack());
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.cantRun).to.deep.equal([]);
    });

    it("catches a write split across documents: a second role policy", async () => {
        const { violations } = await checkStack(policy, readerStack(rolePolicy("extra", document({ Effect: "Allow", Action: "codeartifact:PublishPackageVersion", Resource: `${REPOSITORY_ARN.replace("repository/", "package/")}/*` }))));
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain('instance "reader-host": RolePolicy "extra" gives role "reader-role" codeartifact:PublishPackageVersion: a build host may only read');
    });

    it("catches a package-group write: loosening the dependency-confusion defence is a write", async () => {
        const groupWrite = document({ Effect: "Allow", Action: ["codeartifact:UpdatePackageGroupOriginConfiguration", "codeartifact:CreatePackageGroup"], Resource: [PACKAGE_GROUP_ARN("maven", "com.nextwork"), "*"] });
        const { violations } = await checkStack(policy, readerStack(rolePolicy("groups", groupWrite)));
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain("codeartifact:CreatePackageGroup").and.contain("codeartifact:UpdatePackageGroupOriginConfiguration");
    });

    it("catches a write in an attached stack policy, linked by dependency", async () => {
        const policyUrn = urnOf(resourceTypes.iamPolicy, "ops");
        const { violations } = await checkStack(
            policy,
            readerStack(
                { type: resourceTypes.iamPolicy, name: "ops", props: { policy: document({ Effect: "Allow", Action: "codeartifact:DeleteRepository", Resource: REPOSITORY_ARN }), arn: unknown.string } },
                { type: resourceTypes.rolePolicyAttachment, name: "ops-attach", props: { role: unknown.string, policyArn: unknown.string }, propertyDependencies: { role: [roleUrn], policyArn: [policyUrn] } },
            ),
        );
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain('Policy "ops" gives role "reader-role" codeartifact:DeleteRepository');
    });

    it("catches a write in an AWS managed policy (PolicyAttachment), read from its published document", async () => {
        const { violations } = await checkStack(
            policy,
            readerStack({ type: resourceTypes.policyAttachment, name: "admin", props: { roles: [unknown.string], policyArn: "arn:aws:iam::aws:policy/AWSCodeArtifactAdminAccess" }, propertyDependencies: { roles: [roleUrn] } }),
        );
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain("AWSCodeArtifactAdminAccess").and.contain("a build host may only read");
    });

    it("catches a write in the role's own inline policies when they are known (update)", async () => {
        const stack = updatedReaderStack();
        stack[0].props.inlinePolicies = [{ name: "x", policy: document({ Effect: "Allow", Action: "codeartifact:*", Resource: "*" }) }];
        const { violations } = await checkStack(policy, stack);
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain("inlinePolicies[0]");
    });

    it("rejects a host that could never pull, naming what is missing", async () => {
        const cases: [string, string, string][] = [
            ["no token", document(readStatement, bearerStatement), "nothing allows codeartifact:GetAuthorizationToken"],
            ["no read", document(tokenStatement, bearerStatement), "nothing allows codeartifact:ReadFromRepository"],
            ["no bearer token", document(tokenStatement, readStatement), "nothing allows sts:GetServiceBearerToken"],
            [
                "an unconditioned bearer token",
                document(tokenStatement, readStatement, { Effect: "Allow", Action: "sts:GetServiceBearerToken", Resource: "*" }),
                "nothing allows sts:GetServiceBearerToken with sts:AWSServiceName",
            ],
            [
                "a token for another domain",
                document({ ...tokenStatement, Resource: DOMAIN_ARN.replace("nextwork", "other") }, readStatement, bearerStatement),
                "not the domain of a repository it reads",
            ],
        ];
        for (const [situation, readerPolicy, missing] of cases) {
            const cannotPull = (await checkStack(policy, updatedReaderStack(readerPolicy))).violations.filter((v) => v.includes("cannot pull"));
            expect(cannotPull, situation).to.have.length(1);
            expect(cannotPull[0], situation).to.contain('role "reader-role" cannot pull packages').and.contain(missing);
        }
    });

    it("in preview, cannot call a host unable to pull while the role's own policies are unknown: it says it cannot run", async () => {
        const stack = readerStack();
        stack[1] = rolePolicy("reader-policy", document(tokenStatement, bearerStatement));
        const outcome = await checkStack(policy, stack);
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.cantRun).to.have.length(1);
        expect(outcome.cantRun[0]).to.contain("value at .inlinePolicies can't be known during preview");
    });

    it("reports a host whose profile or policies it cannot see", async () => {
        const outside = [{ type: resourceTypes.ec2Instance, name: "reader-host", props: { iamInstanceProfile: "legacy-profile" } }];
        expect((await checkStack(policy, outside)).violations[0]).to.contain('its instance profile "legacy-profile" is not a resource of this stack');
        const external = updatedReaderStack();
        external.push({ type: resourceTypes.rolePolicyAttachment, name: "ext", props: { role: "reader-role-1a2b3c4", policyArn: "arn:aws:iam::123456789012:policy/legacy" } });
        expect((await checkStack(policy, external)).violations[0]).to.contain("customer-managed policy outside this stack");
    });

    it("ignores instances without a profile, and instances not named in config", async () => {
        expect((await checkStack(policy, [{ type: resourceTypes.ec2Instance, name: "web", props: {} }])).violations).to.deep.equal([]);
        const stack = updatedReaderStack(document(tokenStatement));
        expect((await checkStack(policy, stack, { config: { instanceNames: ["build-*"] } })).violations).to.deep.equal([]);
        expect((await checkStack(policy, stack, { config: { instanceNames: ["reader-*"] } })).violations).to.have.length(1);
    });

    it("still judges other instances when one cannot be seen in preview, then says it could not run", async () => {
        const stack = readerStack(
            { type: resourceTypes.ec2Instance, name: "mystery", props: { iamInstanceProfile: unknown.string } },
            rolePolicy("extra", document({ Effect: "Allow", Action: "codeartifact:DeleteRepository", Resource: REPOSITORY_ARN })),
        );
        const outcome = await checkStack(policy, stack);
        expect(outcome.violations).to.have.length(1);
        expect(outcome.cantRun).to.have.length(1);
        expect(outcome.cantRun[0]).to.contain("value at .iamInstanceProfile can't be known during preview");
    });

    it("cannot call a host complete while an attachment's role is unknown and unlinked: it may reach this role", async () => {
        const stack = readerStack({ type: resourceTypes.rolePolicy, name: "somewhere", props: { role: unknown.string, policy: readerDocument } });
        const outcome = await checkStack(policy, stack);
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.cantRun).to.have.length(1);
        expect(outcome.cantRun[0]).to.contain("value at .role can't be known during preview");
    });

    it("catches an admin policy in the role's exclusive attachment list, linked by dependency", async () => {
        const { violations } = await checkStack(
            policy,
            readerStack({
                type: resourceTypes.rolePolicyAttachmentsExclusive,
                name: "managed-policies",
                props: { roleName: unknown.string, policyArns: [SSM_CORE, "arn:aws:iam::aws:policy/AWSCodeArtifactAdminAccess"] },
                propertyDependencies: { roleName: [roleUrn] },
            }),
        );
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain("AWSCodeArtifactAdminAccess").and.contain("a build host may only read");
    });

    it("catches an unconditioned bearer token that reaches the role through an AWS managed policy", async () => {
        const stack = readerStack({
            type: resourceTypes.rolePolicyAttachment,
            name: "ecr-public",
            props: { role: unknown.string, policyArn: "arn:aws:iam::aws:policy/AmazonElasticContainerRegistryPublicReadOnly" },
            propertyDependencies: { role: [roleUrn] },
        });
        const { violations } = await checkStack(policy, stack);
        // Its ecr-public:GetAuthorizationToken on * is credentials exposure as well.
        expect(violations).to.have.length(2);
        expect(violations.join("\n")).to.contain("sts:GetServiceBearerToken without a sts:AWSServiceName condition").and.contain("ecr-public:GetAuthorizationToken on every resource");
    });

    describe("the role a build host runs with is trusted by EC2 alone", () => {
        const withTrust = (principal: unknown) => {
            const [role, ...rest] = readerStack();
            const assumeRolePolicy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }] });
            return [{ ...role, props: { ...role.props, assumeRolePolicy } }, ...rest];
        };

        it("accepts a role trusted by ec2.amazonaws.com", async () => {
            expect((await checkStack(policy, withTrust({ Service: "ec2.amazonaws.com" }))).violations).to.deep.equal([]);
        });

        it("rejects a host role trusted by another account alone (no EC2 next to it for iam-instance-role-trust to see)", async () => {
            const { violations } = await checkStack(policy, withTrust({ AWS: "arn:aws:iam::999999999999:root" }));
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain('role "reader-role" is trusted by AWS "arn:aws:iam::999999999999:root"').and.contain("ec2.amazonaws.com alone");
        });

        it("rejects a host role trusted by another service instead of EC2", async () => {
            const { violations } = await checkStack(policy, withTrust({ Service: "lambda.amazonaws.com" }));
            expect(violations.join("\n")).to.contain('Service "lambda.amazonaws.com"');
        });
    });

    describe("the build host writes to no service at all, beyond its allowed managed policies", () => {
        const managedAttachment = (name: string, policyArn: string): StackResourceCase => ({
            type: resourceTypes.rolePolicyAttachment,
            name,
            props: { role: unknown.string, policyArn },
            propertyDependencies: { role: [roleUrn] },
        });

        it("accepts Session Manager's writes (ssm, ssmmessages, ec2messages): AmazonSSMManagedInstanceCore is allowed by default", async () => {
            expect((await checkStack(policy, readerStack())).violations).to.deep.equal([]);
        });

        it("rejects a write to another service in the host's own documents, with its access level", async () => {
            const { violations } = await checkStack(policy, readerStack(rolePolicy("uploads", document({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::builds/*" }))));
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain('RolePolicy "uploads" gives role "reader-role" s3:PutObject (Write): a build host may only read packages');
        });

        it("rejects grants that span services, and privilege escalation through another service", async () => {
            const everything = await checkStack(policy, readerStack(rolePolicy("ops", document({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }))));
            expect(everything.violations.join("\n")).to.contain("every service (statement 1 allows every action except");
            const lambda = await checkStack(policy, readerStack(rolePolicy("deploy", document({ Effect: "Allow", Action: ["lambda:UpdateFunctionCode", "lambda:InvokeFunction"], Resource: "*" }))));
            expect(lambda.violations.join("\n")).to.contain("lambda:UpdateFunctionCode");
        });

        it("rejects an AWS managed policy with ordinary writes that other roles may hold (AWSLambdaBasicExecutionRole), unless allowed in config", async () => {
            const stack = readerStack(managedAttachment("logs", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
            const { violations } = await checkStack(policy, stack);
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain("logs:CreateLogGroup").and.contain("config allowedManagedPolicies");
            const allowed = { config: { allowedManagedPolicies: ["AmazonSSMManagedInstanceCore", "AWSLambdaBasicExecutionRole"] } };
            expect((await checkStack(policy, stack, allowed)).violations).to.deep.equal([]);
        });

        it("rejects Session Manager's policy too when the config no longer allows it", async () => {
            const { violations } = await checkStack(policy, readerStack(), { config: { allowedManagedPolicies: [] } });
            expect(violations.join("\n")).to.contain("AmazonSSMManagedInstanceCore").and.contain("ssm:");
        });

        it("rejects reads of every bucket, secret or parameter, and credentials for anything, even from an AWS managed policy", async () => {
            const own = await checkStack(policy, readerStack(rolePolicy("secrets", document({ Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "ecr:GetAuthorizationToken"], Resource: "*" }))));
            expect(own.violations.join("\n")).to.contain('RolePolicy "secrets" gives role "reader-role" ecr:GetAuthorizationToken on every resource: credentials exposure')
                .and.contain("secretsmanager:GetSecretValue on every resource: data exfiltration");
            const managed = await checkStack(policy, readerStack(managedAttachment("s3-read", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")));
            expect(managed.violations).to.have.length(1);
            expect(managed.violations[0]).to.contain("AmazonS3ReadOnlyAccess").and.contain("s3:GetObject on every resource");
        });

        it("accepts reads of named resources, and Session Manager's ssm:GetParameters on * (an allowed managed policy)", async () => {
            const named = rolePolicy("inputs", document({ Effect: "Allow", Action: ["s3:GetObject", "ssm:GetParameter"], Resource: ["arn:aws:s3:::build-inputs/*", "arn:aws:ssm:us-east-1:123456789012:parameter/build/*"] }));
            expect((await checkStack(policy, readerStack(named))).violations).to.deep.equal([]);
        });

        it("says when the action data lacks an action, and judges it by its verb", async () => {
            const { violations } = await checkStack(policy, readerStack(rolePolicy("new", document({ Effect: "Allow", Action: ["newservice:DescribeThings", "newservice:PutThing"], Resource: "*" }))));
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain("newservice:PutThing").and.contain("lacks newservice:PutThing (Write)").and.not.contain("DescribeThings");
        });
    });

    describe("a customer-managed policy created in the stack, seen in preview (its ARN unknown)", () => {
        const policyUrn = urnOf(resourceTypes.iamPolicy, "extra");
        const extraPolicy = (statement: Record<string, unknown>): StackResourceCase => ({ type: resourceTypes.iamPolicy, name: "extra", props: { policy: document(statement), arn: unknown.string } });
        const s3Write = { Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::builds/*" };
        const s3Read = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::builds/*" };

        it("follows the exclusive attachment list's dependency to the Policy and reads its document", async () => {
            const exclusive = (statement: Record<string, unknown>): StackResourceCase[] => [
                extraPolicy(statement),
                {
                    type: resourceTypes.rolePolicyAttachmentsExclusive,
                    name: "exclusive",
                    props: { roleName: unknown.string, policyArns: [SSM_CORE, unknown.string] },
                    propertyDependencies: { roleName: [roleUrn], policyArns: [policyUrn] },
                },
            ];
            const bad = await checkStack(policy, readerStack(...exclusive(s3Write)));
            expect(bad.cantRun).to.deep.equal([]);
            expect(bad.violations).to.have.length(1);
            expect(bad.violations[0]).to.contain('Policy "extra" gives role "reader-role" s3:PutObject');
            const good = await checkStack(policy, readerStack(...exclusive(s3Read)));
            expect(good).to.deep.include({ violations: [], cantRun: [] });
        });

        it("follows the role's own managedPolicyArns to the Policy", async () => {
            const stack = readerStack(extraPolicy(s3Write));
            stack[0] = { ...stack[0], props: { ...stack[0].props, managedPolicyArns: [unknown.string] }, propertyDependencies: { managedPolicyArns: [policyUrn] } };
            const { violations, cantRun } = await checkStack(policy, stack);
            expect(cantRun).to.deep.equal([]);
            expect(violations.join("\n")).to.contain('Policy "extra" gives role "reader-role" s3:PutObject');
        });

        it("reports an unknown ARN that links to no Policy of the stack: the pack cannot see it", async () => {
            const { violations } = await checkStack(
                policy,
                readerStack({ type: resourceTypes.rolePolicyAttachmentsExclusive, name: "exclusive", props: { roleName: unknown.string, policyArns: [unknown.string] }, propertyDependencies: { roleName: [roleUrn] } }),
            );
            expect(violations.join("\n")).to.contain("an ARN unknown in preview that no aws.iam.Policy of this stack links to");
        });
    });
});
