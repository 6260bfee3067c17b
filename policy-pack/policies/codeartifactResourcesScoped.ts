// codeartifact-resources-scoped: a CodeArtifact grant names what it is for. An action that takes a
// resource gets ARNs of its resource type (the domain for GetAuthorizationToken, the repository for
// ReadFromRepository and GetRepositoryEndpoint, packages for package actions), never `*` and never an
// ARN wildcarded across partitions, regions, accounts, domains or repositories. A wildcard after the
// repository (format, namespace, package name) is fine, and so are wildcard-only actions
// (ListDomains, ListRepositories...) on `*`: they take no resource at all.
import { validateTypes } from "../appliesTo";
import { describeActions, grantsOf } from "../iam/actions";
import { codeartifactScope } from "../iam/codeartifactArns";
import { identityDocumentHolderTypes, readDocuments } from "../iam/documentSources";
import { hasWildcard } from "../iam/wildcard";
import { PackResourcePolicy } from "./packPolicy";

export const codeartifactResourcesScoped: PackResourcePolicy = {
    name: "codeartifact-resources-scoped",
    description:
        "CodeArtifact actions that take a resource are granted on ARNs of that resource type, naming the account, region, domain and repository; never on `*`.",
    rationale:
        "`GetAuthorizationToken` on `*` hands out credentials for every domain in the account (Cloudsplaining counts it as credentials exposure); `ReadFromRepository` on `repository/*` reads every team's packages.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: [
        "Scope each statement to the ARNs it needs: GetAuthorizationToken on",
        "arn:PARTITION:codeartifact:REGION:ACCOUNT:domain/DOMAIN; GetRepositoryEndpoint and ReadFromRepository on",
        "arn:...:repository/DOMAIN/REPOSITORY; package actions on arn:...:package/DOMAIN/REPOSITORY/FORMAT/NAMESPACE/NAME",
        "(a wildcard after the repository is fine). The grant helpers of `PackageRepository` build these for you.",
    ].join(" "),
    url: "https://docs.aws.amazon.com/codeartifact/latest/ug/auth-and-access-control-iam-access-control-identity-based.html",
    validateResource: validateTypes(identityDocumentHolderTypes, async (args, reportViolation) => {
        for (const { ref, document } of readDocuments(args.type, args.props, reportViolation)) {
            for (const { statement, actions } of await grantsOf(document.statements, "codeartifact")) {
                const scoped = actions.filter((a) => !a.wildcardOnly);
                if (scoped.length === 0) continue;
                const where = `${ref.path} ${statement.label}`;
                if (statement.notResources) {
                    reportViolation(`${where} grants ${describeActions(scoped)} with NotResource: that reaches every resource not listed.`);
                    continue;
                }
                // A resource policy may leave Resource out: it then applies to the resource it is attached to.
                const resources = statement.resources ?? [];
                const typesGiven = new Set<string>();
                for (const resource of resources) {
                    const scope = await codeartifactScope(resource);
                    if (!scope) continue;
                    if (scope.problems.length > 0) {
                        reportViolation(`${where} grants ${describeActions(scoped)} on "${resource}": ${scope.problems.join("; ")}.`);
                    }
                    if (scope.type) typesGiven.add(scope.type);
                }
                if (resources.length === 0 || typesGiven.size === 0) continue;
                // Only actions written out by name: a wildcard (`Describe*`) naturally expands to
                // actions of other resource types than the ones the statement is about.
                const named = new Set((statement.actions ?? []).filter((p) => !hasWildcard(p)).map((p) => p.toLowerCase()));
                // An action the data lacks has no known resource types: nothing to compare.
                const unserved = scoped.filter((a) => !a.unknownToData && named.has(a.id.toLowerCase()) && !a.resourceTypes.some((t) => typesGiven.has(t)));
                for (const action of unserved) {
                    reportViolation(
                        `${where} grants ${action.id} on ${[...typesGiven].join(" and ")} ARNs only; it takes ${action.resourceTypes.join(" or ")} ARNs, so as written it grants nothing (split the statement per resource type).`,
                    );
                }
            }
        }
    }),
};
