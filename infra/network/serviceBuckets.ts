// The AWS-owned S3 buckets the build host reads from, per region: what the S3 gateway endpoint's
// policy allows, and nothing else.

/**
 * CodeArtifact keeps package assets (Maven jars, poms) in one AWS-owned bucket per region. From the
 * table in the AWS CodeArtifact User Guide, "Create the Amazon S3 gateway endpoint" ("Minimum Amazon
 * S3 bucket permissions for AWS CodeArtifact"). Only the rows we could read in full are listed: a
 * region missing here fails at preview with a clear message rather than getting a guessed bucket.
 */
export const CODEARTIFACT_ASSET_BUCKETS: Readonly<Record<string, string>> = {
    "us-east-1": "assets-193858265520-us-east-1",
    "us-east-2": "assets-250872398865-us-east-2",
    "us-west-2": "assets-787052242323-us-west-2",
    "eu-west-1": "assets-438097961670-eu-west-1",
    "eu-west-2": "assets-247805302724-eu-west-2",
    "eu-west-3": "assets-762466490029-eu-west-3",
    "eu-north-1": "assets-611884512288-eu-north-1",
    "eu-south-1": "assets-484130244270-eu-south-1",
    "eu-central-1": "assets-769407342218-eu-central-1",
    "ap-northeast-1": "assets-660291247815-ap-northeast-1",
};

const AWS_DOC_ASSET_BUCKETS = "https://docs.aws.amazon.com/codeartifact/latest/ug/create-s3-gateway-endpoint.html";

/** CodeArtifact's asset bucket in `region`; throws, naming the way out, for a region not in the table. */
export function codeartifactAssetBucket(region: string): string {
    const bucket = CODEARTIFACT_ASSET_BUCKETS[region];
    if (bucket) return bucket;
    throw new Error(
        `secure-packages:network = "private" needs CodeArtifact's asset bucket for region ${region}, which this program does not know ` +
            `(it knows ${Object.keys(CODEARTIFACT_ASSET_BUCKETS).join(", ")}). Add the region's bucket from ${AWS_DOC_ASSET_BUCKETS} ` +
            `to infra/network/serviceBuckets.ts, or choose network: default-vpc or subnet (and allowInternetEgress: true in the pack config).`,
    );
}

/**
 * Amazon Linux 2023's dnf repositories are served from one AWS-owned bucket per region: the AMI's
 * /etc/yum.repos.d/amazonlinux.repo reads
 * `mirrorlist=https://al2023-repos-$awsregion-de612dc2.s3.dualstack.$awsregion.$awsdomain/core/mirrors/...`,
 * and the mirror list points into the same bucket. dnf fetches anonymously (no signature), so the
 * endpoint policy may not condition this bucket on a principal.
 */
export function al2023RepositoryBucket(region: string): string {
    return `al2023-repos-${region}-de612dc2`;
}

/** The hostname dnf uses for the AL2023 repository bucket in `region`. */
export function al2023RepositoryHost(region: string): string {
    return `${al2023RepositoryBucket(region)}.s3.dualstack.${region}.amazonaws.com`;
}
