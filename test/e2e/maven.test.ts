// The seed's Maven journey with the real `mvn`, against a local stand-in for CodeArtifact whose
// repositories, package groups and permissions come from the stack itself (support/stackModel.ts):
// the build host builds the web app through the team repository, the libraries stay in the store,
// the reader cannot publish, the publisher can publish only into its namespace, and the package
// group keeps a public look-alike of an internal name out. One program run, one stand-in and one
// build host serve every case; each Maven run starts from an empty local repository.
import { expect } from "chai";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { mavenServerId } from "../../infra/host/mavenSettings";
import { AwsApi, resultOf } from "./support/awsApi";
import { BuildHost } from "./support/buildHost";
import { CodeArtifactStandIn } from "./support/codeArtifactStandIn";
import { Coordinates, LocalMavenCentral, jarPom, writeArtifact } from "./support/localMavenCentral";
import { copyWebApp, webAppRequirements, writeLibrary } from "./support/projects";
import { DevStackRun, PACKAGE_GROUP_TYPE, StackModel, runDevStack, stackModel } from "./support/stackModel";

/** Where this machine's Maven keeps what "Maven Central" serves besides the tests' own artifacts. */
const MACHINE_REPOSITORIES = [path.join(os.homedir(), ".m2", "repository"), "/usr/share/maven-repo"];

const BILLING: Coordinates = { groupId: "com.nextwork", artifactId: "billing", version: "1.0.0" };
const OUTSIDE: Coordinates = { groupId: "com.example", artifactId: "tools", version: "1.0.0" };
/** An internal name the team has not published yet, which an attacker put on Maven Central first. */
const LEDGER: Coordinates = { groupId: "com.nextwork", artifactId: "ledger", version: "1.0.0" };
const ATTACKER_MARKER = "planted by an outsider on Maven Central";

interface Site {
    standIn: CodeArtifactStandIn;
    host: BuildHost;
}

