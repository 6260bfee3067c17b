// codeartifact-data-protected: CodeArtifact domains and repositories carry Pulumi's `protect`
// option. Deleting a domain or repository deletes every package in it, with no undo; in Pulumi a
// deletion can come from `pulumi destroy`, a removed line of code, or a replacement triggered by a
// change to an immutable property (a domain's name or key). `protect` makes the engine refuse all of
// these until someone deliberately unprotects the resource.
//
// The policy reads only the resource options, never the props, so preview unknowns never stop it.
import { validateTypes } from "../appliesTo";
import { resourceTypes } from "../resourceTypes";
import { PackResourcePolicy } from "./packPolicy";

const kinds: Record<string, string> = {
    [resourceTypes.codeartifactDomain]: "domain",
    [resourceTypes.codeartifactRepository]: "repository",
};

export const codeartifactDataProtected: PackResourcePolicy = {
    name: "codeartifact-data-protected",
    description: "CodeArtifact domains and repositories are registered with `protect: true`: deleting one deletes every package in it.",
    rationale: "Deleting a domain or repository deletes every package.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: [
        "Register the aws.codeartifact.Domain and aws.codeartifact.Repository with the resource option `protect: true`.",
        "In this program that is the stack config `secure-packages:protect` (default true): remove `secure-packages:protect: false`",
        "from Pulumi.<stack>.yaml. To retire a domain on purpose, run `pulumi state unprotect <urn>` before `pulumi destroy`;",
        "for a throwaway stack, set this policy to advisory in its policy pack config instead of unprotecting in code.",
    ].join(" "),
    url: "https://www.pulumi.com/docs/iac/concepts/options/protect/",
    validateResource: validateTypes(Object.keys(kinds), (args, reportViolation) => {
        if (args.opts.protect === true) return;
        reportViolation(
            `the resource option protect is ${String(args.opts.protect)}: deleting this CodeArtifact ${kinds[args.type]} ` +
                "deletes every package in it, with no undo (a `pulumi destroy`, a removed resource or a replacement is enough). " +
                "Register it with `protect: true` (stack config `secure-packages:protect: true`).",
        );
    }),
};
