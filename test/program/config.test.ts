import { expect } from "chai";
import { ConfigError, StackConfig, validateConfig } from "../../infra/config";
import { ConfigKey } from "../../infra/configKeys";
import { KNOWN_EXTERNAL_CONNECTIONS } from "../../infra/externalConnections";

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

function expectProblem(result: StackConfig | ConfigError, key: ConfigKey, value: string | undefined, rule: RegExp): void {
    expect(result, "expected a ConfigError").to.be.instanceOf(ConfigError);
    const error = result as ConfigError;
    const fullKey = `secure-packages:${key}`;
    const problem = error.problems.find((p) => p.key === fullKey && p.value === value && rule.test(p.rule));
    expect(problem, `no ${fullKey} problem for ${JSON.stringify(value)} matching ${rule} in:\n${error.message}`).to.exist;
    // The message names the key, quotes the value given, and states the rule.
    expect(error.message).to.include(fullKey);
    if (value !== undefined) expect(error.message).to.include(JSON.stringify(value));
    expect(error.message).to.include(problem!.rule);
}

const long = (length: number, char = "a") => char.repeat(length);
const json = (value: unknown) => JSON.stringify(value);

interface RuleCase {
    key: ConfigKey;
    good: string[];
    /** [raw value, the value the problem reports (an item for item rules), the rule it breaks] */
    bad: Array<[string, string, RegExp]>;
}

/** publisherNamespaces and internalNamespaces follow one rule set: lists of FORMAT/NAMESPACE. */
const NAMESPACE_LIST_GOOD = [json(["maven/com.nextwork", "maven/com.nextwork.tools", "npm/myscope", "generic/tools", "swift/apple"]), json([]), json([`maven/${long(511)}`])];
const NAMESPACE_LIST_BAD: Array<[string, string, RegExp]> = [
    [json(["pypi/foo"]), "pypi/foo", /FORMAT one of maven, npm, generic, swift/],
    [json(["com.nextwork"]), "com.nextwork", /FORMAT\/NAMESPACE/],
    [json(["maven/com.*"]), "maven/com.*", /no wildcards/],
    [json(["maven/com.nextwork/*"]), "maven/com.nextwork/*", /NAMESPACE matching/],
    [json(["maven/"]), "maven/", /NAMESPACE matching/],
    [json(["npm/@scope"]), "npm/@scope", /NAMESPACE matching/],
    [json([`maven/${long(512)}`]), `maven/${long(512)}`, /package group pattern \(521 characters .* at most 520\)/],
    [json(["maven/a", "maven/a"]), "maven/a", /more than once/],
    ["maven/com.nextwork", "maven/com.nextwork", /must be a list of strings/],
];

