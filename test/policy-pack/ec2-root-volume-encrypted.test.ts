import { expect } from "chai";
import { analyzer, checkResource, unknown } from "../support/policyHarness";
import { PolicyConfigError } from "../../offline/policyConfig";
import { resourceTypes } from "../../policy-pack/resourceTypes";

const policy = "ec2-root-volume-encrypted";
const instance = (props: Record<string, unknown>) => ({ type: resourceTypes.ec2Instance, props: { instanceType: "t3.micro", ami: "ami-0123456789abcdef0", ...props } });
const accountDefault = { config: { accountDefaultEbsEncryption: true } };

describe(policy, () => {
    it("accepts an encrypted root volume, with or without a customer-managed key", async () => {
        for (const rootBlockDevice of [{ encrypted: true, volumeType: "gp3" }, { encrypted: true, kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/k" }]) {
            const outcome = await checkResource(policy, instance({ rootBlockDevice }));
            expect(outcome.violations, JSON.stringify(rootBlockDevice)).to.deep.equal([]);
            expect(outcome.notApplicable).to.deep.equal([]);
        }
    });

    it("rejects an instance with no rootBlockDevice: the AMI's snapshot decides, unseen", async () => {
        const { violations } = await checkResource(policy, instance({}));
        expect(violations).to.have.length(1);
        expect(violations[0])
            .to.contain("rootBlockDevice is absent")
            .and.contain("set rootBlockDevice { encrypted: true }")
            .and.contain("accountDefaultEbsEncryption: true");
    });

    it("rejects a root volume that leaves encrypted unset", async () => {
        const { violations } = await checkResource(policy, instance({ rootBlockDevice: { volumeSize: 20 } }));
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain("rootBlockDevice.encrypted is absent, so the root volume is encrypted only if");
    });

    it("rejects an explicitly unencrypted root volume", async () => {
        const { violations } = await checkResource(policy, instance({ rootBlockDevice: { encrypted: false } }));
        expect(violations).to.deep.equal(["rootBlockDevice.encrypted is false; expected true: set rootBlockDevice { encrypted: true } (and kmsKeyId for a customer-managed key)."]);
    });

    it("rejects an encrypted flag that is not the boolean true", async () => {
        const { violations } = await checkResource(policy, instance({ rootBlockDevice: { encrypted: "true" } }));
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain('rootBlockDevice.encrypted is "true"; expected true');
    });

    it("accepts the block arriving as a one-element list, and names the element in messages", async () => {
        const ok = await checkResource(policy, instance({ rootBlockDevice: [{ encrypted: true }] }));
        expect(ok.violations).to.deep.equal([]);
        const bad = await checkResource(policy, instance({ rootBlockDevice: [{ encrypted: false }] }));
        expect(bad.violations).to.have.length(1);
        expect(bad.violations[0]).to.contain("rootBlockDevice[0].encrypted is false");
    });

    it("treats an empty list or null like an absent block", async () => {
        for (const rootBlockDevice of [[], null]) {
            const { violations } = await checkResource(policy, instance({ rootBlockDevice }));
            expect(violations, JSON.stringify(rootBlockDevice)).to.have.length(1);
            expect(violations[0]).to.contain("rootBlockDevice is absent");
        }
    });

    it("rejects a rootBlockDevice that is not an object, without crashing", async () => {
        for (const [rootBlockDevice, found] of [
            ["encrypted", '"encrypted"'],
            [true, "true"],
            [[{ encrypted: true }, { encrypted: true }], "a list of 2 items"],
            [[true], "a list holding true"],
        ] as const) {
            const { violations } = await checkResource(policy, instance({ rootBlockDevice }));
            expect(violations, found).to.deep.equal([
                `rootBlockDevice is ${found}; expected an object: set rootBlockDevice { encrypted: true } (and kmsKeyId for a customer-managed key).`,
            ]);
        }
    });

    describe("config accountDefaultEbsEncryption", () => {
        it("is false by default", () => {
            const info = analyzer().policies.find((p) => p.name === policy);
            expect(info?.configSchema?.properties.accountDefaultEbsEncryption).to.include({ type: "boolean", default: false });
        });

        it("accepts an absent rootBlockDevice or encrypted flag when the account encrypts new volumes by default", async () => {
            for (const props of [{}, { rootBlockDevice: { volumeSize: 20 } }]) {
                const { violations } = await checkResource(policy, instance(props), accountDefault);
                expect(violations, JSON.stringify(props)).to.deep.equal([]);
            }
        });

        it("still rejects an explicit encrypted: false", async () => {
            const { violations } = await checkResource(policy, instance({ rootBlockDevice: { encrypted: false } }), accountDefault);
            expect(violations).to.have.length(1);
        });

        it("still rejects a malformed block", async () => {
            const { violations } = await checkResource(policy, instance({ rootBlockDevice: "encrypted" }), accountDefault);
            expect(violations).to.have.length(1);
        });

        it("is refused when not a boolean", () => {
            for (const value of ["true", 1]) {
                expect(() => analyzer().configure({ [policy]: { accountDefaultEbsEncryption: value } }), String(value))
                    .to.throw(PolicyConfigError)
                    .with.property("message")
                    .that.contains(`${policy}: accountDefaultEbsEncryption`);
            }
        });
    });

    describe("in preview", () => {
        it("cannot judge a root block device that is unknown", async () => {
            const { violations, cantRun } = await checkResource(policy, instance({ rootBlockDevice: unknown.object }));
            expect(violations).to.deep.equal([]);
            expect(cantRun[0]).to.contain("Object value at .rootBlockDevice can't be known during preview");
        });

        it("cannot judge an unknown encrypted flag", async () => {
            const { cantRun } = await checkResource(policy, instance({ rootBlockDevice: { encrypted: unknown.boolean } }));
            expect(cantRun[0]).to.contain("boolean value at .rootBlockDevice.encrypted");
        });

        it("does not wait on the key, size, AMI or user data", async () => {
            const outcome = await checkResource(
                policy,
                instance({ ami: unknown.string, userData: unknown.string, rootBlockDevice: { encrypted: true, kmsKeyId: unknown.string, volumeSize: unknown.number } }),
            );
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.cantRun).to.deep.equal([]);
        });
    });

    it("does not apply to other resource types", async () => {
        const outcome = await checkResource(policy, { type: "aws:ebs/volume:Volume", props: { encrypted: false } });
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.notApplicable).to.deep.equal([`Policy only applies to resources of type '${resourceTypes.ec2Instance}'`]);
    });
});
