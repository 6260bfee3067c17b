import { expect } from "chai";
import { checkStack, StackResourceCase, unknown, urnOf } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";
import { codeartifactEndpointPolicy, s3EndpointPolicy } from "../../infra/iam/endpointPolicies";
import { policyJson } from "../../infra/iam/policyDocuments";

const policy = "vpc-endpoint-policy-scoped";
const context = { partition: "aws", region: "us-east-1", accountId: "123456789012" };
const codeartifactPolicy = policyJson(codeartifactEndpointPolicy({ context, domainName: "nextwork", repositoryName: "nextwork-packages" }));
const s3Policy = policyJson(s3EndpointPolicy(context));
const domain: StackResourceCase = { type: resourceTypes.codeartifactDomain, name: "domain", props: { domain: "nextwork", arn: unknown.string } };

function endpoint(name: string, service: string, policyDocument?: unknown): StackResourceCase {
    return {
        type: resourceTypes.ec2VpcEndpoint,
        name,
        props: { serviceName: `com.amazonaws.us-east-1.${service}`, vpcId: unknown.string, ...(policyDocument === undefined ? {} : { policy: policyDocument }) },
    };
}

const statement = (extra: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", ...extra }] });

describe(policy, () => {
    it("accepts the private network's endpoint policies", async () => {
        const outcome = await checkStack(policy, [
            domain,
            endpoint("api", "codeartifact.api", codeartifactPolicy),
            endpoint("repositories", "codeartifact.repositories", codeartifactPolicy),
            endpoint("s3", "s3", s3Policy),
            endpoint("ssm", "ssm"), // not judged: Session Manager's endpoints
        ]);
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.cantRun).to.deep.equal([]);
    });

    it("refuses a CodeArtifact or S3 endpoint without a policy", async () => {
        const { violations } = await checkStack(policy, [domain, endpoint("api", "codeartifact.api"), endpoint("s3", "s3", "")]);
        expect(violations).to.deep.equal([
            'codeartifact.api endpoint "api": it has no policy, so AWS allows every action by anyone on every resource through it (any account\'s domain or bucket).',
            's3 endpoint "s3": it has no policy, so AWS allows every action by anyone on every resource through it (any account\'s domain or bucket).',
        ]);
    });

    it("accepts a policy attached by a VpcEndpointPolicy resource, and judges it", async () => {
        const attach = (document: string): StackResourceCase => ({
            type: resourceTypes.ec2VpcEndpointPolicy,
            name: "api-policy",
            props: { vpcEndpointId: unknown.string, policy: document },
            propertyDependencies: { vpcEndpointId: [urnOf(resourceTypes.ec2VpcEndpoint, "api")] },
        });
        expect((await checkStack(policy, [domain, endpoint("api", "codeartifact.api"), attach(codeartifactPolicy)])).violations).to.deep.equal([]);
        const wide = await checkStack(policy, [domain, endpoint("api", "codeartifact.api"), attach(statement({ Action: "*", Resource: "*" }))]);
        expect(wide.violations[0]).to.contain('VpcEndpointPolicy "api-policy", statement 1 allows every action on every resource');
    });

    it("refuses every action on every resource, however it is written", async () => {
        for (const [service, extra] of [
            ["s3", { Action: "*", Resource: "*" }],
            ["s3", { Action: "s3:*", Resource: ["*"] }],
            ["codeartifact.api", { NotAction: "iam:*", Resource: "*" }],
            ["codeartifact.repositories", { Action: "codeartifact:*", NotResource: "arn:aws:codeartifact:us-east-1:123456789012:domain/nextwork" }],
        ] as const) {
            const { violations } = await checkStack(policy, [domain, endpoint("e", service, statement(extra))]);
            expect(violations.some((v) => v.includes("allows every action on every resource")), JSON.stringify(extra)).to.equal(true);
        }
    });

    it("refuses CodeArtifact actions on another domain, a wildcard domain or any resource", async () => {
        const cases: [string, RegExp][] = [
            ["arn:aws:codeartifact:us-east-1:210987654321:domain/evil", /the domain "evil" is not one of this stack's \(nextwork\)/],
            ["arn:aws:codeartifact:us-east-1:123456789012:repository/*/packages", /the domain "\*" is a wildcard/],
            ["*", /not a CodeArtifact domain, repository or package ARN/],
        ];
        for (const [resource, expected] of cases) {
            const { violations } = await checkStack(policy, [domain, endpoint("api", "codeartifact.api", statement({ Action: "codeartifact:ReadFromRepository", Resource: resource }))]);
            expect(violations, resource).to.have.length(1);
            expect(violations[0]).to.match(expected).and.contain("codeartifact:ReadFromRepository");
        }
    });

    it("accepts a domain of another stack named in allowedDomains", async () => {
        const other = statement({ Action: "codeartifact:GetAuthorizationToken", Resource: "arn:aws:codeartifact:us-east-1:123456789012:domain/shared" });
        expect((await checkStack(policy, [endpoint("api", "codeartifact.api", other)])).violations).to.have.length(1);
        expect((await checkStack(policy, [endpoint("api", "codeartifact.api", other)], { config: { allowedDomains: ["shared"] } })).violations).to.deep.equal([]);
    });

    it("refuses S3 actions on every bucket", async () => {
        for (const resource of ["*", "arn:aws:s3:::*/*", "arn:aws:s3:::al2023-repos-*"]) {
            const { violations } = await checkStack(policy, [endpoint("s3", "s3", statement({ Action: "s3:GetObject", Resource: resource }))]);
            expect(violations, resource).to.have.length(1);
            expect(violations[0]).to.contain("s3:GetObject").and.contain("every bucket");
        }
    });

    it("reports a policy it cannot read, and waits for an unknown one", async () => {
        const { violations } = await checkStack(policy, [endpoint("s3", "s3", "{not json")]);
        expect(violations[0]).to.contain("its policy is not a readable policy: not valid JSON");
        const later = await checkStack(policy, [endpoint("s3", "s3", unknown.string)]);
        expect(later.violations).to.deep.equal([]);
        expect(later.cantRun[0]).to.contain(".policy");
    });
});
