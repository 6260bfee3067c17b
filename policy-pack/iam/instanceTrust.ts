// Who, besides EC2, a role's trust policy lets assume it: an instance role must be trusted by
// ec2.amazonaws.com alone (iam-instance-role-trust per role, codeartifact-reader-effective-access for
// the role a build host actually runs with).
import { Principals, Statement } from "./document";

export const EC2_SERVICE = /^ec2\.amazonaws\.com(\.cn)?$/i;

/** Whether an Allow statement of the trust names ec2.amazonaws.com. */
export function trustsEc2(allows: readonly Statement[]): boolean {
    return allows.some((s) => s.principal?.service.some((service) => EC2_SERVICE.test(service)));
}

/** The principals of one statement other than EC2 (and other than "*", reported on its own). */
export function otherPrincipals(principals: Principals | undefined): string[] {
    if (!principals) return [];
    return [
        ...principals.aws.filter((p) => p !== "*").map((p) => `AWS "${p}"`),
        ...principals.service.filter((s) => !EC2_SERVICE.test(s)).map((s) => `Service "${s}"`),
        ...principals.federated.map((f) => `Federated "${f}"`),
        ...principals.canonicalUser.map((c) => `CanonicalUser "${c}"`),
    ];
}
