// The CodeArtifact domain: the encrypted home of every package, with its own customer-managed key.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { domainArn } from "../iam/arns";
import { AwsContext } from "../config/awsContext";
import { CrossAccountReaders, crossAccountDomainPolicy, hasCrossAccountReaders, policyJson } from "../iam/policyDocuments";

export interface ArtifactDomainArgs {
    /** The validated domain name (2-50 chars, lowercase). It appears in DNS, so it is public. */
    domainName: string;
    /** Partition, region and account: the domain's ARN is built from them, known during preview. */
    context: AwsContext;
    /** Principals in other accounts allowed to fetch tokens for this domain. Default: none. */
    readers?: CrossAccountReaders;
    /**
     * Protect the KMS key and the domain from `pulumi destroy`. Default true: deleting the domain
     * deletes every package, and deleting the key makes every package unreadable.
     */
    protect?: boolean;
    /** Tags for the key and the domain. */
    tags?: Record<string, string>;
}

export class ArtifactDomain extends pulumi.ComponentResource {
    /** The validated domain name (plain, so dependents can build ARNs and URLs during preview). */
    readonly domainName: string;
    readonly context: AwsContext;
    /** The domain's ARN, built from names: a known value during preview. */
    readonly arn: string;
    /** The domain resource; dependents reference `domain.domain` so they are created after it. */
    readonly domain: aws.codeartifact.Domain;
    readonly key: aws.kms.Key;
    readonly keyArn: pulumi.Output<string>;
    /** Present only when cross-account readers are configured. */
    readonly permissions?: aws.codeartifact.DomainPermissions;

    constructor(name: string, args: ArtifactDomainArgs, opts?: pulumi.ComponentResourceOptions) {
        super("secure-packages:index:ArtifactDomain", name, {}, opts);
        const protect = args.protect ?? true;
        const tags = args.tags ?? {};
        this.domainName = args.domainName;
        this.context = args.context;
        this.arn = domainArn(args.context, args.domainName);

        // protect goes on the key and the domain themselves, not on this component: children inherit
        // protect from a component parent, which would also pin the alias and the resource policy.
        this.key = new aws.kms.Key(`${name}-key`, {
            description: `Encrypts the assets of CodeArtifact domain ${args.domainName}`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            tags,
        }, { parent: this, protect });
        this.keyArn = this.key.arn;

        new aws.kms.Alias(`${name}-key-alias`, {
            name: `alias/codeartifact/${args.domainName}`,
            targetKeyId: this.key.keyId,
        }, { parent: this });

        this.domain = new aws.codeartifact.Domain(name, {
            domain: args.domainName,
            encryptionKey: this.key.arn,
            tags,
        }, { parent: this, protect });

        if (hasCrossAccountReaders(args.readers)) {
            this.permissions = new aws.codeartifact.DomainPermissions(`${name}-readers`, {
                domain: this.domain.domain,
                domainOwner: args.context.accountId,
                policyDocument: policyJson(crossAccountDomainPolicy(args.context, args.domainName, args.readers!)),
            }, { parent: this });
        }

        this.registerOutputs({
            domainName: this.domainName,
            arn: this.arn,
            keyArn: this.keyArn,
        });
    }
}
