import { expect } from "chai";
import { accountRootArn, awsManagedPolicyArn, domainArn, namespacePackagesArn, repositoryArn, repositoryEndpointUrl } from "../../infra/iam/arns";
import { exportTokenCommand, getAuthorizationTokenCommand } from "../../infra/host/authToken";
import { storeRepositoryName } from "../../infra/config/externalConnections";
import { architectureOf } from "../../infra/config/instanceTypes";
import {
    crossAccountDomainPolicy,
    crossAccountRepositoryPolicy,
    principalTrustPolicy,
    publisherPolicyDocument,
    readerPolicyDocument,
    serviceTrustPolicy,
} from "../../infra/iam/policyDocuments";
import { shellQuote } from "../../infra/host/shell";
import { DOMAIN_ARN, EXPECTED_READER_STATEMENTS, REPOSITORY_ARN } from "../support/expectedPolicies";
import { FAKE_CONTEXT } from "../support/mockStack";

const TARGET = { context: FAKE_CONTEXT, domainName: "nextwork", repositoryName: "nextwork-packages" };
describe("ARNs and addresses", () => {
    it("builds CodeArtifact ARNs from partition, region, account and names", () => {
        expect(domainArn(FAKE_CONTEXT, "nextwork")).to.equal(DOMAIN_ARN);
        expect(repositoryArn(FAKE_CONTEXT, "nextwork", "nextwork-packages")).to.equal(REPOSITORY_ARN);
        expect(namespacePackagesArn(FAKE_CONTEXT, "nextwork", "nextwork-packages", "maven", "com.nextwork")).to.equal(
            "arn:aws:codeartifact:us-east-1:123456789012:package/nextwork/nextwork-packages/maven/com.nextwork/*",
        );
        const govCloud = { partition: "aws-us-gov", region: "us-gov-west-1", accountId: "111122223333" };
        expect(domainArn(govCloud, "d1")).to.equal("arn:aws-us-gov:codeartifact:us-gov-west-1:111122223333:domain/d1");
    });

    it("builds IAM principal and managed policy ARNs in the right partition", () => {
        expect(accountRootArn("aws", "111122223333")).to.equal("arn:aws:iam::111122223333:root");
        expect(awsManagedPolicyArn("aws-cn", "AmazonSSMManagedInstanceCore")).to.equal("arn:aws-cn:iam::aws:policy/AmazonSSMManagedInstanceCore");
    });

    it("builds the repository endpoint as CodeArtifact names it (DOMAIN-OWNER host)", () => {
        expect(repositoryEndpointUrl(FAKE_CONTEXT, "nextwork", "nextwork-packages", "maven")).to.equal(
            "https://nextwork-123456789012.d.codeartifact.us-east-1.amazonaws.com/maven/nextwork-packages/",
        );
    });

    it("names a store repository after its external connection", () => {
        expect(storeRepositoryName("public:maven-central")).to.equal("maven-central-store");
        expect(storeRepositoryName("public:npmjs")).to.equal("npmjs-store");
    });
});

describe("instance architecture", () => {
    for (const [type, architecture] of [
        ["t4g.micro", "arm64"], ["m7gd.xlarge", "arm64"], ["c7gn.large", "arm64"], ["im4gn.large", "arm64"], ["g5g.xlarge", "arm64"],
        // a1: the first Graviton generation, a series of its own, with no `g` attribute.
        ["a1.medium", "arm64"], ["a1.metal", "arm64"], ["is4gen.large", "arm64"], ["x2gd.large", "arm64"], ["hpc7g.4xlarge", "arm64"], ["r8g.large", "arm64"], ["c6gd.large", "arm64"],
        ["t3.micro", "x86_64"], ["g4dn.xlarge", "x86_64"], ["m5.large", "x86_64"], ["c6in.large", "x86_64"], ["u-6tb1.metal", "x86_64"],
        ["g4ad.xlarge", "x86_64"], ["m7a.large", "x86_64"], ["m7i-flex.large", "x86_64"], ["u7in-16tb.224xlarge", "x86_64"], ["trn1n.32xlarge", "x86_64"], ["gr6.4xlarge", "x86_64"], ["r7iz.large", "x86_64"],
    ]) {
        it(`${type} is ${architecture}`, () => expect(architectureOf(type)).to.equal(architecture));
    }
});

