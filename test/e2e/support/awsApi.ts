// The two AWS calls the build host and the publisher make before Maven runs, answered from the
// stack's own IAM documents: sts:AssumeRole (a role's trust policy must name the caller or its
// account's root) and codeartifact:GetAuthorizationToken (the caller's role must be allowed the
// token on the domain AND the bearer token, sts:GetServiceBearerToken, for sts:AWSServiceName =
// codeartifact.amazonaws.com, as AWS requires). Callers are known by their access key id: a session
// this API handed out, the operator's own keys, or none at all, which is the build host asking its
// instance metadata for its role's credentials.
import { randomBytes } from "crypto";
import { CODEARTIFACT_SERVICE_NAME } from "../../../policy-pack/iam/bearerToken";
import { isAllowed } from "../../support/iamDecision";
import { RoleModel, StackModel } from "./stackModel";

export interface AwsCall {
    service: string;
    operation: string;
    /** The CLI's `--name value` options, without the dashes. */
    options: Record<string, string>;
    /** `AWS_ACCESS_KEY_ID` of the caller's environment; absent: the instance role. */
    accessKeyId?: string;
}

export type AwsAnswer = { status: 200; result: Record<string, unknown> } | { status: 400 | 403; code: string; message: string };

/** The principal the tests act as when they are "a person of the account" (it may assume roles its account trusts). */
export const OPERATOR_ARN_SUFFIX = ":user/operator";

interface Token {
    role: RoleModel;
    expiresAt: number;
}

export class AwsApi {
    /** Access key id -> the role (or operator ARN) it acts as. */
    private readonly sessions = new Map<string, RoleModel | string>();
    private readonly tokens = new Map<string, Token>();
    readonly operatorAccessKeyId = `AKIAOPERATOR${randomBytes(4).toString("hex").toUpperCase()}`;

    constructor(private readonly model: StackModel) {
        this.sessions.set(this.operatorAccessKeyId, `arn:${model.partition}:iam::${model.accountId}${OPERATOR_ARN_SUFFIX}`);
    }

    /** The role a CodeArtifact token was issued to, while it is valid. */
    tokenRole(token: string): RoleModel | undefined {
        const found = this.tokens.get(token);
        return found && found.expiresAt > Date.now() ? found.role : undefined;
    }

    /** Ends every token's life now, as if the build outlived `--duration-seconds`. */
    expireTokens(): void {
        for (const token of this.tokens.values()) token.expiresAt = 0;
    }

    async call(call: AwsCall): Promise<AwsAnswer> {
        const caller = call.accessKeyId === undefined ? this.model.reader : this.sessions.get(call.accessKeyId);
        if (!caller) return { status: 403, code: "InvalidClientTokenId", message: "The security token included in the request is invalid." };
        const callerArn = typeof caller === "string" ? caller : caller.arn;
        const operation = `${call.service} ${call.operation}`;
        if (operation === "sts assume-role") return this.assumeRole(callerArn, call.options);
        if (operation === "codeartifact get-authorization-token") {
            if (typeof caller === "string") return denied(callerArn, "codeartifact:GetAuthorizationToken", "this stand-in issues tokens to roles only");
            return this.authorizationToken(caller, call.options);
        }
        return { status: 400, code: "InvalidAction", message: `the stand-in does not answer aws ${operation}` };
    }

    private assumeRole(callerArn: string, options: Record<string, string>): AwsAnswer {
        const role = [this.model.reader, this.model.publisher].find((r) => r?.arn === options["role-arn"]);
        if (!role) return { status: 400, code: "NoSuchEntity", message: `no role ${options["role-arn"]}` };
        const accountRoot = `arn:${this.model.partition}:iam::${this.model.accountId}:root`;
        const trusted = role.trust.statements.some((s) =>
            s.effect === "Allow" && (s.actions ?? []).some((a) => /^sts:(AssumeRole|\*)$/i.test(a)) &&
            (s.principal?.aws ?? []).some((p) => p === callerArn || (p === accountRoot && callerArn.includes(`::${this.model.accountId}:`))));
        if (!trusted) return denied(callerArn, "sts:AssumeRole", `the trust policy of ${role.arn} does not name it`);
        const accessKeyId = `ASIA${randomBytes(8).toString("hex").toUpperCase()}`;
        this.sessions.set(accessKeyId, role);
        return { status: 200, result: { Credentials: { AccessKeyId: accessKeyId, SecretAccessKey: randomBytes(20).toString("base64"), SessionToken: randomBytes(32).toString("base64") } } };
    }

    private async authorizationToken(role: RoleModel, options: Record<string, string>): Promise<AwsAnswer> {
        const duration = Number(options["duration-seconds"] ?? 43200);
        if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
            return { status: 400, code: "ValidationException", message: `--duration-seconds ${options["duration-seconds"]}: must be 900 to 43200` };
        }
        const { partition, region, accountId, domainName } = this.model;
        if (options["domain"] !== domainName || options["domain-owner"] !== accountId || options["region"] !== region) {
            return { status: 400, code: "ResourceNotFoundException", message: `no domain ${options["domain"]} owned by ${options["domain-owner"]} in ${options["region"]}` };
        }
        const domainArn = `arn:${partition}:codeartifact:${region}:${accountId}:domain/${domainName}`;
        if (!(await isAllowed(role.documents, { action: "codeartifact:GetAuthorizationToken", resource: domainArn }))) {
            return denied(role.arn, "codeartifact:GetAuthorizationToken", `on resource ${domainArn}`);
        }
        const bearer = { action: "sts:GetServiceBearerToken", resource: "*", context: { "sts:AWSServiceName": CODEARTIFACT_SERVICE_NAME } };
        if (!(await isAllowed(role.documents, bearer))) return denied(role.arn, "sts:GetServiceBearerToken", "for codeartifact.amazonaws.com");
        const token = randomBytes(48).toString("base64url");
        const expiresAt = Date.now() + duration * 1000;
        this.tokens.set(token, { role, expiresAt });
        return { status: 200, result: { authorizationToken: token, expiration: new Date(expiresAt).toISOString() } };
    }
}

/** A successful call's result; throws with AWS's error code and message otherwise. */
export function resultOf(answer: AwsAnswer): Record<string, unknown> {
    if (answer.status !== 200) throw new Error(`${answer.code}: ${answer.message}`);
    return answer.result;
}

function denied(arn: string, action: string, detail: string): AwsAnswer {
    return { status: 403, code: "AccessDeniedException", message: `User: ${arn} is not authorized to perform: ${action} ${detail}` };
}
