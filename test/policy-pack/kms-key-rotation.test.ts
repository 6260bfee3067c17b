import { expect } from "chai";
import { checkResource, expectConfigRefused, unknown } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";

const policy = "kms-key-rotation";
const key = (props: Record<string, unknown>) => ({ type: resourceTypes.kmsKey, props: { description: "packages", ...props } });

describe(policy, () => {
    it("accepts a symmetric key with rotation enabled", async () => {
        const outcome = await checkResource(policy, key({ enableKeyRotation: true }));
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.notApplicable).to.deep.equal([]);
    });

    it("accepts an explicitly symmetric encryption key with rotation enabled", async () => {
        const outcome = await checkResource(policy, key({ enableKeyRotation: true, customerMasterKeySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT" }));
        expect(outcome.violations).to.deep.equal([]);
    });

    it("rejects a key that does not mention rotation: KMS leaves it off", async () => {
        const { violations } = await checkResource(policy, key({}));
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain("enableKeyRotation is absent (KMS defaults to false); expected true");
    });

    it("rejects a key with rotation explicitly off", async () => {
        const { violations } = await checkResource(policy, key({ enableKeyRotation: false, customerMasterKeySpec: "SYMMETRIC_DEFAULT" }));
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain("enableKeyRotation is false; expected true");
    });

    it("rejects a rotation flag that is not the boolean true", async () => {
        for (const enableKeyRotation of ["true", 1, null]) {
            const { violations } = await checkResource(policy, key({ enableKeyRotation }));
            expect(violations, String(enableKeyRotation)).to.have.length(1);
            expect(violations[0]).to.contain(`enableKeyRotation is ${enableKeyRotation === "true" ? '"true"' : String(enableKeyRotation)}; expected true`);
        }
    });

    describe("keys KMS cannot rotate", () => {
        it("does not apply to an asymmetric signing key", async () => {
            const outcome = await checkResource(policy, key({ customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }));
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.notApplicable).to.have.length(1);
            expect(outcome.notApplicable[0]).to.contain('customerMasterKeySpec is "RSA_2048"').and.contain("only symmetric");
        });

        it("does not apply to an HMAC key", async () => {
            const outcome = await checkResource(policy, key({ customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" }));
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.notApplicable[0]).to.contain('customerMasterKeySpec is "HMAC_256"');
        });

        it("does not apply to a key given its spec under the KMS API name keySpec", async () => {
            const outcome = await checkResource(policy, key({ keySpec: "ECC_NIST_P256" }));
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.notApplicable[0]).to.contain('keySpec is "ECC_NIST_P256"');
        });

        it("does not apply to a key whose usage is not encryption", async () => {
            const outcome = await checkResource(policy, key({ keyUsage: "SIGN_VERIFY" }));
            expect(outcome.notApplicable[0]).to.contain('keyUsage is "SIGN_VERIFY"');
        });

        it("does not apply to a key in a custom key store", async () => {
            const outcome = await checkResource(policy, key({ customKeyStoreId: "cks-1234567890abcdef0" }));
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.notApplicable[0]).to.contain("custom key store");
        });

        it("still applies when the spec is not a string (fails closed)", async () => {
            const { violations, notApplicable } = await checkResource(policy, key({ customerMasterKeySpec: 7 }));
            expect(notApplicable).to.deep.equal([]);
            expect(violations).to.have.length(1);
        });
    });

    describe("in preview", () => {
        it("cannot judge a rotation flag that is unknown", async () => {
            const { violations, cantRun } = await checkResource(policy, key({ enableKeyRotation: unknown.boolean }));
            expect(violations).to.deep.equal([]);
            expect(cantRun).to.have.length(1);
            expect(cantRun[0]).to.contain("boolean value at .enableKeyRotation can't be known during preview");
        });

        it("does not read the spec, usage or policy of a key with rotation on", async () => {
            const outcome = await checkResource(
                policy,
                key({ enableKeyRotation: true, customerMasterKeySpec: unknown.string, keyUsage: unknown.string, policy: unknown.string }),
            );
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.cantRun).to.deep.equal([]);
        });

        it("cannot decide whether a key with rotation off may rotate while its spec is unknown", async () => {
            const { violations, cantRun } = await checkResource(policy, key({ customerMasterKeySpec: unknown.string }));
            expect(violations).to.deep.equal([]);
            expect(cantRun[0]).to.contain(".customerMasterKeySpec");
        });

        it("does not read an unknown rotation period when no maximum is configured", async () => {
            const outcome = await checkResource(policy, key({ enableKeyRotation: true, rotationPeriodInDays: unknown.number }));
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.cantRun).to.deep.equal([]);
        });

        it("cannot judge an unknown rotation period against a configured maximum", async () => {
            const outcome = await checkResource(policy, key({ enableKeyRotation: true, rotationPeriodInDays: unknown.number }), {
                config: { maxRotationPeriodInDays: 180 },
            });
            expect(outcome.cantRun[0]).to.contain(".rotationPeriodInDays");
        });
    });

    describe("config maxRotationPeriodInDays", () => {
        it("sets no maximum by default", async () => {
            const { violations } = await checkResource(policy, key({ enableKeyRotation: true, rotationPeriodInDays: 2560 }));
            expect(violations).to.deep.equal([]);
        });

        it("accepts a period at or below the maximum", async () => {
            for (const rotationPeriodInDays of [90, 180]) {
                const { violations } = await checkResource(policy, key({ enableKeyRotation: true, rotationPeriodInDays }), { config: { maxRotationPeriodInDays: 180 } });
                expect(violations, String(rotationPeriodInDays)).to.deep.equal([]);
            }
        });

        it("rejects a period above the maximum", async () => {
            const { violations } = await checkResource(policy, key({ enableKeyRotation: true, rotationPeriodInDays: 365 }), { config: { maxRotationPeriodInDays: 180 } });
            expect(violations).to.deep.equal(["rotationPeriodInDays is 365; expected at most 180 (config maxRotationPeriodInDays)."]);
        });

        it("rejects an unset period when KMS's default of 365 days exceeds the maximum", async () => {
            const { violations } = await checkResource(policy, key({ enableKeyRotation: true }), { config: { maxRotationPeriodInDays: 180 } });
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain("rotationPeriodInDays is absent, so KMS rotates every 365 days; expected at most 180");
        });

        it("accepts an unset period when the maximum allows KMS's default", async () => {
            const { violations } = await checkResource(policy, key({ enableKeyRotation: true }), { config: { maxRotationPeriodInDays: 365 } });
            expect(violations).to.deep.equal([]);
        });

        it("rejects a period that is not a whole number", async () => {
            const { violations } = await checkResource(policy, key({ enableKeyRotation: true, rotationPeriodInDays: "90" }), { config: { maxRotationPeriodInDays: 180 } });
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain('rotationPeriodInDays is "90"; expected a whole number of days');
        });

        it("is refused outside KMS's 90-2560 days or when not an integer", () => {
            expectConfigRefused(policy, "maxRotationPeriodInDays", [30, 3000, 100.5, "180"]);
        });
    });

    it("does not apply to other resource types", async () => {
        const outcome = await checkResource(policy, { type: "aws:kms/alias:Alias", props: { name: "alias/packages" } });
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.notApplicable).to.deep.equal([`Policy only applies to resources of type '${resourceTypes.kmsKey}'`]);
    });
});
