// A stand-in for CodeArtifact's Maven endpoint, for the end-to-end tests only: an HTTP server on
// 127.0.0.1 (an ephemeral port) serving `/maven/REPOSITORY/...` for the stack's repositories, plus
// `/aws`, where the stub `aws` CLI asks for roles and tokens (awsApi.ts). Every Maven request needs a
// valid token (HTTP Basic, user `aws`), else 401; then the token's role must be allowed the action on
// the ARN AWS checks (ReadFromRepository on the repository; PublishPackageVersion, or
// PutPackageMetadata for maven-metadata.xml, on the package), else 403. Origin controls decide what
// may enter a repository (packageStore.ts, packageOrigins.ts). A deploy's uploaded checksums are
// checked against the asset and its maven-metadata.xml finishes the versions it lists (Unfinished ->
// Published); what is served back is computed from what is kept: checksums of the stored assets, and
// metadata listing the published versions of the repository and its upstreams. Not modelled:
// SNAPSHOT (version-level) metadata, resource policies (the stack's roles are in the domain's own
// account, where identity policies decide), and formats other than Maven.
import { createHash } from "crypto";
import * as http from "http";
import { AddressInfo } from "net";
import { AwsApi, AwsCall } from "./awsApi";
import { isAllowed } from "../../support/iamDecision";
import { Coordinates, LocalMavenCentral } from "./localMavenCentral";
import { PackageStore, StoredRepository } from "./packageStore";
import { PackageGroup, StackModel } from "./stackModel";

const CHECKSUMS: Record<string, string> = { ".sha1": "sha1", ".md5": "md5", ".sha256": "sha256", ".sha512": "sha512" };
/** Largest upload accepted: the tests deploy a few kilobytes. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** What a path under `/maven/REPOSITORY/` names. */
export interface MavenPath {
    kind: "asset" | "metadata";
    coordinates: Coordinates;
    /** The asset's file name (without a checksum suffix). */
    file: string;
    /** `sha1`, `md5`... when the request is for the file's checksum. */
    checksum?: string;
}

export interface LoggedRequest {
    method: string;
    repository: string;
    path: string;
    role?: string;
    status: number;
}

export class CodeArtifactStandIn {
    readonly aws: AwsApi;
    readonly store: PackageStore;
    readonly log: LoggedRequest[] = [];
    private server?: http.Server;
    private baseUrl?: string;

    constructor(private readonly model: StackModel, central: LocalMavenCentral, packageGroups: readonly PackageGroup[] = model.packageGroups) {
        this.aws = new AwsApi(model);
        this.store = new PackageStore(model, central, packageGroups);
    }

    get url(): string {
        if (!this.baseUrl) throw new Error("the stand-in is not started");
        return this.baseUrl;
    }

    /** The repository's Maven endpoint here, as `mavenEndpoint` is on AWS. */
    endpoint(repository: string): string {
        return `${this.url}/maven/${repository}/`;
    }

    repository(name: string): StoredRepository {
        const found = this.store.repositories.get(name);
        if (!found) throw new Error(`no repository ${name}`);
        return found;
    }

    async start(): Promise<string> {
        const server = http.createServer((req, res) => {
            this.handle(req, res).catch((err: unknown) => {
                if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
                res.end(String(err instanceof Error ? err.stack : err));
            });
        });
        await new Promise<void>((resolve, reject) => {
            server.once("error", reject);
            server.listen(0, "127.0.0.1", () => resolve());
        });
        this.server = server;
        this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        return this.baseUrl;
    }

    async stop(): Promise<void> {
        const server = this.server;
        this.server = undefined;
        if (!server) return;
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
    }