const RULES: RuleCase[] = [
    {
        key: "domainName",
        good: ["nextwork", "ab", `a${long(48, "b")}9`],
        bad: [
            ["Nextwork", "Nextwork", /must match/],
            ["a", "a", /2-50 characters/],
            [long(51), long(51), /must match/],
            ["1abc", "1abc", /must match/],
            ["abc-", "abc-", /must match/],
        ],
    },
    {
        key: "repositoryName",
        good: ["nextwork-packages", "A1", "my.repo_x", `r${long(99)}`],
        bad: [
            ["-x", "-x", /must match/],
            ["a", "a", /2-100 characters/],
            [`r${long(100)}`, `r${long(100)}`, /must match/],
            ["maven-central-store", "maven-central-store", /must differ from the store repositories .*maven-central-store/],
        ],
    },
    {
        key: "upstreams",
        good: [json(["public:maven-central", "public:npmjs"]), json([]), json(["public:pypi"])],
        bad: [
            [json(["public:maven-centrl"]), "public:maven-centrl", /known external connection.*public:maven-central/],
            [json(["public:npmjs", "public:npmjs"]), "public:npmjs", /more than once/],
            ["public:maven-central", "public:maven-central", /list of strings/],
            [json([1]), json([1]), /list of strings/],
            [json({ a: "b" }), json({ a: "b" }), /list of strings/],
        ],
    },
    {
        key: "instanceType",
        good: ["t3.micro", "t4g.small", "m7gd.xlarge", "g4dn.xlarge", "u-6tb1.metal", "a1.large", "m7i-flex.large"],
        bad: [
            ["mac2.metal", "mac2.metal", /must be a type Amazon Linux 2023 runs on \(Mac instances run macOS/],
            ["mac2-m2pro.metal", "mac2-m2pro.metal", /Amazon Linux 2023/],
            ["t3", "t3", /instance type/],
            ["T3.micro", "T3.micro", /instance type/],
            ["micro.large", "micro.large", /instance type/],
            ["t3.", "t3.", /instance type/],
        ],
    },
    {
        key: "subnetId",
        good: ["", "subnet-0123abcd", "subnet-0123456789abcdef0"],
        bad: [
            ["subnet-123", "subnet-123", /subnet id/],
            ["sg-0123abcd", "sg-0123abcd", /subnet id/],
            ["subnet-0123ABCD", "subnet-0123ABCD", /subnet id/],
        ],
    },
    { key: "sessionManager", good: ["true", "false"], bad: [["yes", "yes", /true or false/], ["True", "True", /true or false/], ["1", "1", /true or false/]] },
    { key: "protect", good: ["true", "false"], bad: [["no", "no", /true or false/], ["", "", /true or false/]] },
    {
        key: "tags",
        good: [json(["team=platform", "cost-center=42"]), json(["empty="]), json(["url=a=b"]), json([`${long(128, "k")}=${long(256, "v")}`])],
        bad: [
            [json(["noequals"]), "noequals", /Key=Value/],
            [json(["=v"]), "=v", /key of 1-128/],
            [json([`${long(129, "k")}=v`]), `${long(129, "k")}=v`, /key of 1-128/],
            [json(["aws:owner=me"]), "aws:owner=me", /aws:/],
            [json(["AWS:owner=me"]), "AWS:owner=me", /aws:/],
            [json([`k=${long(257, "v")}`]), `k=${long(257, "v")}`, /at most 256/],
            [json(["a=1", "a=2"]), "a=2", /more than once/],
        ],
    },
    {
        key: "readerOrganizationId",
        good: ["", "o-abcdefghij", `o-${long(32, "z")}`],
        bad: [
            ["o-short", "o-short", /Organization id/],
            ["r-abcdefghij", "r-abcdefghij", /Organization id/],
            ["o-ABCDEFGHIJ", "o-ABCDEFGHIJ", /Organization id/],
        ],
    },
    {
        key: "readerAccountIds",
        good: [json(["111122223333"]), json(["111122223333", "444455556666"]), json([])],
        bad: [
            [json(["11112222333"]), "11112222333", /12-digit/],
            [json(["abcdabcdabcd"]), "abcdabcdabcd", /12-digit/],
            [json(["111122223333", "111122223333"]), "111122223333", /more than once/],
        ],
    },
    { key: "publisherNamespaces", good: NAMESPACE_LIST_GOOD, bad: NAMESPACE_LIST_BAD },
    { key: "internalNamespaces", good: NAMESPACE_LIST_GOOD, bad: NAMESPACE_LIST_BAD },
    {
        key: "publisherRoleName",
        good: ["", "team-publisher", "a+=,.@_-"],
        bad: [
            [long(65), long(65), /IAM role name/],
            ["has space", "has space", /IAM role name/],
            ["path/name", "path/name", /IAM role name/],
        ],
    },
    {
        key: "publisherTrustedPrincipalArns",
        good: [json(["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/ci/deployer", "arn:aws-us-gov:iam::111122223333:role/x"])],
        bad: [
            [json(["arn:aws:iam::111122223333:user/bob"]), "arn:aws:iam::111122223333:user/bob", /account root or role ARN/],
            [json(["arn:aws:iam::1111:root"]), "arn:aws:iam::1111:root", /account root or role ARN/],
            [json(["*"]), "*", /account root or role ARN/],
        ],
    },
    {
        key: "tokenDurationSeconds",
        good: ["900", "3600", "43200"],
        bad: [
            ["899", "899", /integer from 900 to 43200/],
            ["43201", "43201", /integer from 900 to 43200/],
            ["3600.5", "3600.5", /integer/],
            ["abc", "abc", /integer/],
            ["", "", /integer/],
        ],
    },
];

describe("configuration", () => {
    describe("rules, one key at a time", () => {
        for (const rule of RULES) {
            describe(rule.key, () => {
                for (const good of rule.good) {
                    it(`accepts ${JSON.stringify(good).slice(0, 60)}`, () => {
                        const result = validate({ [rule.key]: good });
                        expect(result, result instanceof Error ? result.message : "").not.to.be.instanceOf(ConfigError);
                    });
                }
                for (const [raw, reported, ruleText] of rule.bad) {
                    it(`rejects ${JSON.stringify(raw).slice(0, 60)}`, () => {
                        expectProblem(validate({ [rule.key]: raw }), rule.key, reported, ruleText);
                    });
                }
            });
        }
    });

    it("requires domainName and repositoryName", () => {
        const result = validate({ domainName: undefined, repositoryName: undefined });
        expectProblem(result, "domainName", undefined, /is required: pulumi config set secure-packages:domainName/);
        expectProblem(result, "repositoryName", undefined, /is required/);
    });

    it("rejects a repository named like a store of a configured upstream, and only then", () => {
        expect(validate({ upstreams: json(["public:npmjs"]), repositoryName: "maven-central-store" })).not.to.be.instanceOf(ConfigError);
        expectProblem(validate({ upstreams: json(["public:npmjs"]), repositoryName: "npmjs-store" }), "repositoryName", "npmjs-store", /npmjs-store/);
    });

    it("rejects more than 10 upstreams", () => {
        const eleven = [...KNOWN_EXTERNAL_CONNECTIONS, "public:pypi"];
        expect(eleven).to.have.length(11);
        expectProblem(validate({ upstreams: json(eleven) }), "upstreams", json(eleven), /at most 10/);
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

    it("applies the documented defaults", () => {
        expect(validateConfig(REQUIRED)).to.deep.equal({
            domainName: "nextwork",
            repositoryName: "nextwork-packages",
            upstreams: ["public:maven-central"],
            instanceType: "t3.micro",
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
            subnetId: "subnet-0123abcd",
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
