// Pulumi mocks for the secure-packages program: a fixed fake account answering the invokes the
// program makes, and resources that behave like the AWS provider's in `up` and in `preview`.
import * as pulumi from "@pulumi/pulumi";
import { AwsContext } from "../../infra/awsContext";

export const FAKE_CONTEXT: AwsContext = { partition: "aws", region: "us-east-1", accountId: "123456789012" };
export const FAKE_AMI = { x86_64: "ami-0123456789abcdef0", arm64: "ami-0fedcba9876543210" } as const;
export const FAKE_VPC_ID = "vpc-0a1b2c3d4e5f60718";

export interface InvokeCall {
    token: string;
    inputs: Record<string, unknown>;
}

export interface ProgramMocks {
    mocks: pulumi.runtime.Mocks;
    /** Every invoke the program made, in order. */
    invokes: InvokeCall[];
}

/**
 * In preview a resource's state is its inputs only, as the real provider plans it: computed outputs
 * (arn, id, owner, an auto-generated name) stay unknown, so a test sees exactly what `pulumi preview`
 * and the policy pack would see. In `up` they get plausible values.
 */
export function programMocks(preview: boolean): ProgramMocks {
    const invokes: InvokeCall[] = [];
    const mocks: pulumi.runtime.Mocks = {
        newResource(args) {
            if (preview) return { id: undefined, state: args.inputs };
            const type = args.type.split(":")[1]?.split("/")[0] ?? "mock";
            return {
                id: `${args.name}-id`,
                state: {
                    name: `${args.name}-1a2b3c4`, // what auto-naming would pick; an explicit name wins
                    ...args.inputs,
                    arn: `arn:aws:${type}:${FAKE_CONTEXT.region}:${FAKE_CONTEXT.accountId}:${args.name}`,
                    ...(args.type === "aws:codeartifact/domain:Domain" ? { owner: FAKE_CONTEXT.accountId } : {}),
                    ...(args.type === "aws:kms/key:Key" ? { keyId: `${args.name}-key-id` } : {}),
                },
            };
        },
        call(args) {
            invokes.push({ token: args.token, inputs: args.inputs });
            switch (args.token) {
                case "aws:index/getCallerIdentity:getCallerIdentity":
                    return { accountId: FAKE_CONTEXT.accountId, arn: `arn:aws:iam::${FAKE_CONTEXT.accountId}:user/ci`, userId: "AIDAEXAMPLE", id: FAKE_CONTEXT.accountId };
                case "aws:index/getPartition:getPartition":
                    return { partition: FAKE_CONTEXT.partition, dnsSuffix: "amazonaws.com", id: FAKE_CONTEXT.partition };
                case "aws:index/getRegion:getRegion":
                    return { region: FAKE_CONTEXT.region, name: FAKE_CONTEXT.region, id: FAKE_CONTEXT.region };
                case "aws:ssm/getParameter:getParameter": {
                    const name = String(args.inputs.name);
                    const ami = name.endsWith("-arm64") ? FAKE_AMI.arm64 : FAKE_AMI.x86_64;
                    return { name, type: "String", value: ami, insecureValue: ami, id: name, version: 1 };
                }
                case "aws:ec2/getSubnet:getSubnet":
                    return { id: args.inputs.id, vpcId: FAKE_VPC_ID, availabilityZone: "us-east-1a" };
                default:
                    throw new Error(`programMocks: unexpected invoke ${args.token}`);
            }
        },
    };
    return { mocks, invokes };
}
