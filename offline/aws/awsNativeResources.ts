// The @pulumi/aws-native types the mocks model (see awsResources.ts for the four kinds of output).
// aws-native works through the Cloud Control API: a resource's id is its primary identifier (here the
// ARN), and what the program leaves out comes back as AWS fills it. No Pulumi-side auto-naming is
// modelled: these types are named by the program.
import type { ResourceContext, TypeModel } from "./resourceModel";

const codeartifactArn = (r: ResourceContext, resource: string) =>
    `arn:${r.account.partition}:codeartifact:${r.account.region}:${r.inputs.domainOwner ?? r.account.accountId}:${resource}`;

/** The pattern percent-encoded segment by segment (the IAM reference's EncodedPackageGroupPattern); `/` and `*` stay. */
const encodedPattern = (pattern: string) => pattern.split("/").map(encodeURIComponent).join("/");

export const AWS_NATIVE_MODELS: Record<string, TypeModel> = {
    "aws-native:codeartifact:Domain": {
        id: (r) => codeartifactArn(r, `domain/${r.inputs.domainName}`),
        computed: (r) => ({ arn: codeartifactArn(r, `domain/${r.inputs.domainName}`), name: r.inputs.domainName, owner: r.account.accountId }),
        optionalComputed: (r) => ({ encryptionKey: `arn:${r.account.partition}:kms:${r.account.region}:${r.account.accountId}:key/${r.hex(32, "aws/codeartifact")}` }),
    },
    "aws-native:codeartifact:Repository": {
        id: (r) => codeartifactArn(r, `repository/${r.inputs.domainName}/${r.inputs.repositoryName}`),
        computed: (r) => ({ arn: codeartifactArn(r, `repository/${r.inputs.domainName}/${r.inputs.repositoryName}`), name: r.inputs.repositoryName }),
        optionalComputed: (r) => ({ domainOwner: r.account.accountId }),
    },
    "aws-native:codeartifact:PackageGroup": {
        id: (r) => codeartifactArn(r, `package-group/${r.inputs.domainName}${encodedPattern(String(r.inputs.pattern))}`),
        computed: (r) => ({ arn: codeartifactArn(r, `package-group/${r.inputs.domainName}${encodedPattern(String(r.inputs.pattern))}`) }),
        optionalComputed: (r) => ({ domainOwner: r.account.accountId }),
    },
};
