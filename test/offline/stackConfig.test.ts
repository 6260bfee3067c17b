import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SECRET_PLACEHOLDER } from "../../offline/program/configEntries";
import { loadStackConfig, StackConfigError } from "../../offline/program/stackConfig";

const PROJECT = `name: demo
runtime: nodejs
config:
  aws:region: us-west-2
  domainName:
    type: string
  instanceType:
    type: string
    default: t3.micro
  protect:
    type: boolean
    default: true
  tokenDurationSeconds:
    type: integer
    default: 3600
  upstreams:
    type: array
    items:
      type: string
    default: [public:maven-central]
  untyped: hello
`;

function project(stacks: Record<string, string>, projectYaml = PROJECT): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-config-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), projectYaml);
    for (const [name, text] of Object.entries(stacks)) fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), text);
    return dir;
}

function problemsOf(fn: () => unknown): string[] {
    try {
        fn();
    } catch (e) {
        if (e instanceof StackConfigError) return e.problems;
        throw e;
    }
    throw new Error("expected a StackConfigError");
}

describe("stack config, read as the Pulumi CLI reads it", () => {
    it("applies the project's defaults and values, with stack values winning, as strings the program reads", () => {
        const dir = project({ dev: "config:\n  demo:domainName: store\n  demo:instanceType: t4g.small\n  tokenDurationSeconds: 900\n" });
        const { config, project: name, warnings } = loadStackConfig(dir, "dev");
        expect(name).to.equal("demo");
        expect(warnings).to.deep.equal([]);
        expect(config).to.deep.equal({
            "aws:region": "us-west-2",
            "demo:domainName": "store",
            "demo:instanceType": "t4g.small",
            "demo:tokenDurationSeconds": "900", // a key without namespace belongs to the project
            "demo:protect": "true",
            "demo:upstreams": '["public:maven-central"]',
            "demo:untyped": "hello",
        });
    });

    it("passes lists and maps as JSON text and scalars as their source text", () => {
        const dir = project({ dev: "config:\n  demo:domainName: store\n  demo:upstreams: [public:npmjs, public:pypi]\n  demo:untyped: 1.0\n  aws:assumeRole: {roleArn: x}\n" });
        const { config } = loadStackConfig(dir, "dev");
        expect(config["demo:upstreams"]).to.equal('["public:npmjs","public:pypi"]');
        expect(config["demo:untyped"]).to.equal("1.0");
        expect(config["aws:assumeRole"]).to.equal('{"roleArn":"x"}');
    });

    it("refuses a value whose type does not match its declaration, naming key, type and value", () => {
        const dir = project({ dev: "config:\n  demo:domainName: store\n  demo:tokenDurationSeconds: an hour\n  demo:protect: yes\n  demo:upstreams: public:npmjs\n" });
        expect(problemsOf(() => loadStackConfig(dir, "dev"))).to.deep.equal([
            "Stack 'dev' with configuration key 'protect' must be of type 'boolean'; Pulumi.dev.yaml sets demo:protect to yes",
            "Stack 'dev' with configuration key 'tokenDurationSeconds' must be of type 'integer'; Pulumi.dev.yaml sets demo:tokenDurationSeconds to an hour",
            "Stack 'dev' with configuration key 'upstreams' must be of type 'array<string>'; Pulumi.dev.yaml sets demo:upstreams to public:npmjs",
        ]);
    });

    it("refuses a declared key with no default and no stack value, saying how to set it", () => {
        const dir = project({ dev: "config: {}\n" });
        const [problem] = problemsOf(() => loadStackConfig(dir, "dev"));
        expect(problem).to.match(/^Stack 'dev' is missing configuration value 'domainName': pulumi config set demo:domainName <value>/);
    });

    it("refuses a project key Pulumi.yaml does not declare, suggesting the nearest declared key, as the CLI refuses it", () => {
        const dir = project({ dev: "config:\n  demo:domainName: store\n  demo:domianName: typo\n  DomainName: case\n  demo:protection: false\n  demo:zzz: 1\n" });
        expect(problemsOf(() => loadStackConfig(dir, "dev"))).to.deep.equal([
            "Stack 'dev' uses configuration value 'demo:domianName' which is not defined by the project configuration; did you mean 'demo:domainName'?",
            "Stack 'dev' uses configuration value 'demo:DomainName' which is not defined by the project configuration; did you mean 'demo:domainName'?",
            "Stack 'dev' uses configuration value 'demo:protection' which is not defined by the project configuration; did you mean 'demo:protect'?",
            "Stack 'dev' uses configuration value 'demo:zzz' which is not defined by the project configuration",
        ]);
    });

    it("leaves keys of other namespaces to their providers, and projects that declare none of their own keys unchecked", () => {
        const dir = project({ dev: "config:\n  demo:domainName: store\n  aws:region: eu-west-1\n  aws-native:region: eu-west-1\n  aws:skipMetadataApiCheck: true\n" });
        expect(loadStackConfig(dir, "dev").config).to.include({ "aws-native:region": "eu-west-1", "aws:skipMetadataApiCheck": "true" });
        const undeclared = project({ dev: "config:\n  demo:anything: goes\n" }, "name: demo\nruntime: nodejs\n");
        expect(loadStackConfig(undeclared, "dev").config).to.deep.equal({ "demo:anything": "goes" });
        const providerOnly = project({ dev: "config:\n  demo:anything: goes\n" }, "name: demo\nruntime: nodejs\nconfig:\n  aws:region: us-east-1\n");
        expect(loadStackConfig(providerOnly, "dev").config).to.deep.equal({ "aws:region": "us-east-1", "demo:anything": "goes" });
    });

    it("runs a stack without a stack file, as the CLI does, on Pulumi.yaml's config and --config, with a note naming the stacks there are", () => {
        const dir = project({ dev: "config: {}\n", prod: "config: {}\n" }, "name: demo\nruntime: nodejs\nconfig:\n  aws:region: eu-west-1\n  size:\n    default: 2\n");
        const { config, warnings } = loadStackConfig(dir, "staging", { "aws:region": "us-east-2" });
        expect(config).to.deep.equal({ "aws:region": "us-east-2", "demo:size": "2" });
        expect(warnings).to.deep.equal([
            "no stack file Pulumi.staging.yaml: stack 'staging' runs with no stack config, as the CLI runs a stack without one (only Pulumi.yaml's config and --config KEY=VALUE); this project has stack files for: dev, prod",
        ]);
        expect(loadStackConfig(dir, "staging").config["aws:region"]).to.equal("eu-west-1"); // project-level values apply
        const required = project({}, "name: demo\nruntime: nodejs\nconfig:\n  domainName:\n    type: string\n");
        const problems = problemsOf(() => loadStackConfig(required, "dev"));
        expect(problems[0]).to.match(/missing configuration value 'domainName'.*or pass --config domainName=VALUE to this check/);
        expect(problems[1]).to.match(/^no stack file Pulumi\.dev\.yaml: stack 'dev' runs with no stack config/);
    });

    it("names an unrendered template's project (name: ${PROJECT}) after its folder, as pulumi new would, and says so", () => {
        const dir = project({}, "name: ${PROJECT}\ndescription: ${DESCRIPTION}\nruntime: nodejs\nconfig:\n  size:\n    default: 2\n");
        const stack = loadStackConfig(dir, "dev");
        const folder = path.basename(dir);
        expect(stack.project).to.equal(folder);
        expect(stack.config).to.deep.equal({ [`${folder}:size`]: "2" });
        expect(stack.tags).to.deep.equal({ "pulumi:project": folder, "pulumi:runtime": "nodejs" });
        expect(stack.warnings[0]).to.equal(`Pulumi.yaml is an unrendered template (name: \${PROJECT}): the check names the project '${folder}' after its folder, as pulumi new would; set 'name' there before pulumi preview, which refuses it`);
    });

    it("keeps template defaults out of the stack's config (the CLI applies them only in pulumi new) but offers them as hints", () => {
        const dir = project({}, "name: demo\nruntime: nodejs\ntemplate:\n  config:\n    aws:region:\n      description: region\n      default: us-west-2\n");
        const stack = loadStackConfig(dir, "dev");
        expect(stack.config).to.deep.equal({});
        expect(stack.templateDefaults).to.deep.equal({ "aws:region": "us-west-2" });
    });

    it("refuses project declarations the CLI refuses: a typed provider key, an array without items", () => {
        const dir = project({ dev: "config: {}\n" }, "name: demo\nruntime: nodejs\nconfig:\n  aws:region:\n    type: string\n  list:\n    type: array\n");
        const problems = problemsOf(() => loadStackConfig(dir, "dev"));
        expect(problems[0]).to.include("Configuration key 'aws:region' is not namespaced by the project and should not define a type");
        expect(problems[1]).to.include("The configuration key 'list' declares an array but does not specify the underlying type via the 'items' attribute");
    });

    it("says plainly that a secure: value cannot be decrypted offline, and gives the program a placeholder marked secret", () => {
        const dir = project({ dev: "config:\n  demo:domainName: store\n  demo:untyped:\n    secure: v1:abc\n" });
        const { config, secretKeys, warnings } = loadStackConfig(dir, "dev");
        expect(config["demo:untyped"]).to.equal(SECRET_PLACEHOLDER);
        expect(secretKeys).to.deep.equal(["demo:untyped"]);
        expect(warnings.join("\n")).to.match(/demo:untyped is encrypted \(secure:\).*offline check does not have/);
    });
});
