// ec2-imdsv2-required: EC2 instances accept only IMDSv2 (session-token) metadata requests, with a
// low PUT response hop limit. Judged wherever an instance's metadata options are written: an
// Instance, a SpotInstanceRequest (same `metadataOptions` block), a LaunchTemplate and a (deprecated,
// still declared) LaunchConfiguration (same fields), so a build host launched from a template, a
// launch configuration or as a spot request does not escape.
//
// The instance role's credentials are served by the metadata service: IMDSv1 hands them to any
// request a server-side request forgery can make, and a hop limit above 1 lets containers on the
// host (an extra network hop) fetch them too. An instance with the metadata endpoint disabled has no
// credentials to steal and passes.
//
// Neither setting is left to defaults: the instance default is httpTokens "optional" (IMDSv1 on) and
// a hop limit of 1, but an AMI flagged ImdsSupport v2.0 (Amazon Linux 2023 is) sets the hop limit to
// 2, and account-level IMDS defaults can change both.
//
// An Instance or SpotInstanceRequest launched from a `launchTemplate` without metadataOptions of its
// own is still a violation: from the instance the pack cannot see which template version it gets, or
// a template outside the stack, so the instance repeats the settings, and the template is judged on
// its own. Only the presence of `launchTemplate` is looked at, never its (often unknown) id.
//
// Only `metadataOptions` is read, field by field and only as far as the judgement needs (never
// userData, ami, ...); a violation is reported before the next field is read, so a later value that
// is unknown in preview adds a "can't run" note without hiding the violation already found.
import { ResourceValidationArgs } from "@pulumi/policy";
import { remediateTypes, validateTypes } from "../appliesTo";
import { resourceTypes } from "../resourceTypes";
import { describeValue, isSet, singleBlock } from "../resourceProps";
import { PackResourcePolicy } from "./packPolicy";

interface Config {
    maxHopLimit: number;
}

const defaultMaxHopLimit = 1;

function maxHopLimitOf(args: ResourceValidationArgs): number {
    return args.getConfig<Partial<Config>>().maxHopLimit ?? defaultMaxHopLimit;
}

/** What is wrong with a hop limit and what to do, or undefined when it is within the configured maximum. */
function hopLimitProblem(hopLimit: unknown, max: number): string | undefined {
    const expected = `expected at most ${max} (config maxHopLimit)`;
    if (hopLimit === undefined || hopLimit === null) {
        return `is ${describeValue(hopLimit)}, so the AMI (2 for ImdsSupport v2.0 AMIs such as Amazon Linux 2023) or the account default decides it; ${expected}, set explicitly`;
    }
    if (typeof hopLimit !== "number" || !Number.isInteger(hopLimit) || hopLimit < 1) {
        return `is ${describeValue(hopLimit)}, not a whole number from 1 to 64; ${expected}`;
    }
    if (hopLimit > max) {
        return `is ${hopLimit}, which lets requests that crossed ${hopLimit - 1} extra hop(s), such as containers on the host, reach the credentials; ${expected}`;
    }
    return undefined;
}

/** Reads httpEndpoint once, and only when asked: IMDS is off only when it is exactly "disabled". */
function imdsEnabledCheck(options: Record<string, unknown>): () => boolean {
    let enabled: boolean | undefined;
    return () => (enabled ??= options.httpEndpoint !== "disabled");
}

/** Every resource type that carries EC2 metadata options in a `metadataOptions` block. */
const judgedTypes = [resourceTypes.ec2Instance, resourceTypes.ec2SpotInstanceRequest, resourceTypes.ec2LaunchTemplate, resourceTypes.ec2LaunchConfiguration];