describe("Maven end to end", function () {
    this.timeout(180_000);
    let work: string;
    let run: DevStackRun;
    let model: StackModel;
    let central: LocalMavenCentral;
    let site: Site;
    let storeName: string;
    /** The first tree of "Maven Central": what the tests put there themselves. */
    let testArtifacts: string;
    const sites: Site[] = [];

    const login = (token: string) => ({ authorization: `Basic ${Buffer.from(`aws:${token}`).toString("base64")}` });

    /** A token for the build host's role (no access key: the instance role), or for the given session. */
    async function token(api: AwsApi, accessKeyId?: string): Promise<string> {
        const answer = await api.call({ service: "codeartifact", operation: "get-authorization-token", accessKeyId,
            options: { domain: model.domainName, "domain-owner": model.accountId, region: model.region, "duration-seconds": "900" } });
        return String(resultOf(answer).authorizationToken);
    }

    /** A token for the publisher role, assumed with the operator's keys. */
    async function publisherToken(api: AwsApi): Promise<string> {
        const role = await api.call({ service: "sts", operation: "assume-role", accessKeyId: api.operatorAccessKeyId,
            options: { "role-arn": model.publisher!.arn, "role-session-name": "test" } });
        return token(api, (resultOf(role).Credentials as { AccessKeyId: string }).AccessKeyId);
    }

    /** A stand-in for this model and a build host installed from its user data. */
    async function openSite(name: string, siteModel: StackModel): Promise<Site> {
        const standIn = new CodeArtifactStandIn(siteModel, central);
        await standIn.start();
        const host = new BuildHost(path.join(work, name), standIn.url);
        const endpoint = standIn.endpoint(siteModel.teamRepository);
        host.installFromUserData(siteModel.userData, siteModel.mavenEndpoint, endpoint);
        if (!siteModel.publishScript || !siteModel.publisherSettingsXml) throw new Error("the dev stack has no publisher outputs");
        host.installPublisher(siteModel.publishScript, siteModel.publisherSettingsXml, siteModel.mavenEndpoint, endpoint);
        const opened = { standIn, host };
        sites.push(opened);
        return opened;
    }

    before(async function () {
        work = fs.mkdtempSync(path.join(os.tmpdir(), "maven-e2e-"));
        run = await runDevStack();
        model = stackModel(run);
        storeName = model.repositories.find((r) => r.externalConnection === "public:maven-central")!.name;
        testArtifacts = path.join(work, "central");
        writeArtifact(testArtifacts, LEDGER, ATTACKER_MARKER);
        central = new LocalMavenCentral([testArtifacts, ...MACHINE_REPOSITORIES.filter((dir) => fs.existsSync(dir))]);
        // The machine stands in for Maven Central: say plainly when it lacks what the builds need.
        const missing = webAppRequirements().filter((c) => !central.holds(c));
        if (missing.length > 0) {
            throw new Error(`${MACHINE_REPOSITORIES.join(" and ")} lack ${missing.map((c) => `${c.groupId}:${c.artifactId}:${c.version}`).join(", ")}` +
                " (maven-war-plugin: apt-get install libmaven-war-plugin-java, as .ci/run does)");
        }
        site = await openSite("host", model);
    });

    after(async () => {
        for (const opened of sites) await opened.standIn.stop();
        if (work) fs.rmSync(work, { recursive: true, force: true });
    });

    it("1. the reader builds examples/web-app through codeartifact-mvn; its dependencies are then kept in the store", async () => {
        const dir = copyWebApp(path.join(work, "web-app"));
        const build = await site.host.run("codeartifact-mvn", ["package"], dir);
        expect(build.status, build.output).to.equal(0);
        expect(fs.existsSync(path.join(dir, "target", "web-app.war"))).to.equal(true);

        const store = site.standIn.repository(storeName);
        const team = site.standIn.repository(model.teamRepository);
        for (const dependency of ["com.google.code.gson:gson:2.10.1", "jakarta.servlet:jakarta.servlet-api:6.0.0", "org.apache.maven.plugins:maven-war-plugin:3.3.2"]) {
            expect(store.versionList(), dependency).to.include(dependency);
            expect(team.versionList(), dependency).to.include(dependency);
        }
        const gson = store.package("com.google.code.gson", "gson")!;
        expect(gson.versions.get("2.10.1")!.origin).to.equal("external");
        expect(gson.controls).to.deep.equal({ publish: "BLOCK", upstream: "ALLOW" });
        expect(team.package("com.google.code.gson", "gson")!.versions.get("2.10.1")!.origin).to.equal("upstream");
        // Maven first asked without credentials, was challenged, and came back as the reader role.
        const requests = site.standIn.log.filter((r) => r.repository === model.teamRepository);
        expect(requests.some((r) => r.status === 401)).to.equal(true);
        expect(new Set(requests.filter((r) => r.role).map((r) => r.role))).to.deep.equal(new Set([model.reader.name]));
    });

    it("2. with Maven Central stopped and a clean local repository, the same build succeeds from what CodeArtifact kept", async () => {
        const kept = site.standIn.repository(storeName).versionList().length;
        const dir = path.join(work, "web-app");
        fs.rmSync(path.join(dir, "target"), { recursive: true, force: true });
        central.running = false;
        try {
            const build = await site.host.run("codeartifact-mvn", ["package"], dir);
            expect(build.status, build.output).to.equal(0);
            expect(fs.existsSync(path.join(dir, "target", "web-app.war"))).to.equal(true);
        } finally {
            central.running = true;
        }
        expect(site.standIn.repository(storeName).versionList()).to.have.length(kept);
    });

    it("3. the reader's mvn deploy is refused (403) and nothing is stored", async () => {
        const dir = writeLibrary(path.join(work, "billing-by-reader"), BILLING);
        const repository = `-DaltDeploymentRepository=${mavenServerId(model.domainName, model.teamRepository)}::default::${site.standIn.endpoint(model.teamRepository)}`;
        const deploy = await site.host.run("codeartifact-mvn", ["deploy", repository], dir);
        expect(deploy.status, deploy.output).not.to.equal(0);
        expect(deploy.output).to.match(/403|Forbidden/);
        expect(site.standIn.log.some((r) => r.method === "PUT" && r.role === model.reader.name && r.status === 403)).to.equal(true);
        expect(site.standIn.log.some((r) => r.method === "PUT" && r.status < 300)).to.equal(false);
        for (const repository of site.standIn.store.repositories.values()) expect(repository.package(BILLING.groupId, BILLING.artifactId)).to.equal(undefined);
    });

    it("4. the publisher deploys com.nextwork:billing with codeartifact-publish; a reader build that depends on it resolves it", async () => {
        const dir = writeLibrary(path.join(work, "billing"), BILLING);
        const deploy = await site.host.run("codeartifact-publish", ["deploy"], dir, { accessKeyId: site.standIn.aws.operatorAccessKeyId });
        expect(deploy.status, deploy.output).to.equal(0);
        const billing = site.standIn.repository(model.teamRepository).package(BILLING.groupId, BILLING.artifactId)!;
        expect(billing.versions.get(BILLING.version)).to.include({ origin: "published", status: "Published" });
        expect([...billing.versions.get(BILLING.version)!.assets.keys()]).to.include.members(["billing-1.0.0.jar", "billing-1.0.0.pom"]);
        expect(billing.controls).to.deep.equal({ publish: "ALLOW", upstream: "BLOCK" });
        expect(site.standIn.log.some((r) => r.method === "PUT" && r.path.endsWith("maven-metadata.xml") && r.role === model.publisher!.name && r.status === 200)).to.equal(true);

        const app = copyWebApp(path.join(work, "web-app-with-billing"), [BILLING]);
        const build = await site.host.run("codeartifact-mvn", ["package"], app);
        expect(build.status, build.output).to.equal(0);
        expect(fs.readFileSync(path.join(app, "target", "web-app.war")).includes("WEB-INF/lib/billing-1.0.0.jar")).to.equal(true);
        expect(central.wasAskedFor(BILLING.groupId, BILLING.artifactId)).to.equal(false);

        // What a client reads back: the metadata lists the version, the checksums are the stored jar's.
        const read = login(await token(site.standIn.aws));
        const base = `${site.standIn.endpoint(model.teamRepository)}com/nextwork/billing/`;
        expect(await (await fetch(`${base}maven-metadata.xml`, { headers: read })).text()).to.include("<version>1.0.0</version>");
        const jar = billing.versions.get(BILLING.version)!.assets.get("billing-1.0.0.jar")!;
        expect(await (await fetch(`${base}1.0.0/billing-1.0.0.jar.sha1`, { headers: read })).text()).to.equal(createHash("sha1").update(jar).digest("hex"));
    });

    it("5. the publisher's deploy outside its namespace is refused (403) and nothing is stored", async () => {
        const dir = writeLibrary(path.join(work, "outside"), OUTSIDE);
        const deploy = await site.host.run("codeartifact-publish", ["deploy"], dir, { accessKeyId: site.standIn.aws.operatorAccessKeyId });
        expect(deploy.status, deploy.output).not.to.equal(0);
        expect(deploy.output).to.match(/403|Forbidden/);
        expect(site.standIn.log.some((r) => r.method === "PUT" && r.path.startsWith("com/example/") && r.role === model.publisher!.name && r.status === 403)).to.equal(true);
        for (const repository of site.standIn.store.repositories.values()) expect(repository.package(OUTSIDE.groupId, OUTSIDE.artifactId)).to.equal(undefined);
    });

    describe("the stand-in answers as CodeArtifact does", () => {
        const gsonPom = "com/google/code/gson/gson/2.10.1/gson-2.10.1.pom";

        it("401 without a login or with a token it did not issue; 200 with the reader's token", async () => {
            const url = `${site.standIn.endpoint(model.teamRepository)}${gsonPom}`;
            const anonymous = await fetch(url);
            expect(anonymous.status).to.equal(401);
            expect(anonymous.headers.get("www-authenticate")).to.match(/^Basic realm=/);
            expect((await fetch(url, { headers: login("not-a-token") })).status).to.equal(401);
            const reader = login(await token(site.standIn.aws));
            expect((await fetch(url, { headers: reader })).status).to.equal(200);
            // Past its --duration-seconds, the same token is refused: the build's next download fails.
            site.standIn.aws.expireTokens();
            expect((await fetch(url, { headers: reader })).status).to.equal(401);
        });

        it("403 when the publisher PUTs into the store, a repository its grant does not name", async () => {
            const put = await fetch(`${site.standIn.endpoint(storeName)}com/nextwork/billing/2.0.0/billing-2.0.0.pom`, {
                method: "PUT", headers: login(await publisherToken(site.standIn.aws)), body: "<project/>" });
            expect(put.status).to.equal(403);
            expect(site.standIn.repository(storeName).package("com.nextwork", "billing")).to.equal(undefined);
        });

        it("no token for a role whose documents lack the conditioned sts:GetServiceBearerToken", async () => {
            const withoutBearer = model.reader.documents.map((d) => ({ statements: d.statements.filter((st) => !(st.actions ?? []).includes("sts:GetServiceBearerToken")) }));
            const api = new AwsApi({ ...model, reader: { ...model.reader, documents: withoutBearer } });
            const answer = await api.call({ service: "codeartifact", operation: "get-authorization-token",
                options: { domain: model.domainName, "domain-owner": model.accountId, region: model.region } });
            expect(answer).to.deep.include({ status: 403, code: "AccessDeniedException" });
        });
    });

    describe("6. dependency confusion: Maven Central serves com.nextwork:ledger, a name the team has not published", () => {
        it("the stack's package group keeps it out: the build never receives it and the store never fetches it", async () => {
            expect(model.packageGroups.map((g) => g.pattern)).to.include("/maven/com.nextwork/*");
            const app = copyWebApp(path.join(work, "web-app-with-ledger"), [LEDGER]);
            const build = await site.host.run("codeartifact-mvn", ["package"], app);
            expect(build.status, build.output).not.to.equal(0);
            expect(build.output).to.match(/Could not resolve dependencies[^\n]*com\.nextwork:ledger:jar:1\.0\.0/);
            // Maven leaves only its `.lastUpdated` notes of the failed attempt: no pom, no jar.
            const ledgerDir = path.join(build.localRepository, "com", "nextwork", "ledger", "1.0.0");
            const received = fs.existsSync(ledgerDir) ? fs.readdirSync(ledgerDir).filter((f) => !f.endsWith(".lastUpdated")) : [];
            expect(received).to.deep.equal([]);
            expect(central.wasAskedFor(LEDGER.groupId, LEDGER.artifactId)).to.equal(false);
            for (const repository of site.standIn.store.repositories.values()) expect(repository.package(LEDGER.groupId, LEDGER.artifactId)).to.equal(undefined);
        });

        let unguarded: Site;

        it("without the package group (removed from the stack), the same build takes the outsider's package", async () => {
            unguarded = await openSite("host-without-groups", stackModel(run, (r) => r.type === PACKAGE_GROUP_TYPE));
            const app = copyWebApp(path.join(work, "web-app-with-ledger-unguarded"), [LEDGER]);
            const build = await unguarded.host.run("codeartifact-mvn", ["package"], app);
            expect(build.status, build.output).to.equal(0);
            const jar = path.join(build.localRepository, "com", "nextwork", "ledger", "1.0.0", "ledger-1.0.0.jar");
            expect(fs.readFileSync(jar).includes(ATTACKER_MARKER)).to.equal(true);
            expect(central.wasAskedFor(LEDGER.groupId, LEDGER.artifactId)).to.equal(true);
            expect(unguarded.standIn.repository(storeName).package(LEDGER.groupId, LEDGER.artifactId)!.versions.get("1.0.0")!.origin).to.equal("external");
        });

        it("without the package group, only a name the team already published is safe: its first version blocked the upstream", async () => {
            const next = { ...BILLING, version: "2.0.0" };
            writeArtifact(testArtifacts, next, ATTACKER_MARKER);
            const team = unguarded.standIn.endpoint(model.teamRepository);
            const packagePath = (c: Coordinates, file: string) => `${c.groupId.replace(/\./g, "/")}/${c.artifactId}/${c.version}/${file}`;
            const publish = login(await publisherToken(unguarded.standIn.aws));
            expect((await fetch(`${team}${packagePath(BILLING, "billing-1.0.0.pom")}`, { method: "PUT", headers: publish, body: jarPom(BILLING) })).status).to.equal(201);
            const read = login(await token(unguarded.standIn.aws));
            expect((await fetch(`${team}${packagePath(next, "billing-2.0.0.pom")}`, { headers: read })).status).to.equal(404);
            expect(central.wasAskedFor(BILLING.groupId, BILLING.artifactId)).to.equal(false);
            // The same request for the unpublished name reaches Maven Central and gets the outsider's pom.
            const ledger = await fetch(`${team}${packagePath(LEDGER, "ledger-1.0.0.pom")}`, { headers: read });
            expect(ledger.status).to.equal(200);
        });
    });
});
