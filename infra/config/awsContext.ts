// Where the store lives: the facts every ARN, endpoint and token command is built from.
//
// They come from invokes that the engine answers during `pulumi preview` as well as `pulumi up`, so
// everything derived from them (IAM policy documents above all) is a known value in preview, where
// the policy pack can judge it. Resource outputs (an ARN the provider computes) would be unknown.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ConfigError } from "./configError";

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

/** The stack config key the aws-native provider (package groups) reads its region from. */
export const NATIVE_REGION_KEY = "aws-native:region";

/**
 * The package groups come from `@pulumi/aws-native`, whose default provider reads its own stack config
 * (`aws-native:region`, and `aws-native:profile` or `aws-native:roleArn` when set). We keep that default
 * provider rather than an explicit one: an explicit provider would ignore the user's `aws-native:*`
 * credentials settings. The region, though, must be the one the rest of the stack deploys into, or the
 * groups would be created for a domain of the same name in another region (or fail to find it).
 * Throws ConfigError naming the key, the value and the rule.
 */
export function checkNativeRegion(context: AwsContext, nativeRegion: string | undefined): void {
    if (nativeRegion === context.region) return;
    const rule = `must equal the AWS provider's region ${context.region} (aws:region), so the package groups are created beside the domain: pulumi config set ${NATIVE_REGION_KEY} ${context.region}`;
    throw new ConfigError([{ key: NATIVE_REGION_KEY, value: nativeRegion, rule }]);
}

/** The AWS provider's `aws:defaultTags` tags, which resources of other providers do not get by themselves. */
export function awsDefaultTags(): Record<string, string> {
    return new pulumi.Config("aws").getObject<{ tags?: Record<string, string> }>("defaultTags")?.tags ?? {};
}
