// The preview role of a stack: what `pulumi preview --refresh` on a pull request needs, which is the
// deploy role's reads and nothing else. A pull request's code runs before anyone has reviewed it, so
// its role must not be able to change anything: each deploy statement keeps only the actions whose
// every access level is Read or List in the AWS Service Authorization Reference (the same data the
// policy pack judges with), and statements left with none are dropped.
import { expandPatterns, isReadOnly } from "../policy-pack/iam/actions";
import { Account, Document, Statement, document } from "./documents";
import { deployPolicyDocument } from "./deployPolicy";
import { StackFacts } from "./stackFacts";

export async function previewPolicyDocument(account: Account, facts: StackFacts): Promise<Document> {
    const statements: Statement[] = [];
    for (const statement of deployPolicyDocument(account, facts).Statement) {
        if (statement.Effect !== "Allow") continue;
        const reads: string[] = [];
        for (const action of statement.Action) {
            const service = action.slice(0, action.indexOf(":"));
            const matched = await expandPatterns([action], service);
            if (matched.length > 0 && matched.every(isReadOnly)) reads.push(action);
        }
        if (reads.length > 0) statements.push({ ...statement, Sid: `Read${statement.Sid}`, Action: reads });
    }
    return document(statements);
}
