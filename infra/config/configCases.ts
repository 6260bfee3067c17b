// Values each config key accepts and refuses, and the rule each refusal states: the table the tests
// walk (test/program/config.test.ts through validateConfig, test/program/badConfig.test.ts through the
// offline check, as a user meets them). Keyed by ConfigKey, so a key added to configKeys.ts without a
// row here does not compile, and a row without bad values fails the tests. Adding a key: one row.

import { ConfigKey } from "./configKeys";
import { KNOWN_EXTERNAL_CONNECTIONS } from "./externalConnections";

/** A value as a stack file sets it (Pulumi.<stack>.yaml): a scalar, or a list. */
export type StackFileValue = string | number | boolean | ReadonlyArray<string | number> | Readonly<Record<string, string>>;

/**
 * The value is of another type than Pulumi.yaml declares: the CLI refuses it before the program runs
 * ("must be of type 'boolean'"); the program refuses it too, in its own words, when it gets there.
 */
export const WRONG_TYPE = "wrong type";

/** A bad value and what the error must say about it: the rule it breaks, or that its type is wrong. */
export type BadValue = [value: StackFileValue, rule: RegExp | typeof WRONG_TYPE];

export interface ConfigCases {
    good: StackFileValue[];
    bad: BadValue[];
}

const long = (length: number, char = "a") => char.repeat(length);

/** publisherNamespaces and internalNamespaces follow one rule set: lists of FORMAT/NAMESPACE. */
const NAMESPACE_LIST_CASES: ConfigCases = {
    good: [["maven/com.nextwork", "maven/com.nextwork.tools", "npm/myscope", "generic/tools", "swift/apple"], [], [`maven/${long(511)}`]],
    bad: [
        [["pypi/foo"], /FORMAT one of maven, npm, generic, swift/],
        [["com.nextwork"], /must be FORMAT\/NAMESPACE/],
        [[""], /must be FORMAT\/NAMESPACE/],
        [["maven/com.*"], /no wildcards/],
        [["maven/com.nextwork/*"], /NAMESPACE matching/],
        [["maven/"], /NAMESPACE matching/],
        [["npm/@scope"], /NAMESPACE matching/],
        [[`maven/${long(512)}`], /package group pattern \(521 characters .* at most 520\)/],
        [["maven/a", "maven/a"], /listed more than once/],
        ["maven/com.nextwork", WRONG_TYPE],
    ],
};

