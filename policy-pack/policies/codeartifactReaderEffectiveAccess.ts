// codeartifact-reader-effective-access: what a build host can actually do is the union of everything
// that reaches its role: inline policies, role policies, attached stack policies and AWS managed
// policies. Per-resource policies judge one document at a time; this one judges the union, so an
// over-grant split across documents (or hidden in an AWS managed policy) is caught, and so is a host
// that could never pull (no token, no read on a repository of that domain, or no bearer token).
//
// Where it runs: as a stack policy, the only place that sees how documents link to roles and roles to
// instances. The engine runs stack policies after every resource: at the end of a preview, but during
// `pulumi up` only after the resources were created. Writes are therefore also refused per resource
// (codeartifact-read-only) before creation; this policy adds the union and the ability to pull.
// Build hosts get no publisher exemption: a host that can publish is not a reader. Nor may a build
// host write to any other service: whatever reaches its role, other than the AWS managed policies in
// this policy's allowedManagedPolicies (Session Manager's by default), allows only Read and List
// actions, in every service (iam-no-privileged-managed-policies lets ordinary service writes through
// for other roles; not for this one), nor read, outside those policies, every bucket, secret or
// parameter or credentials for anything (Cloudsplaining's data-exfiltration and credentials-exposure
// lists, iam/sensitiveAccess.ts).
import { PolicyResource, ReportViolation, UnknownValueError } from "@pulumi/policy";
import { resourceTypes } from "../resourceTypes";
import { describeActions, grantsOf, isReadOnly } from "../iam/actions";
import { bearerTokenConditionProblem } from "../iam/bearerToken";
import { PolicyDocument, PolicyDocumentError, Statement, readPolicyDocument } from "../iam/document";
import { allowedActions, writeLevels, writesAmong } from "../iam/documentActions";
import { otherPrincipals, trustsEc2 } from "../iam/instanceTrust";
import { describeSensitiveAccess, sensitiveAccessOf } from "../iam/sensitiveAccess";
import { RoleGrant, StackIndex, instanceRoles, roleAccess } from "../iam/roleAccess";
import { matchesWildcard } from "../iam/wildcard";
import { PackStackPolicy } from "./packPolicy";

interface Config {
    instanceNames: string[];
    allowedManagedPolicies: string[];
}

export const codeartifactReaderEffectiveAccess: PackStackPolicy = {
    name: "codeartifact-reader-effective-access",
    description:
        "Everything that reaches an EC2 instance's role is, together, read-only (in every service, but for allowed managed policies) and enough to pull: a token on a domain, read on a repository of it, and the conditioned bearer token.",
    rationale:
        "Per-resource policies see one document at a time; an over-grant split across documents, or hidden in an AWS managed policy, only shows in the union; and a host that cannot get a token, read a repository of that domain, or get the conditioned bearer token cannot build. A build host also writes to no other service: every document reaching its role, but the AWS managed policies in `allowedManagedPolicies` (Session Manager's, whose ssm, ssmmessages and ec2messages writes keep the agent connected), allows only Read and List actions, in every service; and none of them reads credentials or every bucket, secret or parameter (the lists of `iam-no-wildcard-admin`, so an `AmazonS3ReadOnlyAccess` on the host is refused; Session Manager's own `ssm:GetParameters` on `*` comes with an allowed policy). The role the host runs with is trusted by `ec2.amazonaws.com` alone: `iam-instance-role-trust` sees only the role, so it refuses other principals next to EC2, while this policy, following the instance to its role, also refuses a host role trusted by another account or service instead.",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Attach to the instance role exactly the reader statements of `PackageRepository.readerPolicy()` (an inline aws.iam.RolePolicy) and, for Session Manager, AmazonSSMManagedInstanceCore. Remove other policies that grant writes, to CodeArtifact or to any other service (or, after review, list an AWS managed policy in allowedManagedPolicies); keep the instance profile and its role in the same stack so the pack can see them.",
    url: "https://docs.aws.amazon.com/codeartifact/latest/ug/auth-and-access-control-iam-identity-based-access-control.html",
    configSchema: {
        properties: {
            instanceNames: {
                type: "array",
                items: { type: "string", minLength: 1 },
                description: "Resource names (or wildcard patterns) of the instances that are package readers.",
                default: ["*"],
            },
            allowedManagedPolicies: {
                type: "array",
                items: { type: "string", minLength: 1 },
                description:
                    "AWS managed policy names (or wildcard patterns) whose writes a build host's role may hold: by default Session Manager's, whose ssm, ssmmessages and ec2messages writes keep the agent connected.",
                default: ["AmazonSSMManagedInstanceCore"],
            },
        },
    },
    validateStack: async (args, reportViolation) => {
        const { instanceNames, allowedManagedPolicies } = args.getConfig<Config>();
        const instances = args.resources.filter(
            (r) => r.type === resourceTypes.ec2Instance && instanceNames.some((p) => matchesWildcard(p, r.name, false)),
        );
        // An instance whose links are unknown cannot be judged in preview; the others still are, and the
        // engine reports the first unknown as "can't run" after the violations found.
        let unknown: UnknownValueError | undefined;
        const index = instances.length > 0 ? new StackIndex(args.resources) : undefined;
        for (const instance of instances) {
            try {
                await judgeInstance(instance, index!, allowedManagedPolicies, reportViolation);
            } catch (e) {
                if (!(e instanceof UnknownValueError)) throw e;
                unknown ??= e;
            }
        }
        if (unknown) throw unknown;
    },
};