export const ec2Imdsv2Required: PackResourcePolicy = {
    name: "ec2-imdsv2-required",
    description: "EC2 instances, spot instance requests, launch templates and launch configurations require IMDSv2 (metadataOptions.httpTokens \"required\") and keep the metadata hop limit at or below the configured maximum.",
    rationale:
        "IMDSv1 answers any request that reaches it (SSRF steals the role's credentials); a hop limit above 1 lets containers on the host reach them. An absent setting is judged as EC2's plain default, which allows IMDSv1 (AMIs and account settings can change it, so say it explicitly). Launch configurations (deprecated, but still declared) are judged like launch templates.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: [
        "Set `metadataOptions: { httpTokens: \"required\", httpPutResponseHopLimit: 1 }` on the aws.ec2.Instance, SpotInstanceRequest, LaunchTemplate or LaunchConfiguration",
        "(use 2, and raise this policy's maxHopLimit config, only if containers on the host must reach the instance role).",
        "An instance launched from a launch template repeats these settings itself; the template is judged on its own.",
        "Software on the instance then needs IMDSv2: AWS CLI v2 and current AWS SDKs use it already.",
        "Alternatively, set httpEndpoint: \"disabled\" if nothing on the instance needs instance metadata.",
        "With the policy's enforcement level set to remediate, the engine applies the first two settings itself.",
    ].join(" "),
    url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html",
    configSchema: {
        properties: {
            maxHopLimit: {
                type: "integer",
                minimum: 1,
                maximum: 64,
                default: defaultMaxHopLimit,
                description: "Highest allowed metadataOptions.httpPutResponseHopLimit (1 keeps containers on the host away from the credentials).",
            },
        },
    },
    validateResource: validateTypes(judgedTypes, (args, reportViolation) => {
        const max = maxHopLimitOf(args);
        const wanted = `metadataOptions { httpTokens: "required", httpPutResponseHopLimit: ${max} }`;
        const found = singleBlock(args.props, "metadataOptions");
        if (found.kind === "absent" && args.type !== resourceTypes.ec2LaunchTemplate && isSet(args.props, "launchTemplate")) {
            return reportViolation(
                `metadataOptions is absent and the instance is launched from a launchTemplate, whose settings the pack cannot see from the instance (another version of it, or a template outside the stack, may apply); repeat metadataOptions on the instance (${wanted}); the template's settings are judged on the template.`,
            );
        }
        if (found.kind === "absent") {
            return reportViolation(
                `metadataOptions is absent, so IMDS is left to the AMI and account defaults (the EC2 default, httpTokens "optional", allows IMDSv1); set ${wanted}.`,
            );
        }
        if (found.kind === "malformed") return reportViolation(`metadataOptions is ${found.found}; expected an object: set ${wanted}.`);

        const options = found.block;
        const imdsEnabled = imdsEnabledCheck(options);
        const tokens: unknown = options.httpTokens;
        if (tokens !== "required") {
            if (!imdsEnabled()) return;
            const tokensFound = tokens === undefined ? 'absent (the EC2 default "optional" allows IMDSv1)' : describeValue(tokens);
            reportViolation(`${found.path}.httpTokens is ${tokensFound}; expected "required" (IMDSv2 only).`);
        }
        const hopProblem = hopLimitProblem(options.httpPutResponseHopLimit, max);
        if (hopProblem && imdsEnabled()) {
            reportViolation(`${found.path}.httpPutResponseHopLimit ${hopProblem}.`);
        }
    }),
    // At the remediate level the engine runs this before validating: it sets what the validation
    // requires and keeps the block's other fields (and their unknown values) untouched.
    remediateResource: remediateTypes(judgedTypes, (args) => {
        const max = maxHopLimitOf(args);
        const props = args.props;
        const found = singleBlock(props, "metadataOptions");
        if (found.kind === "malformed") return undefined; // no safe fix; the validation reports it
        if (found.kind === "absent") {
            props.metadataOptions = { httpTokens: "required", httpPutResponseHopLimit: max };
            return props;
        }
        const options = found.block;
        const fixTokens = options.httpTokens !== "required";
        const fixHopLimit = hopLimitProblem(options.httpPutResponseHopLimit, max) !== undefined;
        if (!fixTokens && !fixHopLimit) return undefined;
        if (!imdsEnabledCheck(options)()) return undefined;
        // Writes pass through the unknown-checking proxy (it traps reads only) to the props; the
        // engine serializes what the returned proxy wraps, unknown sentinels and secrets included.
        if (fixTokens) options.httpTokens = "required";
        if (fixHopLimit) options.httpPutResponseHopLimit = max;
        return props;
    }),
};
