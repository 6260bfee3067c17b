// Node 20 (end of life since April 2026, still the machine's node here) lacks `fs.promises.glob`,
// which @pulumi/pulumi >= 3.27x calls in one place: finding the npm workspace root when it
// serializes a closure (CallbackFunction), with patterns `<dir>/<workspace pattern>/package.json`.
// This supplies that one function, for the patterns npm workspaces use (`*`, `**`, `?`, `{a,b}`,
// literal paths), only where Node lacks it; Node 22 and later use their own.
import * as fs from "fs";
import * as path from "path";

export function provideFsGlob(): void {
    const promises = fs.promises as unknown as { glob?: unknown };
    if (typeof promises.glob === "function") return;
    promises.glob = globFiles;
}

/** The paths matching an absolute pattern, as `fs.promises.glob` yields them. */
export async function* globFiles(pattern: string): AsyncGenerator<string> {
    for (const expanded of expandBraces(pattern)) {
        const absolute = path.resolve(expanded);
        const root = path.parse(absolute).root;
        yield* walk(root, absolute.slice(root.length).split(path.sep).filter(Boolean));
    }
}

async function* walk(dir: string, segments: string[]): AsyncGenerator<string> {
    if (segments.length === 0) {
        yield dir;
        return;
    }
    const [segment, ...rest] = segments;
    if (segment === "**") {
        yield* walk(dir, rest); // zero folders
        for (const child of subfolders(dir)) yield* walk(path.join(dir, child), segments);
        return;
    }
    if (!/[*?[]/.test(segment)) {
        const next = path.join(dir, segment);
        if (fs.existsSync(next)) yield* walk(next, rest);
        return;
    }
    const matcher = segmentPattern(segment);
    for (const entry of entries(dir)) {
        if (matcher.test(entry)) yield* walk(path.join(dir, entry), rest);
    }
}

function segmentPattern(segment: string): RegExp {
    const source = segment.replace(/[.+^$()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]");
    return new RegExp(`^${source}$`);
}

function expandBraces(pattern: string): string[] {
    const match = /\{([^{}]*)\}/.exec(pattern);
    if (!match) return [pattern];
    const [before, after] = [pattern.slice(0, match.index), pattern.slice(match.index + match[0].length)];
    return match[1].split(",").flatMap((choice) => expandBraces(before + choice + after));
}

function entries(dir: string): string[] {
    try {
        return fs.readdirSync(dir);
    } catch {
        return [];
    }
}

function subfolders(dir: string): string[] {
    try {
        return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== "node_modules" && !e.name.startsWith(".")).map((e) => e.name);
    } catch {
        return [];
    }
}