async function judgeInstance(instance: PolicyResource, index: StackIndex, allowedManagedPolicies: string[], reportViolation: ReportViolation): Promise<void> {
    if (!("iamInstanceProfile" in instance.props) && !instance.propertyDependencies["iamInstanceProfile"]?.length) return;
    const report = (message: string) => reportViolation(`instance "${instance.name}": ${message}`, instance.urn);
    const roles = instanceRoles(instance, index);
    if (typeof roles === "string") return report(`${roles}; its access cannot be verified.`);
    for (const role of roles) {
        const access = roleAccess(role, index);
        const prefix = `role "${role.name}"`;
        const trustProblem = instanceTrustProblem(role);
        if (trustProblem) report(`${prefix} ${trustProblem}: the role a build host runs with is trusted by ec2.amazonaws.com alone, or others get the host's access.`);
        for (const grant of access.grants.filter((g) => g.unseen)) {
            report(`${grant.source} reaches ${prefix}, but ${grant.unseen}; the pack cannot show the host is read-only.`);
        }
        const documents = access.grants.filter((g): g is RoleGrant & Required<Pick<RoleGrant, "document">> => !!g.document);
        for (const { source, document, awsManagedPolicy } of documents) {
            const writes = (await grantsOf(document.statements, "codeartifact")).flatMap((g) => g.actions.filter((a) => !isReadOnly(a)));
            if (writes.length > 0) report(`${source} gives ${prefix} ${describeActions(writes)}: a build host may only read packages.`);
            const allowed = awsManagedPolicy !== undefined && allowedManagedPolicies.some((p) => matchesWildcard(p, awsManagedPolicy, false));
            if (!allowed) {
                const beyond = await writesBeyondCodeArtifact(document);
                if (beyond) report(`${source} gives ${prefix} ${beyond}: a build host may only read packages; it writes nothing but what its allowed managed policies (config allowedManagedPolicies) bring.`);
                // Reads are fine, but not of every bucket, secret or parameter, nor credentials for anything.
                for (const finding of describeSensitiveAccess(await sensitiveAccessOf(document))) {
                    report(`${source} ${finding.replace(/^allows/, `gives ${prefix}`)}: a build host reads packages, not the account's data or credentials.`);
                }
            }
            for (const { statement, actions } of await grantsOf(document.statements, "sts")) {
                const problem = actions.some((a) => a.name === "GetServiceBearerToken") ? bearerTokenConditionProblem(statement) : undefined;
                if (problem) report(`${source} gives ${prefix} sts:GetServiceBearerToken ${problem}.`);
            }
        }
        // An attachment whose role is unknown in preview may hold more for this role: nothing below is final.
        if (index.unresolved.length > 0) throw index.unresolved[0];
        const missing = await missingForPull(documents.flatMap((d) => d.document.statements));
        if (missing.length === 0) continue;
        if (access.unknownProperties.length > 0) {
            // The role's own inline/managed policies are unknown in preview and may hold what is missing:
            // reading one again raises the engine's own "can't be known during preview" error for it.
            void role.props[access.unknownProperties[0]];
        }
        report(`${prefix} cannot pull packages: ${missing.join("; ")}.`);
    }
}

