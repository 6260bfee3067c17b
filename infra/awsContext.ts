// Where the store lives: the facts every ARN, endpoint and token command is built from.
//
// They come from invokes that the engine answers during `pulumi preview` as well as `pulumi up`, so
// everything derived from them (IAM policy documents above all) is a known value in preview, where
// the policy pack can judge it. Resource outputs (an ARN the provider computes) would be unknown.
import * as aws from "@pulumi/aws";

/** The partition, region and account the stack deploys into. */
export interface AwsContext {
    /** `aws`, `aws-us-gov`, `aws-cn`: the second field of every ARN. */
    readonly partition: string;
    /** The provider's region, e.g. `us-east-1`. */
    readonly region: string;
    /** The 12-digit account that owns the domain (CodeArtifact's "domain owner"). */
    readonly accountId: string;
}

/** Asks the AWS provider which partition, region and account it deploys into. */
export async function resolveAwsContext(): Promise<AwsContext> {
    const [partition, region, identity] = await Promise.all([
        aws.getPartition(),
        aws.getRegion(),
        aws.getCallerIdentity(),
    ]);
    return { partition: partition.partition, region: region.region, accountId: identity.accountId };
}
