// The team repository and the store repositories behind it, one per public source. The repository
// owns its grants (CDK style): readerPolicy() and publisherPolicy() return least-privilege documents
// scoped to this domain and repository, so callers never hand-write CodeArtifact IAM JSON. It also owns
// the package groups that keep the team's namespaces out of reach of its external connections, so the
// dependency-confusion defence comes with the store.
import * as aws from "@pulumi/aws";
// Only the codeartifact module: loading all of @pulumi/aws-native roughly doubles the SDK load time.
import * as codeartifact from "@pulumi/aws-native/codeartifact";
import * as pulumi from "@pulumi/pulumi";
import { repositoryArn, repositoryEndpointUrl } from "../iam/arns";
import { ArtifactDomain } from "./artifactDomain";
import { AwsContext } from "../config/awsContext";
import { DEFAULT_UPSTREAMS, storeRepositoryName } from "../config/externalConnections";
import { InternalNamespace, internalOriginConfiguration, packageGroupPattern } from "./packageGroups";
import {
    CrossAccountReaders,
    PublisherNamespace,
    RepositoryTarget,
    crossAccountRepositoryPolicy,
    hasCrossAccountReaders,
    policyJson,
    publisherPolicyDocument,
    readerPolicyDocument,
} from "../iam/policyDocuments";

export interface PackageRepositoryArgs {
    /** The domain the repositories live in. */
    domain: ArtifactDomain;
    /** The validated team repository name; must differ from every store name. */
    repositoryName: string;
    /** External connections in search order. Default `["public:maven-central"]`. */
    upstreams?: readonly string[];
    /** Principals in other accounts allowed to read from the team repository. Default: none. */
    readers?: CrossAccountReaders;
    /**
     * Namespaces only the team publishes: each gets a package group that blocks external sources and
     * allows publishing into the team repository only. Default: none. The aws-native provider creates
     * them, in the region of its `aws-native:region` config (see awsContext.ts).
     */
    internalNamespaces?: readonly InternalNamespace[];
    /** Protect every repository and package group from `pulumi destroy` (see below). Default true. */
    protect?: boolean;
    tags?: Record<string, string>;
    /**
     * The AWS provider's default tags (`aws:defaultTags`). The aws-native provider does not apply them,
     * so the package groups carry them explicitly: every resource of the stack is tagged alike, and a
     * deploy role fenced by a stack tag (bootstrap/) may create the groups too.
     */
    awsDefaultTags?: Record<string, string>;
}

export class PackageRepository extends pulumi.ComponentResource {
    readonly domainName: string;
    readonly repositoryName: string;
    readonly context: AwsContext;
    /** The team repository's ARN, built from names: a known value during preview. */
    readonly arn: string;
    /** Store repository names, in search order. */
    readonly storeNames: readonly string[];
    /** The team repository resource (the one builds read from). */
    readonly repository: aws.codeartifact.Repository;
    readonly stores: readonly aws.codeartifact.Repository[];
    /** Present only when cross-account readers are configured. */
    readonly permissions?: aws.codeartifact.RepositoryPermissionsPolicy;
    /** One per internal namespace, in the order given. */
    readonly packageGroups: readonly codeartifact.PackageGroup[];

    constructor(name: string, args: PackageRepositoryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("secure-packages:index:PackageRepository", name, {}, opts);
        const protect = args.protect ?? true;
        const tags = args.tags ?? {};
        const upstreams = args.upstreams ?? DEFAULT_UPSTREAMS;
        const domainOwner = args.domain.context.accountId;
        this.domainName = args.domain.domainName;
        this.repositoryName = args.repositoryName;
        this.context = args.domain.context;
        this.arn = repositoryArn(this.context, this.domainName, this.repositoryName);
        this.storeNames = upstreams.map(storeRepositoryName);

        // A repository takes one external connection, so each public source gets its own store.
        this.stores = upstreams.map((externalConnectionName, index) => {
            const storeName = this.storeNames[index];
            return new aws.codeartifact.Repository(`${name}-${storeName}`, {
                domain: args.domain.domain.domain,
                domainOwner,
                repository: storeName,
                description: `Cache of ${externalConnectionName}`,
                externalConnections: { externalConnectionName },
                tags,
            }, { parent: this, protect });
        });

        this.repository = new aws.codeartifact.Repository(name, {
            domain: args.domain.domain.domain,
            domainOwner,
            repository: args.repositoryName,
            description: `Team packages; upstreams ${this.storeNames.join(", ") || "none"}`,
            // The stores' outputs (not their names) so they are created before the team repository.
            upstreams: this.stores.map((store) => ({ repositoryName: store.repository })),
            tags,
        }, { parent: this, protect });

        // A group holds no packages, yet it is protected like the repositories: it is the store's
        // defence and must live as long as the store. `pulumi destroy --exclude-protected` would
        // otherwise delete the groups and leave the protected stores open to dependency confusion, and
        // dropping a namespace's protection should take a deliberate `pulumi state unprotect`.
        const tagList = Object.entries({ ...args.awsDefaultTags, ...tags }).map(([key, value]) => ({ key, value }));
        this.packageGroups = (args.internalNamespaces ?? []).map((namespace) =>
            new codeartifact.PackageGroup(`${name}-group-${namespace.format}-${namespace.namespace}`, {
                domainName: args.domain.domain.domain,
                domainOwner,
                pattern: packageGroupPattern(namespace),
                description: `Only ${args.repositoryName} publishes ${namespace.format} namespace ${namespace.namespace}; external sources blocked`,
                // Plain values, known in preview, so the policy pack can judge them there too.
                originConfiguration: internalOriginConfiguration(args.repositoryName),
                ...(tagList.length > 0 ? { tags: tagList } : {}),
            // dependsOn: the group names the team repository, which must exist first.
            }, { parent: this, protect, dependsOn: [this.repository] }));

        if (hasCrossAccountReaders(args.readers)) {
            this.permissions = new aws.codeartifact.RepositoryPermissionsPolicy(`${name}-readers`, {
                domain: args.domain.domain.domain,
                domainOwner,
                repository: this.repository.repository,
                policyDocument: policyJson(crossAccountRepositoryPolicy(this.target(), args.readers!)),
            }, { parent: this });
        }

        this.registerOutputs({
            arn: this.arn,
            repositoryName: this.repositoryName,
            storeNames: this.storeNames,
        });
    }

    /** The repository's endpoint for a package format, e.g. `endpointUrl("maven")`. */
    endpointUrl(format: string): string {
        return repositoryEndpointUrl(this.context, this.domainName, this.repositoryName, format);
    }

    /** Least privilege to read packages from this repository (JSON). */
    readerPolicy(): string {
        return policyJson(readerPolicyDocument(this.target()));
    }

    /** Reading plus publishing into the given namespaces of this repository only (JSON). */
    publisherPolicy(namespaces: readonly PublisherNamespace[]): string {
        return policyJson(publisherPolicyDocument(this.target(), namespaces));
    }

    private target(): RepositoryTarget {
        return { context: this.context, domainName: this.domainName, repositoryName: this.repositoryName };
    }
}
