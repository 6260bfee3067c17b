// Maven's settings.xml for the team repository: every download goes through CodeArtifact (a mirror
// of `*`), authenticated as user `aws` with a token Maven reads from the environment at run time, so
// the file itself holds no secret.
import { TOKEN_ENV_VAR } from "./authToken";

export interface MavenSettingsArgs {
    /** Ties the credentials to the mirror (and to `distributionManagement` when publishing). */
    serverId: string;
    /** The repository's Maven endpoint. */
    repositoryUrl: string;
    /**
     * Also make `mvn deploy` publish there (the publisher's settings): sets `altDeploymentRepository`
     * to this server id and URL, so a project needs no `distributionManagement` and the upload
     * carries the same credentials. Default false.
     */
    deploy?: boolean;
}

/** One server id per domain and repository, so settings for two stores can live side by side. */
export function mavenServerId(domainName: string, repositoryName: string): string {
    return `${domainName}-${repositoryName}`;
}

export function renderMavenSettings(args: MavenSettingsArgs): string {
    const id = escapeXml(args.serverId);
    const url = escapeXml(args.repositoryUrl);
    // Maven interpolates ${env.NAME} when it reads the file; the XML carries the literal expression.
    const password = escapeXml(`\${env.${TOKEN_ENV_VAR}}`);
    // `ID::default::URL` is the form both maven-deploy-plugin 2.x (Maven 3.8's default) and 3.x read.
    const deployProperty = args.deploy
        ? `
      <properties>
        <altDeploymentRepository>${id}::default::${url}</altDeploymentRepository>
      </properties>`
        : "";
    return `<?xml version="1.0" encoding="UTF-8"?>
<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.0.0 https://maven.apache.org/xsd/settings-1.0.0.xsd">
  <servers>
    <server>
      <id>${id}</id>
      <username>aws</username>
      <password>${password}</password>
    </server>
  </servers>
  <profiles>
    <!-- Declares the repository with snapshots on: the mirror alone would inherit Central's
         snapshots-off policy and hide the team's own SNAPSHOT builds. -->
    <profile>
      <id>${id}</id>${deployProperty}
      <repositories>
        <repository>
          <id>${id}</id>
          <url>${url}</url>
          <releases><enabled>true</enabled></releases>
          <snapshots><enabled>true</enabled></snapshots>
        </repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository>
          <id>${id}</id>
          <url>${url}</url>
          <releases><enabled>true</enabled></releases>
          <snapshots><enabled>true</enabled></snapshots>
        </pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles>
    <activeProfile>${id}</activeProfile>
  </activeProfiles>
  <mirrors>
    <mirror>
      <id>${id}</id>
      <name>AWS CodeArtifact</name>
      <url>${url}</url>
      <mirrorOf>*</mirrorOf>
    </mirror>
  </mirrors>
</settings>
`;
}

/** Text safe inside an XML element or a double-quoted attribute. */
export function escapeXml(text: string): string {
    return text
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&apos;");
}
