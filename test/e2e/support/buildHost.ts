// The build host and the publisher's machine, on this machine: a home whose ~/.m2/settings.xml and
// `codeartifact-mvn` are taken from the user data the program gives the instance (only the endpoint
// moved to the stand-in), the `codeartifact-publish` wrapper and publisher settings from the stack's
// outputs, and a stub `aws` CLI that asks the stand-in's AWS API (awsApi.ts). Maven runs for real,
// each run with its own empty local repository.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PUBLISHER_SETTINGS_PATH } from "../../../infra/host/publishWrapper";
import { TOKEN_WRAPPER_PATH } from "../../../infra/host/userData";

/** A Maven run that takes longer has hung: it is killed and fails. */
const MAVEN_RUN_TIMEOUT_MS = 90_000;

export interface MavenRun {
    status: number | null;
    output: string;
}

/** The body of a `<<'DELIMITER'` heredoc in a script. */
export function heredoc(script: string, delimiter: string): string {
    const start = script.indexOf(`<<'${delimiter}'\n`);
    const end = script.indexOf(`\n${delimiter}\n`, start);
    if (start < 0 || end < 0) throw new Error(`no heredoc ${delimiter} in the script`);
    return `${script.slice(start + delimiter.length + 5, end)}\n`;
}

/** The stub `aws`: parses the CLI's arguments, asks the stand-in, prints what `--query`/`--output text` would. */
const AWS_STUB = `#!/usr/bin/env node
const [service, operation, ...rest] = process.argv.slice(2);
const options = {};
for (let i = 0; i < rest.length; i += 2) options[rest[i].replace(/^--/, "")] = rest[i + 1];
const call = { service, operation, options, ...(process.env.AWS_ACCESS_KEY_ID ? { accessKeyId: process.env.AWS_ACCESS_KEY_ID } : {}) };
fetch(process.env.E2E_AWS_ENDPOINT + "/aws", { method: "POST", body: JSON.stringify(call) }).then(async (res) => {
    const answer = await res.json();
    if (answer.status !== 200) {
        process.stderr.write("\\nAn error occurred (" + answer.code + ") when calling the " + operation + " operation: " + answer.message + "\\n");
        process.exit(254);
    }
    // The subset of JMESPath the wrappers use: a dotted path, optionally ending in a [a,b,c] list.
    let value = answer.result;
    const query = options.query || "";
    const list = /^(.*?)\\.?\\[([^\\]]+)\\]$/.exec(query);
    for (const key of (list ? list[1] : query).split(".").filter(Boolean)) value = value == null ? undefined : value[key];
    if (list) value = list[2].split(",").map((key) => value[key.trim()]);
    process.stdout.write((Array.isArray(value) ? value.join("\\t") : String(value)) + "\\n");
}, (err) => { process.stderr.write(String(err) + "\\n"); process.exit(255); });
`;

export class BuildHost {
    readonly home: string;
    readonly bin: string;
    private runs = 0;

    /**
     * @param root an empty folder for the host's files
     * @param awsEndpoint where the stub `aws` calls
     */
    constructor(readonly root: string, private readonly awsEndpoint: string) {
        this.home = path.join(root, "home");
        this.bin = path.join(root, "bin");
        fs.mkdirSync(path.join(this.home, ".m2"), { recursive: true, mode: 0o700 });
        fs.mkdirSync(this.bin, { recursive: true });
        fs.writeFileSync(path.join(this.bin, "aws"), AWS_STUB, { mode: 0o755 });
    }

    /** Installs what first boot installs: settings.xml and codeartifact-mvn, from the user data. */
    installFromUserData(userData: string, awsEndpointUrl: string, standInEndpointUrl: string): string {
        const settings = heredoc(userData, "SETTINGS_XML");
        if (!settings.includes(awsEndpointUrl)) throw new Error(`the user data's settings.xml does not name ${awsEndpointUrl}`);
        const local = settings.split(awsEndpointUrl).join(standInEndpointUrl);
        fs.writeFileSync(path.join(this.home, ".m2", "settings.xml"), local, { mode: 0o600 });
        fs.writeFileSync(path.join(this.bin, path.basename(TOKEN_WRAPPER_PATH)), heredoc(userData, "CODEARTIFACT_MVN"), { mode: 0o755 });
        return local;
    }

    /** Installs the publisher's wrapper and settings, as docs/using-the-host.md, "Publishing" has people do. */
    installPublisher(publishScript: string, publisherSettingsXml: string, awsEndpointUrl: string, standInEndpointUrl: string): void {
        if (!publisherSettingsXml.includes(awsEndpointUrl)) throw new Error(`the publisher settings do not name ${awsEndpointUrl}`);
        const settingsFile = PUBLISHER_SETTINGS_PATH.replace("$HOME", this.home);
        fs.writeFileSync(settingsFile, publisherSettingsXml.split(awsEndpointUrl).join(standInEndpointUrl), { mode: 0o600 });
        fs.writeFileSync(path.join(this.bin, "codeartifact-publish"), publishScript, { mode: 0o755 });
    }

    /**
     * Runs a command of the host's bin (codeartifact-mvn, codeartifact-publish) in `cwd`, with a new
     * empty local repository. `credentials`: an access key id in the environment (else the instance role).
     */
    async run(command: string, args: readonly string[], cwd: string, options: { accessKeyId?: string } = {}): Promise<MavenRun & { localRepository: string }> {
        const localRepository = path.join(this.root, `m2-repository-${++this.runs}`);
        const env: NodeJS.ProcessEnv = {
            PATH: `${this.bin}:${process.env.PATH ?? "/usr/bin:/bin"}`,
            HOME: this.home,
            E2E_AWS_ENDPOINT: this.awsEndpoint,
            // Java takes user.home from the password database, not $HOME: point it at the host's home so
            // Maven reads ~/.m2/settings.xml from there. One short JVM per run: skip the optimising
            // compiler, share the class data archive.
            MAVEN_OPTS: `-Duser.home=${this.home} -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto`,
            ...(process.env.JAVA_HOME ? { JAVA_HOME: process.env.JAVA_HOME } : {}),
            ...(options.accessKeyId ? { AWS_ACCESS_KEY_ID: options.accessKeyId, AWS_SECRET_ACCESS_KEY: "stub-secret" } : {}),
        };
        // Asynchronously: the stand-in answering Maven runs in this process.
        const child = spawn(path.join(this.bin, command), ["-B", "-ntp", `-Dmaven.repo.local=${localRepository}`, ...args], {
            cwd,
            env,
            timeout: MAVEN_RUN_TIMEOUT_MS,
            killSignal: "SIGKILL",
        });
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
        child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
        const status = await new Promise<number | null>((resolve) => {
            child.on("error", (err) => {
                output += String(err);
                resolve(null);
            });
            child.on("close", (code) => resolve(code));
        });
        return { status, output, localRepository };
    }
}
