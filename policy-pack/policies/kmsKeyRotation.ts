// kms-key-rotation: customer-managed symmetric encryption keys rotate their key material
// automatically. The key encrypts every package of the CodeArtifact domain; rotation limits how much
// data one key version protects and how long a leaked version stays useful. KMS leaves rotation off
// unless asked (`enableKeyRotation` defaults to false).
//
// KMS rotates automatically only symmetric encryption keys whose material it generated: asymmetric
// and HMAC keys, and keys in a custom key store, cannot rotate, so the policy does not apply to them.
// Those properties are read only when rotation is off: a key with rotation on passes whatever they are.
import { validateTypes } from "../appliesTo";
import { resourceTypes } from "../resourceTypes";
import { describeValue } from "../resourceProps";
import { PackResourcePolicy } from "./packPolicy";

interface Config {
    /** Longest rotation period allowed, in days; unset = any period KMS accepts. */
    maxRotationPeriodInDays?: number;
}

/** The rotation period KMS uses when `rotationPeriodInDays` is not set. */
const kmsDefaultRotationDays = 365;

export const kmsKeyRotation: PackResourcePolicy = {
    name: "kms-key-rotation",
    description: "Every symmetric encryption KMS key has automatic key rotation enabled.",
    rationale: "Rotation limits how much data one key version protects.",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps: [
        "Set `enableKeyRotation: true` on the aws.kms.Key (KMS then rotates the key material every",
        `rotationPeriodInDays, ${kmsDefaultRotationDays} by default, keeping old versions to decrypt existing data).`,
        "When the policy's maxRotationPeriodInDays config is set, also set rotationPeriodInDays (90-2560) at or below it.",
    ].join(" "),
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",
    configSchema: {
        properties: {
            maxRotationPeriodInDays: {
                type: "integer",
                minimum: 90,
                maximum: 2560,
                description: "Longest allowed rotationPeriodInDays (KMS accepts 90-2560; an unset period means 365). Unset: no limit.",
            },
        },
    },
    validateResource: validateTypes([resourceTypes.kmsKey], (args, reportViolation) => {
        const props = args.props;
        const rotation: unknown = props.enableKeyRotation;
        if (rotation === true) {
            const max = args.getConfig<Config>().maxRotationPeriodInDays;
            if (max === undefined) return;
            const period: unknown = props.rotationPeriodInDays;
            if (period === undefined || period === null) {
                if (kmsDefaultRotationDays > max) {
                    reportViolation(
                        `rotationPeriodInDays is absent, so KMS rotates every ${kmsDefaultRotationDays} days; expected at most ${max} (config maxRotationPeriodInDays): set rotationPeriodInDays.`,
                    );
                }
                return;
            }
            if (typeof period !== "number" || !Number.isInteger(period)) {
                return reportViolation(`rotationPeriodInDays is ${describeValue(period)}; expected a whole number of days from 90 to ${max}.`);
            }
            if (period > max) {
                reportViolation(`rotationPeriodInDays is ${period}; expected at most ${max} (config maxRotationPeriodInDays).`);
            }
            return;
        }
        const cannotRotate = whyRotationIsUnsupported(props);
        if (cannotRotate) return args.notApplicable(cannotRotate);
        const found = rotation === undefined ? "absent (KMS defaults to false)" : describeValue(rotation);
        reportViolation(`enableKeyRotation is ${found}; expected true for a symmetric encryption key: set enableKeyRotation: true.`);
    }),
};

/** Why KMS cannot rotate this key automatically, or undefined when it can. */
function whyRotationIsUnsupported(props: Record<string, unknown>): string | undefined {
    // @pulumi/aws 7 names the spec customerMasterKeySpec; keySpec is its name in the KMS API.
    for (const key of ["customerMasterKeySpec", "keySpec"]) {
        const spec: unknown = props[key];
        if (typeof spec === "string" && spec !== "SYMMETRIC_DEFAULT") {
            return `${key} is ${describeValue(spec)}: KMS rotates only symmetric encryption keys automatically`;
        }
    }
    const usage: unknown = props.keyUsage;
    if (typeof usage === "string" && usage !== "ENCRYPT_DECRYPT") {
        return `keyUsage is ${describeValue(usage)}: KMS rotates only encryption keys (ENCRYPT_DECRYPT) automatically`;
    }
    const keyStore: unknown = props.customKeyStoreId;
    if (typeof keyStore === "string" && keyStore !== "") {
        return `customKeyStoreId is ${describeValue(keyStore)}: keys in a custom key store cannot rotate automatically`;
    }
    return undefined;
}
