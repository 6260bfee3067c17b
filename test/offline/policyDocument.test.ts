import { expect } from "chai";
import * as zlib from "zlib";
import { answerInvoke } from "../../offline/aws/awsInvokes";
import { fakeAccount } from "../../offline/aws/awsMocks";
import { renderPolicyDocument } from "../../offline/aws/policyDocument";

const TOKEN = "aws:iam/getPolicyDocument:getPolicyDocument";

describe("aws.iam.getPolicyDocument offline", () => {
    it("renders the reader's statements as the provider does: indented, sets reverse-sorted, one value as a string", () => {
        const { json } = renderPolicyDocument({
            statements: [
                { sid: "Token", actions: ["codeartifact:GetAuthorizationToken"], resources: ["arn:aws:codeartifact:us-east-1:123456789012:domain/d"] },
                { sid: "Read", actions: ["codeartifact:ReadFromRepository", "codeartifact:GetRepositoryEndpoint"], resources: ["arn:aws:codeartifact:us-east-1:123456789012:repository/d/r"] },
                { actions: ["sts:GetServiceBearerToken"], resources: ["*"], conditions: [{ test: "StringEquals", variable: "sts:AWSServiceName", values: ["codeartifact.amazonaws.com"] }] },
            ],
        });
        expect(json).to.equal(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Token",
      "Effect": "Allow",
      "Action": "codeartifact:GetAuthorizationToken",
      "Resource": "arn:aws:codeartifact:us-east-1:123456789012:domain/d"
    },
    {
      "Sid": "Read",
      "Effect": "Allow",
      "Action": [
        "codeartifact:ReadFromRepository",
        "codeartifact:GetRepositoryEndpoint"
      ],
      "Resource": "arn:aws:codeartifact:us-east-1:123456789012:repository/d/r"
    },
    {
      "Effect": "Allow",
      "Action": "sts:GetServiceBearerToken",
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "sts:AWSServiceName": "codeartifact.amazonaws.com"
        }
      }
    }
  ]
}`);
    });

    it("collapses duplicates, merges principals by type (types sorted, identifiers reverse-sorted) and renders the negations", () => {
        const { minifiedJson } = renderPolicyDocument({
            policyId: "trust",
            statements: [
                {
                    effect: "Deny",
                    notActions: ["s3:GetObject", "s3:GetObject"],
                    notResources: ["arn:aws:s3:::b/&{aws:username}/*"],
                    principals: [
                        { type: "Service", identifiers: ["ec2.amazonaws.com"] },
                        { type: "AWS", identifiers: ["arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:root"] },
                    ],
                    notPrincipals: [{ type: "AWS", identifiers: ["arn:aws:iam::333333333333:root"] }],
                    conditions: [
                        { test: "StringLike", variable: "s3:prefix", values: ["", "home/"] },
                        { test: "Bool", variable: "aws:SecureTransport", values: ["false"] },
                    ],
                },
            ],
        });
        expect(JSON.parse(minifiedJson)).to.deep.equal({
            Version: "2012-10-17",
            Id: "trust",
            Statement: [
                {
                    Effect: "Deny",
                    NotAction: "s3:GetObject",
                    NotResource: "arn:aws:s3:::b/${aws:username}/*",
                    Principal: { AWS: ["arn:aws:iam::222222222222:root", "arn:aws:iam::111111111111:root"], Service: "ec2.amazonaws.com" },
                    NotPrincipal: { AWS: "arn:aws:iam::333333333333:root" },
                    Condition: { Bool: { "aws:SecureTransport": "false" }, StringLike: { "s3:prefix": ["", "home/"] } },
                },
            ],
        });
        expect(Object.keys(JSON.parse(minifiedJson).Statement[0])).to.deep.equal(["Effect", "NotAction", "NotResource", "Principal", "NotPrincipal", "Condition"]);
    });

    it('renders the principal {type "*", identifiers ["*"]} as "*" and escapes <, > and & as Go does', () => {
        const { minifiedJson } = renderPolicyDocument({
            statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::a<b>&c/*"], principals: [{ type: "*", identifiers: ["*"] }] }],
        });
        expect(minifiedJson).to.equal('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a\\u003cb\\u003e\\u0026c/*","Principal":"*"}]}');
    });

    it("merges source documents first and override documents last, replacing statements by Sid", () => {
        const source = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "A", Effect: "Allow", Action: ["x:One", "x:Two"], Resource: "*" }, { Sid: "B", Effect: "Allow", Action: "x:Three", Resource: "*" }] });
        const override = JSON.stringify({ Statement: [{ Sid: "B", Effect: "Deny", Action: "x:Three", Resource: "*" }] });
        const { minifiedJson } = renderPolicyDocument({
            sourcePolicyDocuments: [source],
            statements: [{ sid: "A", actions: ["x:Four"], resources: ["*"] }],
            overridePolicyDocuments: [override],
        });
        expect(JSON.parse(minifiedJson).Statement).to.deep.equal([
            { Sid: "A", Effect: "Allow", Action: "x:Four", Resource: "*" },
            { Sid: "B", Effect: "Deny", Action: "x:Three", Resource: "*" },
        ]);
    });

    it("answers the invoke with json, minifiedJson and the id the provider derives from the json (its CRC-32)", () => {
        const result = answerInvoke(TOKEN, { statements: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }] }] }, fakeAccount("us-east-1"));
        expect(JSON.parse(result.json as string)).to.deep.equal({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } }],
        });
        expect(result.minifiedJson).to.equal(JSON.stringify(JSON.parse(result.json as string)));
        expect(result.id).to.equal(String(zlib.crc32(result.json as string)));
    });

    it("refuses what the provider refuses: a duplicate Sid, a Sid that is not alphanumeric, an unknown effect", () => {
        expect(() => renderPolicyDocument({ statements: [{ sid: "A" }, { sid: "A" }] })).to.throw(/duplicate Sid \(A\)/);
        expect(() => renderPolicyDocument({ statements: [{ sid: "read-only" }] })).to.throw(/alphanumeric/);
        expect(() => renderPolicyDocument({ statements: [{ effect: "allow" }] })).to.throw(/"Allow" "Deny"/);
    });
});
