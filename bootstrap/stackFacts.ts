// What a deploy role must know about the stack it deploys, read from the secure-packages project's own
// files (Pulumi.yaml and Pulumi.STACK.yaml, one folder up), so the role follows the stack's config and
// nobody keeps a second copy of it: the region, the domain, the publisher role's name, the name of the
// permissions boundary the stack's roles carry, and the tag that marks the stack's resources.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { storeRepositoryName } from "../infra/config/externalConnections";

/** The tag every resource of a stack carries (aws:defaultTags in its stack file), valued with the stack name. */
export const STACK_TAG = "secure-packages:stack";

export interface StackFacts {
    stack: string;
    region: string;
    domainName: string;
    /** The team repository builds read from. */
    repositoryName: string;
    /** Every repository the stack creates: the team repository and one store per upstream. */
    repositoryNames: string[];
    /** FORMAT/NAMESPACE the publisher publishes to; empty when the stack has no publisher. */
    publisherNamespaces: string[];
    /** The publisher role's name; undefined when the stack has no publisher. */
    publisherRoleName?: string;
    /** Name of the customer managed policy every role of the stack is bounded by (bootstrap creates it). */
    permissionsBoundaryPolicy: string;
    sessionManager: boolean;
}

/** The secure-packages project folder: bootstrap/ sits inside it. */
export const PROJECT_DIR = path.resolve(__dirname, "..");

/** Reads one stack's facts; throws an Error naming every missing or wrong setting and how to fix it. */
export function readStackFacts(stack: string, projectDir = PROJECT_DIR): StackFacts {
    const project = YAML.parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as { name: string; config?: Record<string, { default?: unknown }> };
    const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
    if (!/^[A-Za-z0-9_.-]+$/.test(stack) || !fs.existsSync(stackFile)) {
        throw new Error(`bootstrap config 'stacks' names '${stack}', but there is no ${path.relative(process.cwd(), stackFile)}: list the stacks of the secure-packages project that deploy into this account`);
    }
    const values = ((YAML.parse(fs.readFileSync(stackFile, "utf8")) ?? {}) as { config?: Record<string, unknown> }).config ?? {};
    const setting = (key: string): unknown => values[`${project.name}:${key}`] ?? project.config?.[key]?.default;
    const file = path.basename(stackFile);
    const problems: string[] = [];

    const region = values["aws:region"];
    if (typeof region !== "string" || region === "") problems.push(`${file} sets no aws:region: the deploy role is confined to the stack's region`);
    const domainName = setting("domainName");
    if (typeof domainName !== "string" || domainName === "") problems.push(`${file} sets no ${project.name}:domainName`);
    const repositoryName = setting("repositoryName");
    if (typeof repositoryName !== "string" || repositoryName === "") problems.push(`${file} sets no ${project.name}:repositoryName`);
    const upstreams = setting("upstreams");
    const boundary = setting("permissionsBoundaryPolicy");
    if (typeof boundary !== "string" || boundary === "") {
        problems.push(`${file} sets no ${project.name}:permissionsBoundaryPolicy: the deploy role may only create bounded roles, so set it (e.g. secure-packages-${stack}-boundary; bootstrap creates that policy)`);
    }
    const defaultTags = values["aws:defaultTags"] as { tags?: Record<string, unknown> } | undefined;
    if (defaultTags?.tags?.[STACK_TAG] !== stack) {
        problems.push(`${file} must set aws:defaultTags: { tags: { "${STACK_TAG}": "${stack}" } } (found ${JSON.stringify(defaultTags?.tags?.[STACK_TAG] ?? null)}): the deploy role may only change resources tagged with its own stack`);
    }
    if (problems.length > 0) throw new Error(`stack '${stack}' cannot get a deploy role yet:\n${problems.map((p) => `  - ${p}`).join("\n")}`);

    const namespaces = stringList(setting("publisherNamespaces"));
    const roleName = setting("publisherRoleName");
    return {
        stack,
        region: region as string,
        domainName: domainName as string,
        repositoryName: repositoryName as string,
        repositoryNames: [repositoryName as string, ...stringList(upstreams).map(storeRepositoryName)],
        publisherNamespaces: namespaces,
        ...(namespaces.length > 0 ? { publisherRoleName: typeof roleName === "string" && roleName !== "" ? roleName : `${domainName}-publisher` } : {}),
        permissionsBoundaryPolicy: boundary as string,
        sessionManager: String(setting("sessionManager") ?? "true") !== "false",
    };
}

function stringList(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
