// Where the AWS provider finds its region when the stack sets no aws:region: after AWS_REGION and
// AWS_DEFAULT_REGION, the profile's `region` in the shared config file (AWS_CONFIG_FILE, else
// ~/.aws/config), as the AWS SDKs' default chain reads it. The profile is the stack's aws:profile,
// else AWS_PROFILE, else `default`; a named profile's section is `[profile NAME]`.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The region the AWS provider would use without aws:region, and where it came from; undefined when none. */
export function providerDefaultRegion(config: Record<string, string>, env: NodeJS.ProcessEnv = process.env): { region: string; source: string } | undefined {
    for (const name of ["AWS_REGION", "AWS_DEFAULT_REGION"]) {
        if (env[name]) return { region: String(env[name]), source: name };
    }
    const file = env.AWS_CONFIG_FILE ?? path.join(os.homedir(), ".aws", "config");
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        return undefined;
    }
    const profile = config["aws:profile"] ?? env.AWS_PROFILE ?? "default";
    const header = profile === "default" ? /^\s*\[\s*(profile\s+)?default\s*\]\s*$/ : new RegExp(`^\\s*\\[\\s*profile\\s+${profile.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*\\]\\s*$`);
    let inSection = false;
    for (const line of text.split(/\r?\n/)) {
        if (/^\s*\[/.test(line)) inSection = header.test(line);
        const value = inSection ? /^\s*region\s*=\s*(\S+)/.exec(line)?.[1] : undefined;
        if (value) return { region: value, source: `${file} [${profile === "default" ? "default" : `profile ${profile}`}]` };
    }
    return undefined;
}
