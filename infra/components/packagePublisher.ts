// The separate, narrowly scoped identity teams publish through: a role that can read the team
// repository and publish only into the team's own namespaces. Builds never hold this role.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountRootArn } from "../iam/arns";
import { createExclusiveRole } from "./exclusiveRole";
import { PackageRepository } from "./packageRepository";
import { PublisherNamespace, principalTrustPolicy, policyJson } from "../iam/policyDocuments";

export interface PackagePublisherArgs {
    /** The repository published to: grants its publisherPolicy(namespaces). */
    repository: PackageRepository;
    /** Where the role may publish, e.g. `{ format: "maven", namespace: "com.example" }`. At least one. */
    namespaces: readonly PublisherNamespace[];
    /** The role's name; explicit so the policy pack sees in preview which role a write grant reaches. Default `<domain>-publisher`. */
    roleName?: string;
    /** Who may assume the role (account roots or role ARNs). Default: this account's root. */
    trustedPrincipalArns?: readonly string[];
    tags?: Record<string, string>;    /** ARN of the permissions boundary set on the role. Default: none. */
    permissionsBoundary?: string;
}

export class PackagePublisher extends pulumi.ComponentResource {
    readonly roleName: string;
    readonly role: aws.iam.Role;
    readonly roleArn: pulumi.Output<string>;

    constructor(name: string, args: PackagePublisherArgs, opts?: pulumi.ComponentResourceOptions) {
        super("secure-packages:index:PackagePublisher", name, {}, opts);
        if (args.namespaces.length === 0) {
            throw new Error(`PackagePublisher ${name}: at least one namespace is required`);
        }
        const { context } = args.repository;
        this.roleName = args.roleName || `${args.repository.domainName}-publisher`;
        const trusted = args.trustedPrincipalArns?.length
            ? args.trustedPrincipalArns
            : [accountRootArn(context.partition, context.accountId)];

        const namespaceList = args.namespaces.map((ns) => `${ns.format}/${ns.namespace}`).join(", ");
        const { role } = createExclusiveRole(name, {
            roleName: this.roleName,
            description: `Publishes ${namespaceList} to CodeArtifact ${args.repository.domainName}/${args.repository.repositoryName}`,
            assumeRolePolicy: policyJson(principalTrustPolicy(trusted)),
            inlinePolicyName: "codeartifact-publish",
            inlinePolicy: args.repository.publisherPolicy(args.namespaces),
            awsManagedPolicies: [],
            partition: context.partition,
            tags: args.tags ?? {},
            ...(args.permissionsBoundary ? { permissionsBoundary: args.permissionsBoundary } : {}),
        }, this);
        this.role = role;
        this.roleArn = role.arn;

        this.registerOutputs({ roleName: this.roleName, roleArn: this.roleArn });
    }
}