describe("policy documents", () => {
    it("reader policy is exactly token on the domain, read on the repository, and the conditioned bearer token", () => {
        expect(readerPolicyDocument(TARGET)).to.deep.equal({ Version: "2012-10-17", Statement: EXPECTED_READER_STATEMENTS });
    });

    it("publisher policy adds publish on the team's namespaces only", () => {
        const document = publisherPolicyDocument(TARGET, [{ format: "maven", namespace: "com.nextwork" }, { format: "npm", namespace: "web" }]);
        expect(document.Statement.slice(0, 3)).to.deep.equal(EXPECTED_READER_STATEMENTS);
        expect(document.Statement.slice(3)).to.deep.equal([{
            Sid: "PublishToTeamNamespaces",
            Effect: "Allow",
            Action: ["codeartifact:PublishPackageVersion", "codeartifact:PutPackageMetadata"],
            Resource: [
                "arn:aws:codeartifact:us-east-1:123456789012:package/nextwork/nextwork-packages/maven/com.nextwork/*",
                "arn:aws:codeartifact:us-east-1:123456789012:package/nextwork/nextwork-packages/npm/web/*",
            ],
        }]);
    });

    it("refuses a publisher policy without namespaces", () => {
        expect(() => publisherPolicyDocument(TARGET, [])).to.throw(/at least one namespace/);
    });

    it("trust policies name exactly one kind of principal", () => {
        expect(serviceTrustPolicy("ec2.amazonaws.com").Statement).to.deep.equal([
            { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: ["sts:AssumeRole"] },
        ]);
        expect(principalTrustPolicy(["arn:aws:iam::111122223333:root"]).Statement).to.deep.equal([
            { Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111122223333:root"] }, Action: ["sts:AssumeRole"] },
        ]);
        expect(() => principalTrustPolicy([])).to.throw(/at least one principal/);
    });

    it("cross-account policies: the organization through a condition, accounts through their roots, read actions only", () => {
        const readers = { organizationId: "o-abcdefghij", accountIds: ["111122223333", "444455556666"] };
        expect(crossAccountDomainPolicy(FAKE_CONTEXT, "nextwork", readers).Statement).to.deep.equal([
            {
                Sid: "OrganizationGetAuthorizationToken", Effect: "Allow", Principal: "*",
                Action: ["codeartifact:GetAuthorizationToken"], Resource: [DOMAIN_ARN],
                Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij" } },
            },
            {
                Sid: "AccountsGetAuthorizationToken", Effect: "Allow",
                Principal: { AWS: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"] },
                Action: ["codeartifact:GetAuthorizationToken"], Resource: [DOMAIN_ARN],
            },
        ]);
        const repositoryStatements = crossAccountRepositoryPolicy(TARGET, { accountIds: ["111122223333"] }).Statement;
        expect(repositoryStatements).to.deep.equal([{
            Sid: "AccountsReadFromRepository", Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111122223333:root"] },
            Action: ["codeartifact:ReadFromRepository"], Resource: [REPOSITORY_ARN],
        }]);
        expect(() => crossAccountRepositoryPolicy(TARGET, { accountIds: [] })).to.throw(/without any organization or account/);
    });
});

describe("token command", () => {
    const request = { domainName: "nextwork", domainOwner: "123456789012", region: "us-east-1", durationSeconds: 900 };

    it("asks for a token through the caller's own credentials and prints only the token", () => {
        expect(getAuthorizationTokenCommand(request)).to.equal(
            "aws codeartifact get-authorization-token --domain nextwork --domain-owner 123456789012 --region us-east-1" +
                " --duration-seconds 900 --query authorizationToken --output text",
        );
        expect(exportTokenCommand(request)).to.equal(`export CODEARTIFACT_AUTH_TOKEN=$(${getAuthorizationTokenCommand(request)})`);
    });

    it("quotes a word only when the shell would otherwise change it", () => {
        expect(shellQuote("us-east-1")).to.equal("us-east-1");
        expect(shellQuote("a b")).to.equal("'a b'");
        expect(shellQuote("it's $HOME")).to.equal(`'it'\\''s $HOME'`);
    });
});
