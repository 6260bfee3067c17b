import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import * as YAML from "yaml";
import { validateConfig } from "../../infra/config/config";
import type { WireInputs } from "../../offline/aws/resourceModel";
import { CONFIG_KEYS, ConfigKeySpec } from "../../infra/config/configKeys";
import { REPO_ROOT, devConfig } from "../support/mockStack";

// The official Pulumi project schema (draft 2020-12, from the Pulumi repository), kept beside the tests
// so a clean clone can check Pulumi.yaml the way the CLI will.
const SCHEMA_PATH = path.join(__dirname, "../support/pulumi-project.schema.json");

function readYaml(file: string): WireInputs {
    return YAML.parse(fs.readFileSync(path.join(REPO_ROOT, file), "utf8"));
}

describe("project files", () => {
    const project = readYaml("Pulumi.yaml");

    it("Pulumi.yaml is valid against the Pulumi project schema", () => {
        const validate = new Ajv2020({ strict: false }).compile(JSON.parse(fs.readFileSync(SCHEMA_PATH, "utf8")));
        expect(validate(project), JSON.stringify(validate.errors, null, 2)).to.equal(true);
    });

    it("keeps its copy of the schema identical to the official one in ../shared, where that exists", function () {
        const official = path.join(REPO_ROOT, "..", "shared", "schemas", "pulumi-project.schema.json");
        if (!fs.existsSync(official)) this.skip(); // a user's clone has no ../shared; CI's does
        expect(JSON.parse(fs.readFileSync(SCHEMA_PATH, "utf8"))).to.deep.equal(JSON.parse(fs.readFileSync(official, "utf8")));
    });

    it("names the project secure-packages and runs TypeScript on nodejs", () => {
        expect(project.name).to.equal("secure-packages");
        expect(project.runtime).to.deep.equal({ name: "nodejs", options: { typescript: true } });
        expect(project.description).to.be.a("string").and.to.have.length.greaterThan(0);
    });

    it("declares exactly the keys the program reads, with the same types and defaults", () => {
        expect(Object.keys(project.config)).to.have.members(Object.keys(CONFIG_KEYS));
        for (const [key, spec] of Object.entries(CONFIG_KEYS) as Array<[string, ConfigKeySpec]>) {
            const declared = project.config[key];
            expect(declared.type, key).to.equal(spec.type);
            expect(declared.description, key).to.equal(spec.description);
            if (spec.type === "array") expect(declared.items, key).to.deep.equal({ type: "string" });
            if (spec.default === undefined) expect(declared, `${key} is required: no default`).not.to.have.property("default");
            else expect(declared.default, key).to.deep.equal(spec.default);
        }
    });

    it("never declares an object-typed key (the CLI rejects them)", () => {
        for (const declared of Object.values<WireInputs>(project.config)) expect(declared.type).to.be.oneOf(["string", "integer", "boolean", "array"]);
    });

    it("Pulumi.dev.yaml sets the dev stack and passes validation", () => {
        const stack = readYaml("Pulumi.dev.yaml").config;
        expect(stack).to.deep.equal({
            "aws:region": "us-east-1",
            "aws-native:region": "us-east-1",
            "aws:defaultTags": { tags: { "secure-packages:stack": "dev" } },
            "secure-packages:domainName": "nextwork",
            "secure-packages:repositoryName": "nextwork-packages",
            "secure-packages:upstreams": ["public:maven-central"],
            "secure-packages:publisherNamespaces": ["maven/com.nextwork"],
            "secure-packages:permissionsBoundaryPolicy": "secure-packages-dev-boundary",
        });
        const config = validateConfig(devConfig());
        expect(config.publisherNamespaces).to.deep.equal([{ format: "maven", namespace: "com.nextwork" }]);
    });

    it("Pulumi.prod.yaml sets the prod stack (its own region, organisation readers, publisher) and passes validation", () => {
        const stack = readYaml("Pulumi.prod.yaml").config as Record<string, unknown>;
        const raw: Record<string, string> = {};
        for (const [key, value] of Object.entries(stack)) {
            if (key.startsWith("secure-packages:")) raw[key.slice("secure-packages:".length)] = typeof value === "string" ? value : JSON.stringify(value);
        }
        const config = validateConfig(raw);
        expect(stack["aws:region"]).to.be.a("string").and.not.equal(readYaml("Pulumi.dev.yaml").config["aws:region"]);
        expect(config.readers.organizationId).to.match(/^o-/);
        expect(config.readers.accountIds).to.have.length.greaterThan(0);
        expect(config.publisherNamespaces).to.have.length.greaterThan(0);
        expect(Object.keys(config.tags)).to.have.length.greaterThan(0);
    });

    it("the project defaults, as the CLI passes them, validate to the same config as no value at all", () => {
        const defaults: Record<string, string> = {};
        for (const [key, declared] of Object.entries<WireInputs>(project.config)) {
            if ("default" in declared) defaults[key] = typeof declared.default === "string" ? declared.default : JSON.stringify(declared.default);
        }
        const required = { domainName: "nextwork", repositoryName: "nextwork-packages" };
        expect(validateConfig({ ...defaults, ...required })).to.deep.equal(validateConfig(required));
    });
});
