// "Maven Central" for the end-to-end tests: a read-only view over local Maven repository trees, the
// first that has a version wins. The tests put their own artifacts in the first tree (pom, jar and
// checksums, as `writeArtifact` makes them); the machine's Maven repositories behind it provide the
// plugins and libraries a real build needs (the internet is out of reach). It can be stopped, as
// if the public registry were unreachable, and it logs every version asked of it.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

/** The files of one package version, by file name. */
export type VersionFiles = Map<string, Buffer>;

export interface Coordinates {
    groupId: string;
    artifactId: string;
    version: string;
}

export class LocalMavenCentral {
    running = true;
    /** `groupId:artifactId:version` of every version asked for, in order, running or not. */
    readonly requests: string[] = [];

    constructor(readonly roots: readonly string[]) {
        const missing = roots.filter((root) => !fs.existsSync(root));
        if (missing.length > 0) throw new Error(`LocalMavenCentral: no repository at ${missing.join(", ")}`);
    }

    /** The version's files, or undefined when no tree has it (or when stopped). */
    fetchVersion(c: Coordinates): VersionFiles | undefined {
        this.requests.push(`${c.groupId}:${c.artifactId}:${c.version}`);
        if (!this.running) return undefined;
        for (const root of this.roots) {
            const dir = versionDir(root, c);
            if (!fs.existsSync(path.join(dir, `${c.artifactId}-${c.version}.pom`))) continue;
            const files: VersionFiles = new Map();
            for (const name of fs.readdirSync(dir)) {
                // The artifacts only: no checksums (the store computes its own), no local-repository bookkeeping.
                if (!name.startsWith(`${c.artifactId}-${c.version}`) || /\.(sha1|md5|sha256|sha512|lastUpdated|asc)$/.test(name)) continue;
                const file = path.join(dir, name);
                if (fs.statSync(file).isFile()) files.set(name, fs.readFileSync(file));
            }
            return files;
        }
        return undefined;
    }

    /** Whether some tree holds the version (not logged: for the tests' own preconditions). */
    holds(c: Coordinates): boolean {
        return this.roots.some((root) => fs.existsSync(path.join(versionDir(root, c), `${c.artifactId}-${c.version}.pom`)));
    }

    /** Whether any request asked for a version of this package. */
    wasAskedFor(groupId: string, artifactId: string): boolean {
        return this.requests.some((r) => r.startsWith(`${groupId}:${artifactId}:`));
    }
}

function versionDir(root: string, c: Coordinates): string {
    return path.join(root, ...c.groupId.split("."), c.artifactId, c.version);
}

/**
 * Writes a small jar package into a Maven repository tree as a registry holds it: the pom, a jar
 * whose one entry carries `marker` (so a test can tell whose build it got), and their checksums.
 */
export function writeArtifact(root: string, c: Coordinates, marker: string): void {
    const dir = versionDir(root, c);
    fs.mkdirSync(dir, { recursive: true });
    const base = path.join(dir, `${c.artifactId}-${c.version}`);
    const pom = jarPom(c);
    const files: [string, Buffer][] = [[`${base}.pom`, Buffer.from(pom)], [`${base}.jar`, storedZip("marker.txt", Buffer.from(marker))]];
    for (const [file, content] of files) {
        fs.writeFileSync(file, content);
        fs.writeFileSync(`${file}.sha1`, createHash("sha1").update(content).digest("hex"));
        fs.writeFileSync(`${file}.md5`, createHash("md5").update(content).digest("hex"));
    }
}

/** The pom of a jar package; `inner` (properties, build) goes inside the project element. */
export function jarPom(c: Coordinates, inner = ""): string {
    return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>${c.groupId}</groupId>
  <artifactId>${c.artifactId}</artifactId>
  <version>${c.version}</version>
  <packaging>jar</packaging>
${inner}</project>
`;
}

/** A zip archive with one uncompressed entry (a valid jar for Maven and the war plugin). */
export function storedZip(name: string, content: Buffer): Buffer {
    const nameBytes = Buffer.from(name);
    const crc = crc32(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(content.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(10, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(content.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    const centralOffset = local.length + nameBytes.length + content.length;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + nameBytes.length, 12);
    end.writeUInt32LE(centralOffset, 16);
    return Buffer.concat([local, nameBytes, content, central, nameBytes, end]);
}

function crc32(data: Buffer): number {
    let crc = 0xffffffff;
    for (const byte of data) {
        crc ^= byte;
        for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
    }
    return (crc ^ 0xffffffff) >>> 0;
}