export const CONFIG_CASES: Record<ConfigKey, ConfigCases> = {
    domainName: {
        good: ["nextwork", "ab", `a${long(48, "b")}9`],
        bad: [
            ["Nextwork", /2-50 characters: lowercase letters/],
            ["", /2-50 characters/],
            ["a", /2-50 characters/],
            [long(51), /2-50 characters/],
            ["1abc", /starting with a letter/],
            ["abc-", /not ending with a hyphen/],
            [["nextwork"], WRONG_TYPE],
        ],
    },
    repositoryName: {
        good: ["nextwork-packages", "A1", "my.repo_x", `r${long(99)}`],
        bad: [
            ["-x", /2-100 characters: letters, digits/],
            ["", /2-100 characters/],
            ["a", /2-100 characters/],
            [`r${long(100)}`, /2-100 characters/],
            ["maven-central-store", /must differ from the store repositories .*maven-central-store/],
        ],
    },
    upstreams: {
        good: [["public:maven-central", "public:npmjs"], [], ["public:pypi"]],
        bad: [
            [["public:maven-centrl"], /known external connection.*public:maven-central/],
            [[""], /known external connection/],
            [["public:npmjs", "public:npmjs"], /listed more than once/],
            [[...KNOWN_EXTERNAL_CONNECTIONS, "public:pypi"], /at most 10/],
            ["public:maven-central", WRONG_TYPE],
            [[1], WRONG_TYPE],
            [{ a: "b" }, WRONG_TYPE],
        ],
    },
    instanceType: {
        good: ["t3.micro", "t4g.small", "m7gd.xlarge", "g4dn.xlarge", "u-6tb1.metal", "a1.large", "m7i-flex.large"],
        bad: [
            ["mac2.metal", /must be a type Amazon Linux 2023 runs on \(Mac instances run macOS/],
            ["mac2-m2pro.metal", /Amazon Linux 2023/],
            ["t3", /an EC2 instance type/],
            ["", /an EC2 instance type/],
            ["T3.micro", /an EC2 instance type/],
            ["micro.large", /an EC2 instance type/],
            ["t3.", /an EC2 instance type/],
        ],
    },
    network: {
        good: ["private", "default-vpc"],
        bad: [
            ["public", /must be one of private, default-vpc, subnet/],
            ["Private", /must be one of private, default-vpc, subnet/],
            ["", /must be one of private, default-vpc, subnet/],
            [["private"], WRONG_TYPE],
        ],
    },
    // Walked one key at a time, so with the default network (private): a subnet id is refused there. The
    // subnet-id pattern itself (with network: subnet) is in test/program/config.test.ts.
    subnetId: {
        good: [""],
        bad: [
            ["subnet-0123abcd", /must be empty with network: private/],
            ["subnet-0123456789abcdef0", /must be empty with network: private/],
            [["subnet-0123abcd"], WRONG_TYPE],
        ],
    },
    sessionManager: {
        good: [true, false, "true", "false"],
        bad: [["yes", WRONG_TYPE], ["True", WRONG_TYPE], ["1", WRONG_TYPE], ["", WRONG_TYPE]],
    },
    protect: {
        good: [true, false],
        bad: [["no", WRONG_TYPE], ["", WRONG_TYPE], [["true"], WRONG_TYPE]],
    },
    tags: {
        good: [["team=platform", "cost-center=42"], ["empty="], ["url=a=b"], [`${long(128, "k")}=${long(256, "v")}`]],
        bad: [
            [["noequals"], /must be Key=Value/],
            [[""], /must be Key=Value/],
            [["=v"], /key of 1-128 characters/],
            [[`${long(129, "k")}=v`], /key of 1-128 characters/],
            [["aws:owner=me"], /must not use a key starting with aws:/],
            [["AWS:owner=me"], /must not use a key starting with aws:/],
            [[`k=${long(257, "v")}`], /value of at most 256 characters/],
            [["a=1", "a=2"], /listed more than once/],
            ["team=platform", WRONG_TYPE],
        ],
    },
    readerOrganizationId: {
        good: ["", "o-abcdefghij", `o-${long(32, "z")}`],
        bad: [
            ["o-short", /an AWS Organization id/],
            ["r-abcdefghij", /an AWS Organization id/],
            ["o-ABCDEFGHIJ", /an AWS Organization id/],
            [`o-${long(33, "z")}`, /an AWS Organization id/],
        ],
    },
    readerAccountIds: {
        good: [["111122223333"], ["111122223333", "444455556666"], []],
        bad: [
            [["11112222333"], /a 12-digit AWS account id/],
            [["1111222233334"], /a 12-digit AWS account id/],
            [["abcdabcdabcd"], /a 12-digit AWS account id/],
            [[""], /a 12-digit AWS account id/],
            [["111122223333", "111122223333"], /listed more than once/],
            ["111122223333", WRONG_TYPE],
            [[111122223333], WRONG_TYPE],
        ],
    },
    publisherNamespaces: NAMESPACE_LIST_CASES,
    internalNamespaces: NAMESPACE_LIST_CASES,
    publisherRoleName: {
        good: ["", "team-publisher", "a+=,.@_-"],
        bad: [
            [long(65), /an IAM role name/],
            ["has space", /an IAM role name/],
            ["path/name", /an IAM role name/],
        ],
    },
    permissionsBoundaryPolicy: {
        good: ["", "nextwork-dev-boundary", "a+=,.@_-"],
        bad: [
            [long(129), /an IAM policy name \(not an ARN\)/],
            ["arn:aws:iam::111122223333:policy/boundary", /an IAM policy name \(not an ARN\)/],
            ["has space", /an IAM policy name/],
            [["boundary"], WRONG_TYPE],
        ],
    },
    publisherTrustedPrincipalArns: {
        good: [["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/ci/deployer", "arn:aws-us-gov:iam::111122223333:role/x"], []],
        bad: [
            [["arn:aws:iam::111122223333:user/bob"], /an IAM account root or role ARN/],
            [["arn:aws:iam::1111:root"], /an IAM account root or role ARN/],
            [["*"], /an IAM account root or role ARN/],
            [[""], /an IAM account root or role ARN/],
            ["arn:aws:iam::111122223333:root", WRONG_TYPE],
        ],
    },
    tokenDurationSeconds: {
        good: [900, 3600, 43200, "3600"],
        bad: [
            [899, /an integer from 900 to 43200/],
            [43201, /an integer from 900 to 43200/],
            [-3600, /an integer from 900 to 43200/],
            [3600.5, WRONG_TYPE],
            ["abc", WRONG_TYPE],
            ["", WRONG_TYPE],
            [true, WRONG_TYPE],
        ],
    },
};
