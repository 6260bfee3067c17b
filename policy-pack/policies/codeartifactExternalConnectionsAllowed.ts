// codeartifact-external-connections-allowed: a CodeArtifact repository connects only to the public
// package sources the platform team has approved. An external connection pulls any package anyone
// publishes there into the domain on first request; every extra source is another registry where
// an attacker can publish a look-alike or dependency-confusion package that builds then resolve.
// A repository without an external connection is always fine.
import { validateTypes } from "../appliesTo";
import { resourceTypes } from "../resourceTypes";
import { describeValue, singleBlock } from "../resourceProps";
import { PackResourcePolicy } from "./packPolicy";

interface Config {
    allowedExternalConnections: string[];
}

const defaultAllowed = ["public:maven-central"];

export const codeartifactExternalConnectionsAllowed: PackResourcePolicy = {
    name: "codeartifact-external-connections-allowed",
    description: "A CodeArtifact repository's external connection is one of the approved public sources.",
    rationale: "An external connection decides which public registry packages flow in from.",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: [
        "Remove the repository's externalConnections, or set externalConnections.externalConnectionName to an",
        "approved source (config allowedExternalConnections, default public:maven-central). To approve another",
        "source, add its name (e.g. public:npmjs) to allowedExternalConnections in the policy pack config, and give",
        "it its own store repository: a repository has at most one external connection.",
    ].join(" "),
    url: "https://docs.aws.amazon.com/codeartifact/latest/ug/external-connection.html",
    configSchema: {
        properties: {
            allowedExternalConnections: {
                type: "array",
                items: { type: "string", pattern: "^public:[a-z0-9.-]+$" },
                uniqueItems: true,
                default: defaultAllowed,
                description: "External connection names a repository may use, e.g. public:maven-central, public:npmjs.",
            },
        },
    },
    validateResource: validateTypes([resourceTypes.codeartifactRepository], (args, reportViolation) => {
        const allowed = args.getConfig<Partial<Config>>().allowedExternalConnections ?? defaultAllowed;
        const connection = singleBlock(args.props, "externalConnections");
        if (connection.kind === "absent") return;
        if (connection.kind === "malformed") {
            return reportViolation(`externalConnections is ${connection.found}; expected one object { externalConnectionName: "..." }.`);
        }
        const name: unknown = connection.block.externalConnectionName;
        const where = `${connection.path}.externalConnectionName`;
        const allowedText = allowed.length === 0 ? "none are allowed" : `allowed: ${allowed.map((a) => JSON.stringify(a)).join(", ")}`;
        if (typeof name !== "string") {
            return reportViolation(`${where} is ${describeValue(name)}; expected the name of an approved source (${allowedText}, config allowedExternalConnections).`);
        }
        if (!allowed.includes(name)) {
            reportViolation(`${where} is ${describeValue(name)}, which is not approved (${allowedText}, config allowedExternalConnections).`);
        }
    }),
};