    private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const body = await readBody(req);
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        if (url.pathname === "/aws" && req.method === "POST") {
            const answer = await this.aws.call(JSON.parse(body.toString("utf8")) as AwsCall);
            return send(res, answer.status, JSON.stringify(answer), "application/json");
        }
        const match = /^\/maven\/([^/]+)\/(.+)$/.exec(url.pathname);
        const repository = match ? this.store.repositories.get(match[1]) : undefined;
        if (!match || !repository) return send(res, 404, "Not Found");
        const answer = await this.maven(req, repository, decodeURIComponent(match[2]), body);
        this.log.push({ method: req.method ?? "", repository: repository.name, path: match[2], ...(answer.role ? { role: answer.role } : {}), status: answer.status });
        if (answer.status === 401) res.setHeader("www-authenticate", `Basic realm="${this.model.domainName}/${repository.name}"`);
        send(res, answer.status, req.method === "HEAD" ? "" : answer.body ?? "", answer.body instanceof Buffer ? "application/octet-stream" : "text/plain");
    }

    private async maven(req: http.IncomingMessage, repository: StoredRepository, rest: string, body: Buffer): Promise<{ status: number; body?: Buffer | string; role?: string }> {
        const role = this.caller(req);
        if (!role) return { status: 401, body: "Unauthorized" };
        const parsed = parseMavenPath(rest);
        if (!parsed) return { status: 404, body: "not a Maven artifact path", role: role.name };
        const { partition, region, accountId, domainName } = this.model;
        const arnPrefix = `arn:${partition}:codeartifact:${region}:${accountId}`;
        const c = parsed.coordinates;
        if (req.method === "GET" || req.method === "HEAD") {
            const read = { action: "codeartifact:ReadFromRepository", resource: `${arnPrefix}:repository/${domainName}/${repository.name}` };
            if (!(await isAllowed(role.documents, read))) return { status: 403, body: "Forbidden", role: role.name };
            const content = parsed.kind === "metadata" ? this.metadata(repository, c) : this.store.resolveVersion(repository, c)?.assets.get(parsed.file);
            if (!content) return { status: 404, body: "Not Found", role: role.name };
            return { status: 200, body: parsed.checksum ? createHash(parsed.checksum).update(content).digest("hex") : content, role: role.name };
        }
        if (req.method !== "PUT") return { status: 405, body: "Method Not Allowed", role: role.name };
        const action = parsed.kind === "metadata" ? "codeartifact:PutPackageMetadata" : "codeartifact:PublishPackageVersion";
        const packageArn = `${arnPrefix}:package/${domainName}/${repository.name}/maven/${c.groupId}/${c.artifactId}`;
        if (!(await isAllowed(role.documents, { action, resource: packageArn }))) return { status: 403, body: `Forbidden: ${action} on ${packageArn}`, role: role.name };
        const refusal = this.store.publishRefusal(repository, c.groupId, c.artifactId);
        if (refusal) return { status: 403, body: `Forbidden: ${refusal}`, role: role.name };
        return { ...this.publish(repository, parsed, body), role: role.name };
    }

    private publish(repository: StoredRepository, parsed: MavenPath, body: Buffer): { status: number; body?: string } {
        const c = parsed.coordinates;
        if (parsed.kind === "metadata") {
            if (parsed.checksum) return { status: 200 };
            const pkg = repository.package(c.groupId, c.artifactId);
            if (!pkg) return { status: 400, body: "metadata for a package with no version" };
            // Publishing the metadata finishes the versions it lists.
            for (const version of listedVersions(body.toString("utf8"))) {
                const stored = pkg.versions.get(version);
                if (stored && stored.origin === "published") stored.status = "Published";
            }
            return { status: 200 };
        }
        const version = this.store.versionForPublish(repository, c);
        if (parsed.checksum) {
            const asset = version.assets.get(parsed.file);
            const expected = asset && createHash(parsed.checksum).update(asset).digest("hex");
            return expected === body.toString("utf8").trim().split(/\s/)[0] ? { status: 200 } : { status: 400, body: `checksum does not match ${parsed.file}` };
        }
        if (version.status === "Published" && version.assets.has(parsed.file)) return { status: 409, body: `${c.groupId}:${c.artifactId}:${c.version} is already published` };
        version.assets.set(parsed.file, body);
        return { status: 201 };
    }

    /** maven-metadata.xml of a package: the versions published in the repository and its upstreams. */
    private metadata(repository: StoredRepository, c: Coordinates): Buffer | undefined {
        const versions = new Set<string>();
        const collect = (repo: StoredRepository, depth: number) => {
            if (depth > this.store.repositories.size) return;
            for (const [version, stored] of repo.package(c.groupId, c.artifactId)?.versions ?? []) if (stored.status === "Published") versions.add(version);
            if (repo.package(c.groupId, c.artifactId)?.controls.upstream !== "BLOCK") repo.upstreams.forEach((u) => collect(u, depth + 1));
        };
        collect(repository, 0);
        if (versions.size === 0) return undefined;
        const list = [...versions].sort();
        return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<metadata>
  <groupId>${c.groupId}</groupId>
  <artifactId>${c.artifactId}</artifactId>
  <versioning>
    <latest>${list[list.length - 1]}</latest>
    <release>${list[list.length - 1]}</release>
    <versions>
${list.map((v) => `      <version>${v}</version>`).join("\n")}
    </versions>
  </versioning>
</metadata>
`);
    }

    private caller(req: http.IncomingMessage) {
        const match = /^Basic (.+)$/i.exec(req.headers.authorization ?? "");
        if (!match) return undefined;
        const decoded = Buffer.from(match[1], "base64").toString("utf8");
        const colon = decoded.indexOf(":");
        if (colon < 0 || decoded.slice(0, colon) !== "aws") return undefined;
        return this.aws.tokenRole(decoded.slice(colon + 1));
    }
}

/** Parses `group/path/artifact/version/file` and `group/path/artifact/maven-metadata.xml`, with checksum suffixes. */
export function parseMavenPath(rest: string): MavenPath | undefined {
    const segments = rest.split("/");
    if (segments.some((s) => s === "" || s === "." || s === "..")) return undefined;
    let file = segments[segments.length - 1];
    const suffix = Object.keys(CHECKSUMS).find((s) => file.endsWith(s));
    if (suffix) file = file.slice(0, -suffix.length);
    const checksum = suffix ? { checksum: CHECKSUMS[suffix] } : {};
    if (file === "maven-metadata.xml" && segments.length >= 3) {
        const artifactId = segments[segments.length - 2];
        if (artifactId.endsWith("-SNAPSHOT")) return undefined; // version-level (SNAPSHOT) metadata: not modelled
        return { kind: "metadata", coordinates: { groupId: segments.slice(0, -2).join("."), artifactId, version: "" }, file, ...checksum };
    }
    if (segments.length < 4) return undefined;
    const [artifactId, version] = segments.slice(-3, -1);
    if (!file.startsWith(`${artifactId}-`)) return undefined;
    return { kind: "asset", coordinates: { groupId: segments.slice(0, -3).join("."), artifactId, version }, file, ...checksum };
}

function listedVersions(metadataXml: string): string[] {
    return [...metadataXml.matchAll(/<version>([^<]+)<\/version>/g)].map((m) => m[1].trim());
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES} bytes`);
        chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
}

function send(res: http.ServerResponse, status: number, body: Buffer | string, contentType = "text/plain"): void {
    res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
    res.end(body);
}