/**
 * What is wrong with the trust of a role an instance runs with: principals other than EC2 (the
 * per-role policy iam-instance-role-trust refuses them only next to EC2; a role trusted by another
 * account alone, put on a build host, would hand that account the host's access). An unreadable
 * trust is iam-instance-role-trust's to report.
 */
function instanceTrustProblem(role: PolicyResource): string | undefined {
    let allows: Statement[];
    try {
        allows = readPolicyDocument(role.props["assumeRolePolicy"]).statements.filter((s) => s.effect === "Allow");
    } catch (e) {
        if (e instanceof PolicyDocumentError) return undefined;
        throw e;
    }
    const others = allows.flatMap((s) => otherPrincipals(s.principal));
    if (others.length > 0) return `is trusted by ${others.join(", ")}`;
    if (!trustsEc2(allows)) return "is not trusted by ec2.amazonaws.com";
    return undefined;
}

/** The writes a document allows outside CodeArtifact (whose writes are reported above), or undefined. */
async function writesBeyondCodeArtifact(document: PolicyDocument): Promise<string | undefined> {
    const { spansServices, actions } = await allowedActions(document);
    if (spansServices) return `every service (${spansServices})`;
    const writes = writesAmong(actions).filter((a) => a.service !== "codeartifact");
    return writes.length > 0 ? `${describeActions(writes)} (${writeLevels(writes)})` : undefined;
}

/** What the statements lack to pull through Maven; empty when they can. */
async function missingForPull(statements: Statement[]): Promise<string[]> {
    const missing: string[] = [];
    const resourcesFor = async (name: string) =>
        (await grantsOf(statements, "codeartifact"))
            .filter((g) => g.actions.some((a) => a.name === name))
            .flatMap((g) => g.statement.resources ?? ["*"]);
    const tokenOn = await resourcesFor("GetAuthorizationToken");
    const readOn = await resourcesFor("ReadFromRepository");
    if (tokenOn.length === 0) missing.push("nothing allows codeartifact:GetAuthorizationToken");
    if (readOn.length === 0) missing.push("nothing allows codeartifact:ReadFromRepository");
    if (tokenOn.length > 0 && readOn.length > 0 && !tokenOn.some((t) => readOn.some((r) => sameDomain(t, r)))) {
        missing.push(`it can read ${readOn.join(", ")} but get a token only for ${tokenOn.join(", ")}, not the domain of a repository it reads`);
    }
    const bearer = (await grantsOf(statements, "sts")).filter((g) => g.actions.some((a) => a.name === "GetServiceBearerToken"));
    if (!bearer.some((g) => !bearerTokenConditionProblem(g.statement))) {
        missing.push("nothing allows sts:GetServiceBearerToken with sts:AWSServiceName = codeartifact.amazonaws.com");
    }
    return missing;
}

/** Whether a token grant covers the domain of a repository read grant. */
function sameDomain(tokenResource: string, repositoryResource: string): boolean {
    if (tokenResource === "*" || repositoryResource === "*") return true;
    const match = /^(arn:[^:]*:codeartifact:[^:]*:[^:]*:)repository\/([^/]+)\//.exec(repositoryResource);
    return !!match && matchesWildcard(tokenResource, `${match[1]}domain/${match[2]}`, false);
}
