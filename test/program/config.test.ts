import { expect } from "chai";
import { ConfigError, StackConfig, validateConfig } from "../../infra/config/config";
import { CONFIG_CASES, ConfigCases, StackFileValue, WRONG_TYPE } from "../../infra/config/configCases";
import { ConfigKey } from "../../infra/config/configKeys";

const REQUIRED = { domainName: "nextwork", repositoryName: "nextwork-packages" };

/** Validates the required keys plus `overrides`; returns the config or the ConfigError. */
function validate(overrides: Record<string, string | undefined>): StackConfig | ConfigError {
    try {
        return validateConfig({ ...REQUIRED, ...overrides });
    } catch (error) {
        if (error instanceof ConfigError) return error;
        throw error; // anything else is a crash, which bad input must never cause
    }
}

/** The error has a problem on `key` whose value is one of `values` and whose rule matches `rule`. */
function expectProblem(result: StackConfig | ConfigError, key: ConfigKey, values: Array<string | undefined>, rule: RegExp): void {
    expect(result, "expected a ConfigError").to.be.instanceOf(ConfigError);
    const error = result as ConfigError;
    const fullKey = `secure-packages:${key}`;
    const problem = error.problems.find((p) => p.key === fullKey && values.includes(p.value) && rule.test(p.rule));
    expect(problem, `no ${fullKey} problem for ${JSON.stringify(values)} matching ${rule} in:\n${error.message}`).not.to.equal(undefined);
    // The message names the key, quotes the value given, and states the rule.
    expect(error.message).to.include(fullKey);
    if (problem!.value !== undefined) expect(error.message).to.include(JSON.stringify(problem!.value));
    expect(error.message).to.include(problem!.rule);
}

const json = (value: unknown) => JSON.stringify(value);

/** What the program receives for a stack file's value: scalars as their text, lists and maps as JSON. */
function programText(value: StackFileValue): string {
    return typeof value === "object" ? JSON.stringify(value) : String(value);
}

