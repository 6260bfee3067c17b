// codeartifact-read-only: no identity can write, delete or administer packages, except the
// publishers the platform team names in the pack's config, and those only publish into their own
// namespaces.
//
// Where it runs: per resource, so a write grant is refused before it is created (a stack policy
// reports only after every resource is deployed during `pulumi up`). The catch is that one resource
// sees one document: a publisher's exemption needs to know which role the document reaches, so it
// is granted only where the document says so itself: an inline policy (`aws.iam.RolePolicy`, whose
// `role` names the role, or a Role's `inlinePolicies`) or a resource policy naming role ARNs. A
// managed `aws.iam.Policy` can be attached to anyone, later, outside this stack: its writes are never
// exempt. The role's name is read only when a document holds a publish grant, so a reader's policy
// never waits on an unknown role name during preview, and a publish grant outside every configured
// publisher's scope is refused before the role's name is read: no role could make it allowed.
import { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { validateTypes } from "../appliesTo";
import { ActionInfo, describeActions, grantsOf, isReadOnly } from "../iam/actions";
import { Statement } from "../iam/document";
import { DocumentRef, documentHolderTypes, readDocuments } from "../iam/documentSources";
import {
    Publisher,
    describePublisherScope,
    isInsidePublisherScope,
    isPublishAction,
    publishersFor,
    publishersSchema,
    roleNameOfArn,
} from "../iam/publishers";
import { PackResourcePolicy } from "./packPolicy";

interface Config {
    publishers: Publisher[];
}

export const codeartifactReadOnly: PackResourcePolicy = {
    name: "codeartifact-read-only",
    description:
        "Every allowed CodeArtifact action is Read or List, except PublishPackageVersion and PutPackageMetadata for configured publishers inside their namespaces.",
    rationale: "A build identity that can publish, delete or change policies can plant a dependency for every other build, or destroy the store.",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps: [
        "Grant readers the statements of `PackageRepository.readerPolicy()`: GetAuthorizationToken on the domain,",
        "GetRepositoryEndpoint and ReadFromRepository on the repository, and the conditioned sts:GetServiceBearerToken.",
        "To publish, use a dedicated role named in this policy's `publishers` config, with an inline policy",
        "(`PackageRepository.publisherPolicy(namespaces)`) granting PublishPackageVersion and PutPackageMetadata",
        "only on package ARNs of its namespaces. Administration (create, delete, policies, tags) belongs to",
        "whoever runs `pulumi up`, not to identities the stack creates.",
    ].join(" "),
    url: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscodeartifact.html",
    configSchema: { properties: { publishers: publishersSchema } },
    validateResource: validateTypes(documentHolderTypes, async (args, reportViolation) => {
        const { publishers } = args.getConfig<Config>();
        for (const { ref, document } of readDocuments(args.type, args.props, reportViolation)) {
            for (const { statement, actions } of await grantsOf(document.statements, "codeartifact")) {
                const writes = actions.filter((a) => !isReadOnly(a));
                if (writes.length > 0) judgeWrites(args, ref, statement, writes, publishers, reportViolation);
            }
        }
    }),
};

function judgeWrites(
    args: ResourceValidationArgs,
    ref: DocumentRef,
    statement: Statement,
    writes: ActionInfo[],
    publishers: Publisher[],
    reportViolation: ReportViolation,
): void {
    const where = `${ref.path} ${statement.label}`;
    const levels = [...new Set(writes.flatMap((a) => a.accessLevels))].join(", ");
    const refuse = (why: string) =>
        reportViolation(`${where} allows ${describeActions(writes)} (${levels}): ${why}`);

    const notPublishing = writes.filter((a) => !isPublishAction(a));
    if (notPublishing.length > 0) {
        return refuse(`${describeActions(notPublishing)} may not be granted to any identity the stack creates.`);
    }
    // Only publish actions remain: allowed for a configured publisher, inside its namespaces.
    if (publishers.length === 0) return refuse("no publishers are configured for this pack (config `publishers`).");
    const resources = statement.resources;
    if (!resources) return refuse("a publish grant must list package ARNs in Resource (NotResource reaches everything else).");
    // A resource outside every publisher's scope is refused whichever role the document reaches: no
    // need to know the role's name, which is unknown in preview when the role is being created.
    const outsideAll = resources.filter((r) => !publishers.some((p) => isInsidePublisherScope(r, p)));
    if (outsideAll.length > 0) {
        return refuse(`${outsideAll.map((r) => `"${r}"`).join(", ")} is outside every configured publisher's namespaces (${publishers.map(describePublisherScope).join("; ")}).`);
    }
    const roles = rolesReached(args, ref, statement);
    if (typeof roles === "string") return refuse(roles);
    for (const role of roles) {
        const matching = publishersFor(role, publishers);
        if (matching.length === 0) return refuse(`the role "${role}" is not a configured publisher.`);
        const outside = resources.filter((r) => !matching.some((p) => isInsidePublisherScope(r, p)));
        if (outside.length > 0) {
            const scope = matching.map(describePublisherScope).join("; ");
            return refuse(`${outside.map((r) => `"${r}"`).join(", ")} is outside what "${role}" may publish to (${scope}).`);
        }
    }
}

/** The IAM names of the roles a document reaches, or why the document cannot say. */
function rolesReached(args: ResourceValidationArgs, ref: DocumentRef, statement: Statement): string[] | string {
    switch (ref.holder) {
        case "role":
            if (args.type.endsWith(":Role")) {
                // The Role itself: by its IAM name when it sets one (the name IAM and the publishers
                // config know it by), else, when Pulumi picks the name, by its resource name.
                const name = "name" in args.props ? args.props["name"] : undefined;
                return [typeof name === "string" && name !== "" ? name : args.name];
            }
            return [roleNameFrom(String(args.props["role"]))];
        case "domain":
        case "repository": {
            const principals = statement.principal;
            if (!principals || principals.anyone) return "a resource policy may grant publishing only to named publisher roles, not to everyone.";
            const names = principals.aws.map((arn) => roleNameOfArn(arn));
            if (names.length === 0 || names.some((n) => n === undefined)) {
                return `it names principals that are not IAM roles (${principals.aws.join(", ") || "none"}); only publisher roles may publish.`;
            }
            return names as string[];
        }
        case "managed-policy":
            return "a managed policy can be attached to anyone; grant publishing in an inline policy on the publisher role.";
        case "user":
        case "group":
            return "IAM users and groups may not publish; use a publisher role (roles get short-lived credentials).";
    }
}

function roleNameFrom(role: string): string {
    return roleNameOfArn(role) ?? role;
}
