// Where a Pulumi project keeps its stack files, and which stacks it has: one `Pulumi.NAME.yaml` per
// stack, beside Pulumi.yaml or in the folder its `stackConfigDir` (or a string `config`) names.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

const STACK_FILE = /^Pulumi\.(.+)\.ya?ml$/;
/** The names a project file may have. */
export const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.yml"];

/** The folder of the stack files, from the project file's settings (`stackConfigDir`, or `config` as a path). */
export function stackConfigDir(projectDir: string, settings: { stackConfigDir?: unknown; config?: unknown }): string {
    const dir = typeof settings.stackConfigDir === "string" ? settings.stackConfigDir : typeof settings.config === "string" ? settings.config : undefined;
    return dir === undefined ? projectDir : path.resolve(projectDir, dir);
}

/** The stacks whose files are in `configDir`, sorted; none when the folder does not exist. */
export function stackNamesIn(configDir: string): string[] {
    if (!fs.existsSync(configDir)) return [];
    return fs
        .readdirSync(configDir)
        .map((file) => STACK_FILE.exec(file)?.[1])
        .filter((name): name is string => name !== undefined)
        .sort();
}

/** The stack names of the project in `projectDir`, sorted. */
export function stackNames(projectDir: string): string[] {
    const projectFile = PROJECT_FILES.map((f) => path.join(projectDir, f)).find((f) => fs.existsSync(f));
    const settings: unknown = projectFile ? YAML.parse(fs.readFileSync(projectFile, "utf8")) : undefined;
    return stackNamesIn(stackConfigDir(projectDir, (settings ?? {}) as { stackConfigDir?: unknown; config?: unknown }));
}
