// Invokes that public programs use beyond the default network (awsInvokes.ts): AWS's own published
// facts (the ELB log-delivery account of each region, ECR's registry endpoint) and look-ups of
// something the program names that exists only in the real account (a hosted zone, a certificate, a
// role). A look-up by name is answered as if the account holds it, with ids derived from the name, as
// getSubnet answers a subnet the stack names: against AWS a missing one fails the preview, which the
// offline check cannot know. A look-up that names nothing (no name, no id) is refused as AWS refuses it.
import { Account, WireInputs, hexFor } from "./resourceModel";

/** How the stand-in answers one invoke: from its inputs, for the fake account. */
export type Answer = (inputs: WireInputs, account: Account) => Record<string, unknown>;

/**
 * The account Elastic Load Balancing delivers access logs from, per region (AWS's table in "Enable
 * access logs for your Classic/Application Load Balancer", also the Terraform provider's
 * aws_elb_service_account). Regions opened since August 2022 use a service principal instead: there
 * the provider has no account to answer, and neither has the check.
 */
const ELB_LOG_ACCOUNTS: Record<string, string> = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "af-south-1": "098369216593",
    "ca-central-1": "985666609251",
    "eu-central-1": "054676820928",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-west-3": "009996457667",
    "eu-south-1": "635631232127",
    "eu-north-1": "897822967062",
    "ap-east-1": "754344448648",
    "ap-northeast-1": "582318560864",
    "ap-northeast-2": "600734575887",
    "ap-northeast-3": "383597477331",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    "ap-south-1": "718504428378",
    "me-south-1": "076674570225",
    "sa-east-1": "507241528517",
    "us-gov-west-1": "048591011584",
    "us-gov-east-1": "190560391635",
    "cn-north-1": "638102146993",
    "cn-northwest-1": "037604701340",
};

/** A Route 53 hosted zone id: `Z` and 20 upper-case letters and digits. */
const zoneId = (name: string) => `Z${BigInt(`0x${hexFor("route53-zone", name)(24)}`).toString(36).toUpperCase().padStart(20, "0").slice(0, 20)}`;

/** Route 53 answers zone names without the trailing dot the program may give. */
const zoneName = (name: string) => name.replace(/\.$/, "").toLowerCase();

export const LOOKUP_ANSWERS: Record<string, Answer> = {
    "aws:elb/getServiceAccount:getServiceAccount": (inputs, a) => {
        const region = String(inputs.region ?? a.region);
        const account = ELB_LOG_ACCOUNTS[region];
        if (!account) throw new Error(`getServiceAccount: no ELB log-delivery account is published for ${region} (AWS grants logdelivery.elasticloadbalancing.amazonaws.com there instead)`);
        return { id: account, arn: `arn:${a.partition}:iam::${account}:root`, region };
    },
    "aws:ecr/getAuthorizationToken:getAuthorizationToken": (inputs, a) => {
        const registryId = String(inputs.registryId ?? a.accountId);
        // A stand-in credential: the real one is a secret the check neither has nor should print.
        const password = "offline-check-placeholder-token";
        return {
            id: a.region,
            registryId,
            userName: "AWS",
            password,
            authorizationToken: Buffer.from(`AWS:${password}`).toString("base64"),
            proxyEndpoint: `https://${registryId}.dkr.ecr.${a.region}.amazonaws.com`,
            expiresAt: "2099-01-01T00:00:00Z",
        };
    },
    "aws:route53/getZone:getZone": (inputs, a) => {
        if (!inputs.name && !inputs.zoneId) throw new Error("getZone: either name or zoneId must be set");
        const id = String(inputs.zoneId ?? zoneId(zoneName(String(inputs.name))));
        const name = inputs.name ? zoneName(String(inputs.name)) : `zone-${id.toLowerCase()}.example`;
        return {
            id,
            zoneId: id,
            name,
            arn: `arn:${a.partition}:route53:::hostedzone/${id}`,
            privateZone: inputs.privateZone ?? false,
            vpcId: inputs.vpcId,
            nameServers: [1, 2, 3, 4].map((n) => `ns-${n}.awsdns-${n}.offline.example`),
            primaryNameServer: "ns-1.awsdns-1.offline.example",
            callerReference: `offline-${id}`,
            comment: "",
            resourceRecordSetCount: 2,
            tags: inputs.tags ?? {},
        };
    },
    "aws:acm/getCertificate:getCertificate": (inputs, a) => {
        if (!inputs.domain && !inputs.tags) throw new Error("getCertificate: domain or tags must be set");
        const domain = String(inputs.domain ?? "");
        const id = `${hexFor("acm", domain)(8)}-${hexFor("acm", domain)(4, "a")}-${hexFor("acm", domain)(4, "b")}-${hexFor("acm", domain)(4, "c")}-${hexFor("acm", domain)(12, "d")}`;
        const arn = `arn:${a.partition}:acm:${a.region}:${a.accountId}:certificate/${id}`;
        return { id: arn, arn, domain, status: "ISSUED", statuses: inputs.statuses, types: inputs.types, keyTypes: inputs.keyTypes, mostRecent: inputs.mostRecent ?? false, tags: inputs.tags ?? {} };
    },
    "aws:iam/getRole:getRole": (inputs, a) => {
        const name = String(inputs.name ?? "");
        if (!name) throw new Error("getRole: name must be set");
        return {
            id: name,
            name,
            arn: `arn:${a.partition}:iam::${a.accountId}:role/${name}`,
            path: "/",
            uniqueId: `AROA${hexFor("iam-role", name)(17).toUpperCase()}`,
            // What the role trusts is the account's; the offline answer trusts the account itself.
            assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:${a.partition}:iam::${a.accountId}:root` }, Action: "sts:AssumeRole" }] }),
            description: "",
            maxSessionDuration: 3600,
            permissionsBoundary: "",
            createDate: "2024-01-01T00:00:00Z",
            roleLastUseds: [],
            tags: inputs.tags ?? {},
        };
    },
    "aws:iam/getSessionContext:getSessionContext": (inputs) => {
        // An assumed-role session ARN names the role it came from; any other ARN is its own issuer.
        const arn = String(inputs.arn ?? "");
        const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(arn);
        if (!session) return { id: arn, arn, issuerArn: arn, issuerId: "", issuerName: "", sessionName: "" };
        const [, partition, account, role, sessionName] = session;
        return { id: arn, arn, issuerArn: `arn:${partition}:iam::${account}:role/${role}`, issuerId: `AROA${hexFor("iam-role", role)(17).toUpperCase()}`, issuerName: role, sessionName };
    },
};
