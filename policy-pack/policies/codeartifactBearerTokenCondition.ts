// codeartifact-bearer-token-condition: an allowed sts:GetServiceBearerToken is confined to CodeArtifact
// by its condition (see iam/bearerToken.ts for why that condition is the only thing that confines it).
import { validateTypes } from "../appliesTo";
import { grantsOf } from "../iam/actions";
import { bearerTokenConditionProblem } from "../iam/bearerToken";
import { documentHolderTypes, readDocuments } from "../iam/documentSources";
import { PackResourcePolicy } from "./packPolicy";

export const codeartifactBearerTokenCondition: PackResourcePolicy = {
    name: "codeartifact-bearer-token-condition",
    description: 'An allowed sts:GetServiceBearerToken carries the condition StringEquals sts:AWSServiceName = "codeartifact.amazonaws.com" and nothing broader.',
    rationale: "The bearer token takes no resource; only the condition keeps it to CodeArtifact.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Add `"Condition": {"StringEquals": {"sts:AWSServiceName": "codeartifact.amazonaws.com"}}` to the statement that allows sts:GetServiceBearerToken, with that single value, and no IfExists or ForAnyValue variant.',
    url: "https://docs.aws.amazon.com/codeartifact/latest/ug/tokens-authentication.html",
    validateResource: validateTypes(documentHolderTypes, async (args, reportViolation) => {
        for (const { ref, document } of readDocuments(args.type, args.props, reportViolation)) {
            for (const { statement, actions } of await grantsOf(document.statements, "sts")) {
                if (!actions.some((a) => a.name === "GetServiceBearerToken")) continue;
                const problem = bearerTokenConditionProblem(statement);
                if (problem) reportViolation(`${ref.path} ${statement.label} allows sts:GetServiceBearerToken ${problem}.`);
            }
        }
    }),
};
