// The team repository and the store repositories behind it, one per public source. The repository
// owns its grants (CDK style): readerPolicy() and publisherPolicy() return least-privilege documents
// scoped to this domain and repository, so callers never hand-write CodeArtifact IAM JSON.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { repositoryArn, repositoryEndpointUrl } from "./arns";
import { ArtifactDomain } from "./artifactDomain";
import { AwsContext } from "./awsContext";
import { DEFAULT_UPSTREAMS, storeRepositoryName } from "./externalConnections";
import {
    CrossAccountReaders,
    PublisherNamespace,
    RepositoryTarget,
    crossAccountRepositoryPolicy,
    hasCrossAccountReaders,
    policyJson,
    publisherPolicyDocument,
    readerPolicyDocument,
} from "./policyDocuments";

export interface PackageRepositoryArgs {
    /** The domain the repositories live in. */
    domain: ArtifactDomain;
    /** The validated team repository name; must differ from every store name. */
    repositoryName: string;
    /** External connections in search order. Default `["public:maven-central"]`. */
    upstreams?: readonly string[];
    /** Principals in other accounts allowed to read from the team repository. Default: none. */
    readers?: CrossAccountReaders;
    /** Protect every repository from `pulumi destroy` (deleting one deletes its packages). Default true. */
    protect?: boolean;
    tags?: Record<string, string>;
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
