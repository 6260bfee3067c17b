// The Maven projects the end-to-end tests build: copies of examples/web-app (optionally with more
// dependencies) and a small jar library a team publishes.
import * as fs from "fs";
import * as path from "path";
import { Coordinates, jarPom } from "./localMavenCentral";

export const WEB_APP = path.resolve(__dirname, "../../../examples/web-app");
/** The web app builds a war; the libraries a jar, with this plugin. */
const LIBRARY_JAR_PLUGIN_VERSION = "3.4.1";

/** A copy of examples/web-app in `dir`, with extra dependencies added to its pom. */
export function copyWebApp(dir: string, extraDependencies: readonly Coordinates[] = []): string {
    fs.cpSync(WEB_APP, dir, { recursive: true, filter: (source) => path.basename(source) !== "target" });
    const pomFile = path.join(dir, "pom.xml");
    const pom = fs.readFileSync(pomFile, "utf8");
    const extra = extraDependencies.map((d) => `    <dependency>
      <groupId>${d.groupId}</groupId>
      <artifactId>${d.artifactId}</artifactId>
      <version>${d.version}</version>
    </dependency>
`).join("");
    if (!pom.includes("  </dependencies>")) throw new Error("examples/web-app/pom.xml has no <dependencies> to extend");
    fs.writeFileSync(pomFile, pom.replace("  </dependencies>", `${extra}  </dependencies>`));
    return dir;
}

/** A one-class jar library, its plugins pinned like the web app's (so resolution never needs metadata). */
export function writeLibrary(dir: string, c: Coordinates): string {
    const webAppPom = fs.readFileSync(path.join(WEB_APP, "pom.xml"), "utf8");
    const pluginManagement = /<pluginManagement>[\s\S]*<\/pluginManagement>/.exec(webAppPom)?.[0];
    if (!pluginManagement) throw new Error("examples/web-app/pom.xml has no <pluginManagement> to share");
    const source = path.join(dir, "src/main/java", ...c.groupId.split("."));
    fs.mkdirSync(source, { recursive: true });
    fs.writeFileSync(path.join(source, "Library.java"), `package ${c.groupId};\n\npublic final class Library {\n    public static String name() {\n        return "${c.groupId}:${c.artifactId}";\n    }\n}\n`);
    const jarPlugin = `  <plugin><artifactId>maven-jar-plugin</artifactId><version>${LIBRARY_JAR_PLUGIN_VERSION}</version></plugin>\n      </plugins>`;
    fs.writeFileSync(path.join(dir, "pom.xml"), jarPom(c, `  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <build>
    ${pluginManagement.replace(/<\/plugins>/, jarPlugin)}
  </build>
`));
    return dir;
}

/** What building examples/web-app and the libraries needs from "Maven Central": the pinned plugins and the dependencies. */
export function webAppRequirements(): Coordinates[] {
    const pom = fs.readFileSync(path.join(WEB_APP, "pom.xml"), "utf8");
    const plugins = [...pom.matchAll(/<plugin><artifactId>([^<]+)<\/artifactId><version>([^<]+)<\/version><\/plugin>/g)]
        .map(([, artifactId, version]) => ({ groupId: "org.apache.maven.plugins", artifactId, version }));
    const dependencies = [...pom.matchAll(/<dependency>\s*<groupId>([^<]+)<\/groupId>\s*<artifactId>([^<]+)<\/artifactId>\s*<version>([^<]+)<\/version>/g)]
        .map(([, groupId, artifactId, version]) => ({ groupId, artifactId, version }));
    return [...plugins, { groupId: "org.apache.maven.plugins", artifactId: "maven-jar-plugin", version: LIBRARY_JAR_PLUGIN_VERSION }, ...dependencies];
}