describe("configuration", () => {
    describe("rules, one key at a time (infra/config/configCases.ts)", () => {
        for (const [key, cases] of Object.entries(CONFIG_CASES) as Array<[ConfigKey, ConfigCases]>) {
            describe(key, () => {
                for (const good of cases.good) {
                    it(`accepts ${json(good).slice(0, 60)}`, () => {
                        const result = validate({ [key]: programText(good) });
                        expect(result, result instanceof Error ? result.message : "").not.to.be.instanceOf(ConfigError);
                    });
                }
                for (const [bad, rule] of cases.bad) {
                    it(`rejects ${json(bad).slice(0, 60)}${rule === WRONG_TYPE ? " (a wrong type, which the CLI refuses first)" : ""}`, () => {
                        const raw = programText(bad);
                        // An item rule reports the item; any other rule the whole value.
                        const reported = [raw, ...(Array.isArray(bad) ? bad.map(String) : [])];
                        expectProblem(validate({ [key]: raw }), key, reported, rule === WRONG_TYPE ? /./ : rule);
                    });
                }
            });
        }
    });

    it("requires domainName and repositoryName", () => {
        const result = validate({ domainName: undefined, repositoryName: undefined });
        expectProblem(result, "domainName", [undefined], /is required: pulumi config set secure-packages:domainName/);
        expectProblem(result, "repositoryName", [undefined], /is required/);
    });

    it("rejects a repository named like a store of a configured upstream, and only then", () => {
        expect(validate({ upstreams: json(["public:npmjs"]), repositoryName: "maven-central-store" })).not.to.be.instanceOf(ConfigError);
        expectProblem(validate({ upstreams: json(["public:npmjs"]), repositoryName: "npmjs-store" }), "repositoryName", ["npmjs-store"], /npmjs-store/);
    });

    it("reports every problem together, in one error", () => {
        const result = validate({
            domainName: "Bad_Name",
            repositoryName: undefined,
            upstreams: json(["public:nope"]),
            sessionManager: "yes",
            tags: json(["aws:x=1"]),
            readerAccountIds: json(["123"]),
            tokenDurationSeconds: "60",
        });
        expect(result).to.be.instanceOf(ConfigError);
        const error = result as ConfigError;
        expect(error.problems.map((p) => p.key)).to.have.members([
            "secure-packages:domainName",
            "secure-packages:repositoryName",
            "secure-packages:upstreams",
            "secure-packages:sessionManager",
            "secure-packages:tags",
            "secure-packages:readerAccountIds",
            "secure-packages:tokenDurationSeconds",
        ]);
        expect(error.message).to.match(/^Invalid configuration \(7 problems\)/);
        expect(error.message.split("\n").filter((line) => line.startsWith("  - "))).to.have.length(7);
        expect(error.message).to.include('secure-packages:upstreams[0] = "public:nope"');
    });

    describe("network and subnetId", () => {
        it("takes a subnet only with network: subnet, and requires it there", () => {
            expect(validateConfig({ ...REQUIRED, network: "subnet", subnetId: "subnet-0123456789abcdef0" }).network)
                .to.deep.equal({ mode: "subnet", subnetId: "subnet-0123456789abcdef0" });
            expect(validateConfig({ ...REQUIRED, network: "default-vpc", subnetId: "" }).network).to.deep.equal({ mode: "default-vpc" });
            expectProblem(validate({ network: "subnet" }), "subnetId", [undefined], /is required with network: subnet/);
            expectProblem(validate({ network: "subnet", subnetId: "" }), "subnetId", [""], /is required with network: subnet/);
            expectProblem(validate({ network: "default-vpc", subnetId: "subnet-0123abcd" }), "subnetId", ["subnet-0123abcd"], /must be empty with network: default-vpc/);
        });

        it("checks the subnet id's shape in subnet mode", () => {
            for (const bad of ["subnet-123", "sg-0123abcd", "subnet-0123ABCD"]) {
                expectProblem(validate({ network: "subnet", subnetId: bad }), "subnetId", [bad], /must match .* \(a subnet id\)/);
            }
        });

        it("reports a bad mode alone, without judging the subnet against it", () => {
            const result = validate({ network: "vpc", subnetId: "subnet-0123abcd" }) as ConfigError;
            expectProblem(result, "network", ["vpc"], /must be one of private, default-vpc, subnet/);
            expect(result.problems).to.have.length(1);
        });
    });

    it("applies the documented defaults", () => {
        expect(validateConfig(REQUIRED)).to.deep.equal({
            domainName: "nextwork",
            repositoryName: "nextwork-packages",
            upstreams: ["public:maven-central"],
            instanceType: "t3.micro",
            network: { mode: "private" },
            sessionManager: true,
            protect: true,
            tags: {},
            readers: { accountIds: [] },
            publisherNamespaces: [],
            internalNamespaces: [],
            publisherTrustedPrincipalArns: [],
            tokenDurationSeconds: 3600,
        });
    });

    it("types every value it accepts", () => {
        const config = validateConfig({
            ...REQUIRED,
            network: "subnet",
            subnetId: "subnet-0123abcd",
            sessionManager: "false",
            protect: "false",
            tags: json(["team=platform", "url=a=b"]),
            readerOrganizationId: "o-abcdefghij",
            readerAccountIds: json(["111122223333"]),
            publisherNamespaces: json(["maven/com.nextwork", "npm/web"]),
            publisherRoleName: "ci-publisher",
            publisherTrustedPrincipalArns: json(["arn:aws:iam::111122223333:role/ci"]),
            tokenDurationSeconds: "900",
        });
        expect(config).to.deep.include({
            network: { mode: "subnet", subnetId: "subnet-0123abcd" },
            sessionManager: false,
            protect: false,
            tags: { team: "platform", url: "a=b" },
            readers: { organizationId: "o-abcdefghij", accountIds: ["111122223333"] },
            publisherNamespaces: [{ format: "maven", namespace: "com.nextwork" }, { format: "npm", namespace: "web" }],
            publisherRoleName: "ci-publisher",
            publisherTrustedPrincipalArns: ["arn:aws:iam::111122223333:role/ci"],
            tokenDurationSeconds: 900,
        });
    });

    it("protects the publisher's namespaces by default, and adds internalNamespaces after them, once each", () => {
        const maven = (namespace: string) => ({ format: "maven", namespace });
        expect(validateConfig({ ...REQUIRED, publisherNamespaces: json(["maven/com.nextwork"]) }).internalNamespaces).to.deep.equal([maven("com.nextwork")]);
        const both = validateConfig({ ...REQUIRED, publisherNamespaces: json(["maven/com.nextwork"]), internalNamespaces: json(["maven/com.nextwork.tools", "maven/com.nextwork"]) });
        expect(both.internalNamespaces).to.deep.equal([maven("com.nextwork"), maven("com.nextwork.tools")]);
        expect(both.publisherNamespaces).to.deep.equal([maven("com.nextwork")]);
        expect(validateConfig({ ...REQUIRED, internalNamespaces: json(["npm/web"]) })).to.deep.include({ publisherNamespaces: [], internalNamespaces: [{ format: "npm", namespace: "web" }] });
    });

    it("accepts keys with the project namespace, as stack files spell them", () => {
        expect(validateConfig({ "secure-packages:domainName": "nextwork", "secure-packages:repositoryName": "team" }).repositoryName).to.equal("team");
    });
});
