// The repositories of one CodeArtifact domain, as the stand-in keeps them: packages with their
// versions and assets, each package with its own origin controls, and the chain a read walks:
// the repository itself, then its upstream repositories in order, then its external connection. A
// version found upstream is kept in every repository it passed through (what the console shows
// after a first build); a version the origin controls keep out is never fetched.
import { Coordinates, LocalMavenCentral } from "./localMavenCentral";
import { PackageControls, PackageName, defaultControls, groupsAllow } from "./packageOrigins";
import { PackageGroup, StackModel } from "./stackModel";

export type VersionOrigin = "published" | "upstream" | "external";

export interface StoredVersion {
    assets: Map<string, Buffer>;
    origin: VersionOrigin;
    /** Published: its maven-metadata.xml came (or it was ingested whole); Unfinished while a deploy uploads. */
    status: "Published" | "Unfinished";
}

export interface StoredPackage {
    groupId: string;
    artifactId: string;
    controls: PackageControls;
    versions: Map<string, StoredVersion>;
}

export class StoredRepository {
    readonly packages = new Map<string, StoredPackage>();
    constructor(readonly name: string, readonly upstreams: StoredRepository[], readonly external?: LocalMavenCentral) {}

    package(groupId: string, artifactId: string): StoredPackage | undefined {
        return this.packages.get(`${groupId}:${artifactId}`);
    }

    /** `groupId:artifactId:version` of every version kept here. */
    versionList(): string[] {
        return [...this.packages.values()].flatMap((p) => [...p.versions.keys()].map((v) => `${p.groupId}:${p.artifactId}:${v}`));
    }
}

export class PackageStore {
    readonly repositories = new Map<string, StoredRepository>();

    constructor(model: StackModel, central: LocalMavenCentral, private readonly groups: readonly PackageGroup[] = model.packageGroups) {
        const pending = [...model.repositories];
        // Upstreams first; a repository whose upstreams never resolve is a broken stack (bounded: one pass per repository).
        for (let pass = 0; pass < model.repositories.length && pending.length > 0; pass++) {
            for (const repo of [...pending]) {
                if (!repo.upstreams.every((u) => this.repositories.has(u))) continue;
                if (repo.externalConnection && repo.externalConnection !== "public:maven-central") {
                    throw new Error(`the stand-in serves only public:maven-central, not ${repo.externalConnection}`);
                }
                const upstreams = repo.upstreams.map((u) => this.repositories.get(u)!);
                this.repositories.set(repo.name, new StoredRepository(repo.name, upstreams, repo.externalConnection ? central : undefined));
                pending.splice(pending.indexOf(repo), 1);
            }
        }
        if (pending.length > 0) throw new Error(`repositories with unknown or circular upstreams: ${pending.map((r) => r.name).join(", ")}`);
    }

    /** A version as the repository serves it: kept there, else fetched through the chain (and kept). */
    resolveVersion(repository: StoredRepository, c: Coordinates, visited = new Set<string>()): StoredVersion | undefined {
        if (visited.has(repository.name)) return undefined; // CodeArtifact searches each repository once
        visited.add(repository.name);
        const pkg = repository.package(c.groupId, c.artifactId);
        const kept = pkg?.versions.get(c.version);
        if (kept) return kept;
        if (pkg?.controls.upstream === "BLOCK") return undefined;
        const name = mavenName(c);
        if (groupsAllow(this.groups, name, "internalUpstream", repository.name)) {
            for (const upstream of repository.upstreams) {
                const found = this.resolveVersion(upstream, c, visited);
                if (found?.status === "Published") return this.keep(repository, c, new Map(found.assets), "upstream");
            }
        }
        if (repository.external && groupsAllow(this.groups, name, "externalUpstream", repository.name)) {
            const files = repository.external.fetchVersion(c);
            if (files && files.size > 0) return this.keep(repository, c, files, "external");
        }
        return undefined;
    }

    /** Why a direct publish of this package into the repository is refused, or undefined when it may. */
    publishRefusal(repository: StoredRepository, groupId: string, artifactId: string): string | undefined {
        const pkg = repository.package(groupId, artifactId);
        if (pkg && pkg.controls.publish === "BLOCK") return `${groupId}:${artifactId} has origin control publish=BLOCK in ${repository.name}`;
        if (!groupsAllow(this.groups, mavenName({ groupId, artifactId }), "publish", repository.name)) {
            return `the package group of ${groupId}:${artifactId} does not allow publishing to ${repository.name}`;
        }
        return undefined;
    }

    /** The version a deploy uploads into, created Unfinished on its first asset. */
    versionForPublish(repository: StoredRepository, c: Coordinates): StoredVersion {
        const pkg = this.packageFor(repository, c, "published");
        let version = pkg.versions.get(c.version);
        if (!version) {
            version = { assets: new Map(), origin: "published", status: "Unfinished" };
            pkg.versions.set(c.version, version);
        }
        return version;
    }

    private keep(repository: StoredRepository, c: Coordinates, assets: Map<string, Buffer>, origin: VersionOrigin): StoredVersion {
        const version: StoredVersion = { assets, origin, status: "Published" };
        this.packageFor(repository, c, "upstream").versions.set(c.version, version);
        return version;
    }

    private packageFor(repository: StoredRepository, c: Coordinates, firstArrival: "published" | "upstream"): StoredPackage {
        let pkg = repository.package(c.groupId, c.artifactId);
        if (!pkg) {
            pkg = { groupId: c.groupId, artifactId: c.artifactId, controls: defaultControls(firstArrival), versions: new Map() };
            repository.packages.set(`${c.groupId}:${c.artifactId}`, pkg);
        }
        return pkg;
    }
}

/** Maven's namespace is the groupId, its package name the artifactId. */
export function mavenName(c: Pick<Coordinates, "groupId" | "artifactId">): PackageName {
    return { format: "maven", namespace: c.groupId, name: c.artifactId };
}
