// Restricts a validation or remediation to some resource types, the way @pulumi/policy's
// `validateResourceOfType` does, but by type token (see resourceTypes.ts for why).
import { ResourceRemediation, ResourceValidation, ResourceValidationArgs, ReportViolation } from "@pulumi/policy";

type TypedFunction = { __pulumiType?: string };

function notApplicableUnless(types: readonly string[], args: ResourceValidationArgs): void {
    if (!types.includes(args.type)) args.notApplicable(`applies only to ${types.join(", ")}`);
}

/** A validation that runs only for the given types and reports "not applicable" for the others. */
export function validateTypes(
    types: readonly string[],
    validate: (args: ResourceValidationArgs, reportViolation: ReportViolation) => Promise<void> | void,
): ResourceValidation {
    const fn: ResourceValidation & TypedFunction = (args, reportViolation) => {
        notApplicableUnless(types, args);
        return validate(args, reportViolation);
    };
    // With a single type the engine skips the call altogether for other types (its fast path).
    if (types.length === 1) fn.__pulumiType = types[0];
    return fn;
}

/** A remediation that runs only for the given types. */
export function remediateTypes(types: readonly string[], remediate: ResourceRemediation): ResourceRemediation {
    const fn: ResourceRemediation & TypedFunction = (args) => {
        notApplicableUnless(types, args);
        return remediate(args);
    };
    if (types.length === 1) fn.__pulumiType = types[0];
    return fn;
}
