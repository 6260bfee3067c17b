import { expect } from "chai";
import { unknownCheckingProxy } from "@pulumi/policy";
import { checkResource, unknown } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";
import { isPresentButUnknown } from "../../policy-pack/resourceProps";

const policy = "codeartifact-domain-encrypted-cmk";
const keyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const domain = (props: Record<string, unknown>) => ({ type: resourceTypes.codeartifactDomain, props: { domain: "packages", ...props } });

describe(policy, () => {
    it("accepts a domain encrypted with a customer-managed key ARN", async () => {
        const outcome = await checkResource(policy, domain({ encryptionKey: keyArn }));
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.cantRun).to.deep.equal([]);
        expect(outcome.notApplicable).to.deep.equal([]);
    });

    it("accepts a customer alias, by name or ARN", async () => {
        for (const encryptionKey of ["alias/codeartifact/packages", "arn:aws:kms:eu-west-1:123456789012:alias/codeartifact/packages"]) {
            const outcome = await checkResource(policy, domain({ encryptionKey }));
            expect(outcome.violations, encryptionKey).to.deep.equal([]);
        }
    });

    it("rejects a domain with no encryptionKey: AWS then uses the AWS-managed aws/codeartifact key", async () => {
        const { violations } = await checkResource(policy, domain({}));
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain("encryptionKey is absent").and.contain('"aws/codeartifact"').and.contain("encryptionKey: key.arn");
    });

    it("rejects an empty or blank encryptionKey, which AWS treats as none", async () => {
        for (const encryptionKey of ["", "  "]) {
            const { violations } = await checkResource(policy, domain({ encryptionKey }));
            expect(violations, JSON.stringify(encryptionKey)).to.have.length(1);
            expect(violations[0]).to.contain(`encryptionKey is ${JSON.stringify(encryptionKey)}`).and.contain("AWS-managed key");
        }
    });

    it("rejects a null encryptionKey", async () => {
        const { violations } = await checkResource(policy, domain({ encryptionKey: null }));
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain("encryptionKey is null");
    });

    it("rejects an AWS-managed key named by its alias/aws/ alias, as a name or an ARN, in any case", async () => {
        for (const encryptionKey of [
            "alias/aws/codeartifact",
            "arn:aws:kms:eu-west-1:123456789012:alias/aws/codeartifact",
            "arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/aws/codeartifact",
            "ALIAS/AWS/codeartifact",
        ]) {
            const { violations } = await checkResource(policy, domain({ encryptionKey }));
            expect(violations, encryptionKey).to.have.length(1);
            expect(violations[0]).to.contain(`encryptionKey is "${encryptionKey}", an AWS-managed key`);
        }
    });

    it("does not mistake a customer alias that merely contains aws/ for an AWS-managed one", async () => {
        const { violations } = await checkResource(policy, domain({ encryptionKey: "alias/team/aws/packages" }));
        expect(violations).to.deep.equal([]);
    });

    it("rejects an encryptionKey that is not a string, without crashing", async () => {
        for (const encryptionKey of [42, true, { arn: keyArn }, [keyArn]]) {
            const { violations } = await checkResource(policy, domain({ encryptionKey }));
            expect(violations, JSON.stringify(encryptionKey)).to.have.length(1);
            expect(violations[0]).to.contain("encryptionKey is ").and.contain("(a string)");
        }
    });

    describe("in preview", () => {
        it("accepts a key ARN that is unknown until the key is created: the domain names its own key", async () => {
            const outcome = await checkResource(policy, domain({ encryptionKey: unknown.string }));
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.cantRun).to.deep.equal([]);
        });

        it("does not wait on other unknown properties", async () => {
            const outcome = await checkResource(policy, domain({ domain: unknown.string, tags: unknown.object, encryptionKey: keyArn }));
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.cantRun).to.deep.equal([]);
        });

        it("still rejects a missing key while other properties are unknown", async () => {
            const { violations, cantRun } = await checkResource(policy, domain({ domain: unknown.string }));
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain("encryptionKey is absent");
            expect(cantRun).to.deep.equal([]);
        });

        it("tells a present-but-unknown value from a known one without tripping the proxy", () => {
            const props = unknownCheckingProxy({ a: unknown.string, b: keyArn, c: unknown.object }) as Record<string, unknown>;
            expect(isPresentButUnknown(props, "a")).to.equal(true);
            expect(isPresentButUnknown(props, "c")).to.equal(true);
            expect(isPresentButUnknown(props, "b")).to.equal(false);
            expect(isPresentButUnknown(props, "missing")).to.equal(false);
            expect(() => props.a).to.throw("can't be known during preview");
            for (const [type, sentinel] of Object.entries(unknown)) {
                expect(isPresentButUnknown({ v: sentinel }, "v"), type).to.equal(true);
            }
        });
    });

    it("does not apply to other resource types", async () => {
        const outcome = await checkResource(policy, { type: resourceTypes.codeartifactRepository, props: { repository: "team" } });
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.notApplicable).to.deep.equal([`Policy only applies to resources of type '${resourceTypes.codeartifactDomain}'`]);
    });
});
