// Every place an IAM document can reach a principal, by resource type: identity policies (on a role,
// user, group, or a managed policy that can be attached anywhere) and CodeArtifact resource policies
// (which name their principals inside). Trust policies (`Role.assumeRolePolicy`) say who may assume
// a role, not what it may do; iam-instance-role-trust reads those.
//
// Each document is read lazily: a policy touches a property only when it judges that document, so
// an unknown value it never needs costs nothing during preview.
import { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { asList } from "../resourceProps";
import { resourceTypes } from "../resourceTypes";
import { PolicyDocument, PolicyDocumentError, readPolicyDocument } from "./document";

export type DocumentHolder = "role" | "user" | "group" | "managed-policy" | "domain" | "repository";

export interface DocumentRef {
    /** The property path, for messages: `policy`, `inlinePolicies[1].policy`, `policyDocument`. */
    path: string;
    holder: DocumentHolder;
    /** Identity documents grant their holder; resource documents grant the principals they name. */
    kind: "identity" | "resource";
    read(): unknown;
}

/** The resource types whose props hold identity policy documents. */
export const identityDocumentHolderTypes: readonly string[] = [
    resourceTypes.role,
    resourceTypes.rolePolicy,
    resourceTypes.userPolicy,
    resourceTypes.groupPolicy,
    resourceTypes.iamPolicy,
];

/** The CodeArtifact resource policies. Their `Resource: "*"` means the domain or repository they are attached to. */
export const resourcePolicyTypes: readonly string[] = [
    resourceTypes.codeartifactDomainPermissions,
    resourceTypes.codeartifactRepositoryPermissionsPolicy,
];

/** The resource types whose props hold identity or resource policy documents. */
export const documentHolderTypes: readonly string[] = [...identityDocumentHolderTypes, ...resourcePolicyTypes];

export function documentsIn(type: string, props: ResourceValidationArgs["props"]): DocumentRef[] {
    const single = (path: string, holder: DocumentHolder, kind: DocumentRef["kind"]): DocumentRef[] => [
        { path, holder, kind, read: () => props[path] },
    ];
    switch (type) {
        case resourceTypes.rolePolicy:
            return single("policy", "role", "identity");
        case resourceTypes.userPolicy:
            return single("policy", "user", "identity");
        case resourceTypes.groupPolicy:
            return single("policy", "group", "identity");
        case resourceTypes.iamPolicy:
            return single("policy", "managed-policy", "identity");
        case resourceTypes.codeartifactDomainPermissions:
            return single("policyDocument", "domain", "resource");
        case resourceTypes.codeartifactRepositoryPermissionsPolicy:
            return single("policyDocument", "repository", "resource");
        case resourceTypes.role: {
            return asList(props["inlinePolicies"]).map((entry, i) => ({
                path: `inlinePolicies[${i}].policy`,
                holder: "role" as const,
                kind: "identity" as const,
                read: () => (entry as Record<string, unknown> | null | undefined)?.["policy"],
            }));
        }
        default:
            return [];
    }
}

export interface ReadDocument {
    ref: DocumentRef;
    document: PolicyDocument;
}

/**
 * Reads the documents of a resource. A document that cannot be read is reported (a policy cannot
 * vouch for what it cannot read; AWS would refuse it too) and left out. An empty inline entry
 * (no policy text) is not a document.
 */
export function readDocuments(type: string, props: ResourceValidationArgs["props"], reportViolation: ReportViolation): ReadDocument[] {
    const documents: ReadDocument[] = [];
    for (const ref of documentsIn(type, props)) {
        const raw = ref.read();
        if (raw === undefined || raw === null || raw === "") {
            if (ref.path.startsWith("inlinePolicies")) continue;
            reportViolation(`${ref.path} is empty: there is no policy document to check.`);
            continue;
        }
        try {
            documents.push({ ref, document: readPolicyDocument(raw) });
        } catch (e) {
            if (!(e instanceof PolicyDocumentError)) throw e;
            reportViolation(`${ref.path} is not a readable IAM policy document: ${e.message}.`);
        }
    }
    return documents;
}
