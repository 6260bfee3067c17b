import { expect } from "chai";
import { analyzer, checkResource, expectConfigRefused, unknown } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";

const policy = "ec2-ebs-volumes-encrypted";
const instance = (props: Record<string, unknown>) => ({ type: resourceTypes.ec2Instance, props: { instanceType: "t3.micro", ami: "ami-0123456789abcdef0", ...props } });
const accountDefault = { config: { accountDefaultEbsEncryption: true } };
const spotRequest = (props: Record<string, unknown>) => ({ type: resourceTypes.ec2SpotInstanceRequest, props: { instanceType: "t3.micro", spotPrice: "0.01", ...props } });
const launchTemplate = (props: Record<string, unknown>) => ({ type: resourceTypes.ec2LaunchTemplate, props: { imageId: "ami-0123456789abcdef0", ...props } });
const withMappings = (blockDeviceMappings: unknown) => launchTemplate({ blockDeviceMappings });
const rootMapping = (ebs: unknown) => ({ deviceName: "/dev/xvda", ebs });

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
            expectConfigRefused(policy, "accountDefaultEbsEncryption", ["true", 1]);
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

    describe("spot instance requests", () => {
        it("accepts an encrypted root volume", async () => {
            const outcome = await checkResource(policy, spotRequest({ rootBlockDevice: { encrypted: true, volumeType: "gp3" } }));
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.notApplicable).to.deep.equal([]);
        });

        it("rejects a request with no rootBlockDevice, or an unencrypted one, like an instance", async () => {
            const absent = await checkResource(policy, spotRequest({}));
            expect(absent.violations).to.have.length(1);
            expect(absent.violations[0]).to.contain("rootBlockDevice is absent").and.contain("set rootBlockDevice { encrypted: true }");
            const unencrypted = await checkResource(policy, spotRequest({ rootBlockDevice: { encrypted: false } }));
            expect(unencrypted.violations).to.deep.equal(["rootBlockDevice.encrypted is false; expected true: set rootBlockDevice { encrypted: true } (and kmsKeyId for a customer-managed key)."]);
        });

        it("accepts an absent rootBlockDevice when the account encrypts new volumes by default", async () => {
            const { violations } = await checkResource(policy, spotRequest({}), accountDefault);
            expect(violations).to.deep.equal([]);
        });
    });

    describe("an instance launched from a launch template", () => {
        const templateRef = { id: "lt-0123456789abcdef0", version: "$Latest" };

        it("is still rejected without a rootBlockDevice of its own, and the message says why and what to do", async () => {
            for (const resource of [instance({ launchTemplate: templateRef }), spotRequest({ launchTemplate: templateRef })]) {
                const { violations } = await checkResource(policy, resource);
                expect(violations, resource.type).to.have.length(1);
                expect(violations[0], resource.type)
                    .to.contain("rootBlockDevice is absent and the instance is launched from a launchTemplate")
                    .and.contain("repeat rootBlockDevice { encrypted: true } on the instance")
                    .and.contain("the template's settings are judged on the template")
                    .and.contain("accountDefaultEbsEncryption: true");
            }
        });

        it("is rejected in preview too, without waiting on the template's unknown id", async () => {
            const { violations, cantRun } = await checkResource(policy, instance({ launchTemplate: { id: unknown.string } }));
            expect(violations).to.have.length(1);
            expect(cantRun).to.deep.equal([]);
        });

        it("is judged on its own rootBlockDevice when it repeats it, and accepted under the account default", async () => {
            expect((await checkResource(policy, instance({ launchTemplate: templateRef, rootBlockDevice: { encrypted: true } }))).violations).to.deep.equal([]);
            expect((await checkResource(policy, instance({ launchTemplate: templateRef, rootBlockDevice: { encrypted: false } }))).violations).to.have.length(1);
            expect((await checkResource(policy, instance({ launchTemplate: templateRef }), accountDefault)).violations).to.deep.equal([]);
        });
    });

    describe("launch templates", () => {
        it("accepts a template whose every EBS mapping is encrypted, instance-store mappings aside", async () => {
            const outcome = await checkResource(
                policy,
                withMappings([
                    rootMapping({ encrypted: "true", volumeType: "gp3", kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/k" }),
                    { deviceName: "/dev/sdb", virtualName: "ephemeral0" },
                    { deviceName: "/dev/sdc", noDevice: "" },
                    { deviceName: "/dev/sdf", ebs: [{ encrypted: "1", volumeSize: 100 }] },
                    { deviceName: "/dev/sdg", ebs: { encrypted: true } },
                ]),
            );
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.notApplicable).to.deep.equal([]);
        });

        it("rejects a template with no EBS mapping: the AMI's root volume is used, unseen", async () => {
            for (const [props, found] of [
                [{}, "blockDeviceMappings is absent"],
                [{ blockDeviceMappings: null }, "blockDeviceMappings is absent"],
                [{ blockDeviceMappings: [] }, "blockDeviceMappings is empty"],
                [{ blockDeviceMappings: [{ deviceName: "/dev/sdb", virtualName: "ephemeral0" }] }, "blockDeviceMappings has no EBS mapping"],
            ] as const) {
                const { violations } = await checkResource(policy, launchTemplate(props));
                expect(violations, found).to.have.length(1);
                expect(violations[0], found)
                    .to.contain(`${found}, so instances launched from the template get the AMI's root volume`)
                    .and.contain("add a mapping for the AMI's root device")
                    .and.contain('set ebs { encrypted: "true" }')
                    .and.contain("accountDefaultEbsEncryption: true");
            }
        });

        it("rejects every EBS mapping that is unencrypted or leaves encryption unset", async () => {
            const { violations } = await checkResource(
                policy,
                withMappings([
                    rootMapping({ encrypted: "true" }),
                    { deviceName: "/dev/sdf", ebs: { encrypted: "false" } },
                    { deviceName: "/dev/sdg", ebs: { encrypted: "0" } },
                    { deviceName: "/dev/sdh", ebs: { encrypted: false } },
                    { deviceName: "/dev/sdi", ebs: { volumeSize: 20 } },
                    { deviceName: "/dev/sdj", ebs: { encrypted: "", snapshotId: "snap-0123" } },
                ]),
            );
            expect(violations).to.deep.equal([
                'blockDeviceMappings[1].ebs.encrypted is "false"; expected "true": set ebs { encrypted: "true" } (and kmsKeyId for a customer-managed key).',
                'blockDeviceMappings[2].ebs.encrypted is "0"; expected "true": set ebs { encrypted: "true" } (and kmsKeyId for a customer-managed key).',
                'blockDeviceMappings[3].ebs.encrypted is false; expected "true": set ebs { encrypted: "true" } (and kmsKeyId for a customer-managed key).',
                "blockDeviceMappings[4].ebs.encrypted is absent, so the volume is encrypted only if its snapshot is or the account encrypts new volumes by default; " +
                    'set ebs { encrypted: "true" } (and kmsKeyId for a customer-managed key), ' +
                    "or, if the account has EBS encryption by default turned on, set this policy's config accountDefaultEbsEncryption: true.",
                "blockDeviceMappings[5].ebs.encrypted is \"\", so the volume is encrypted only if its snapshot is or the account encrypts new volumes by default; " +
                    'set ebs { encrypted: "true" } (and kmsKeyId for a customer-managed key), ' +
                    "or, if the account has EBS encryption by default turned on, set this policy's config accountDefaultEbsEncryption: true.",
            ]);
        });

        it("rejects an encrypted value the provider would not read as true", async () => {
            for (const [encrypted, found] of [
                ["yes", '"yes"'],
                ["TRUE", '"TRUE"'],
                [1, "1"],
            ] as const) {
                const { violations } = await checkResource(policy, withMappings([rootMapping({ encrypted })]));
                expect(violations, found).to.deep.equal([`blockDeviceMappings[0].ebs.encrypted is ${found}; expected "true": set ebs { encrypted: "true" } (and kmsKeyId for a customer-managed key).`]);
            }
        });

        it("names a one-element ebs list in messages", async () => {
            const { violations } = await checkResource(policy, withMappings([rootMapping([{ encrypted: "false" }])]));
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain('blockDeviceMappings[0].ebs[0].encrypted is "false"');
        });

        it("rejects malformed mappings, without crashing", async () => {
            const notAList = await checkResource(policy, withMappings({ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }));
            expect(notAList.violations).to.deep.equal(['blockDeviceMappings is an object; expected a list of mappings: on each EBS mapping, set ebs { encrypted: "true" } (and kmsKeyId for a customer-managed key).']);
            const items = await checkResource(policy, withMappings(["/dev/xvda", rootMapping("encrypted"), rootMapping([{ encrypted: "true" }, {}])]));
            expect(items.violations).to.deep.equal([
                'blockDeviceMappings[0] is "/dev/xvda"; expected a mapping object: set ebs { encrypted: "true" } (and kmsKeyId for a customer-managed key).',
                'blockDeviceMappings[1].ebs is "encrypted"; expected an object: set ebs { encrypted: "true" } (and kmsKeyId for a customer-managed key).',
                'blockDeviceMappings[2].ebs is a list of 2 items; expected an object: set ebs { encrypted: "true" } (and kmsKeyId for a customer-managed key).',
            ]);
        });

        describe("with accountDefaultEbsEncryption", () => {
            it("accepts a template with no EBS mapping, or one that leaves encryption unset", async () => {
                for (const props of [{}, { blockDeviceMappings: [] }, { blockDeviceMappings: [rootMapping({ volumeSize: 20 })] }, { blockDeviceMappings: [rootMapping({ encrypted: "" })] }]) {
                    const { violations } = await checkResource(policy, launchTemplate(props), accountDefault);
                    expect(violations, JSON.stringify(props)).to.deep.equal([]);
                }
            });

            it("still rejects an explicitly unencrypted mapping", async () => {
                const { violations } = await checkResource(policy, withMappings([rootMapping({ encrypted: "false" })]), accountDefault);
                expect(violations).to.have.length(1);
            });
        });

        describe("in preview", () => {
            it("cannot judge unknown mappings, an unknown mapping, or an unknown encrypted value", async () => {
                for (const [blockDeviceMappings, at] of [
                    [unknown.array, "Array value at .blockDeviceMappings"],
                    [[unknown.object], "Object value at .blockDeviceMappings.0"],
                    [[rootMapping(unknown.object)], "Object value at .blockDeviceMappings.0.ebs"],
                    [[rootMapping({ encrypted: unknown.string })], "string value at .blockDeviceMappings.0.ebs.encrypted"],
                ] as const) {
                    const { violations, cantRun } = await checkResource(policy, withMappings(blockDeviceMappings));
                    expect(violations, at).to.deep.equal([]);
                    expect(cantRun, at).to.have.length(1);
                    expect(cantRun[0]).to.contain(at);
                }
            });

            it("keeps a violation found before an unknown mapping", async () => {
                const { violations, cantRun } = await checkResource(policy, withMappings([rootMapping({ encrypted: "false" }), unknown.object]));
                expect(violations).to.have.length(1);
                expect(violations[0]).to.contain('blockDeviceMappings[0].ebs.encrypted is "false"');
                expect(cantRun).to.have.length(1);
            });

            it("does not wait on the image, user data, device names, keys, sizes or snapshots", async () => {
                const outcome = await checkResource(
                    policy,
                    launchTemplate({
                        imageId: unknown.string,
                        userData: unknown.string,
                        blockDeviceMappings: [
                            { deviceName: unknown.string, ebs: { encrypted: "true", kmsKeyId: unknown.string, volumeSize: unknown.number, snapshotId: unknown.string } },
                            { deviceName: unknown.string, virtualName: unknown.string },
                        ],
                    }),
                );
                expect(outcome.violations).to.deep.equal([]);
                expect(outcome.cantRun).to.deep.equal([]);
            });
        });
    });

    describe("data volumes (ebsBlockDevices) of instances, spot requests and launch configurations", () => {
        const launchConfiguration = (props: Record<string, unknown>) => ({ type: resourceTypes.ec2LaunchConfiguration, props: { imageId: "ami-0123456789abcdef0", instanceType: "t3.micro", ...props } });
        const root = { rootBlockDevice: { encrypted: true } };
        for (const [kind, make] of [["an instance", instance], ["a spot request", spotRequest], ["a launch configuration", launchConfiguration]] as const) {
            it(`accepts ${kind} whose every data volume is encrypted`, async () => {
                const ebsBlockDevices = [{ deviceName: "/dev/sdf", encrypted: true, volumeSize: 100 }, { deviceName: "/dev/sdg", encrypted: true }];
                expect((await checkResource(policy, make({ ...root, ebsBlockDevices }))).violations).to.deep.equal([]);
            });

            it(`rejects ${kind} with an unencrypted data volume, naming it`, async () => {
                const ebsBlockDevices = [{ deviceName: "/dev/sdf", encrypted: true }, { deviceName: "/dev/sdg", encrypted: false }];
                const { violations } = await checkResource(policy, make({ ...root, ebsBlockDevices }));
                expect(violations).to.deep.equal(["ebsBlockDevices[1].encrypted is false; expected true: set encrypted: true on it (and kmsKeyId for a customer-managed key)."]);
            });

            it(`rejects ${kind} with a data volume that leaves encrypted unset, unless the account encrypts by default`, async () => {
                const resource = make({ ...root, ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 100 }] });
                const { violations } = await checkResource(policy, resource);
                expect(violations).to.have.length(1);
                expect(violations[0]).to.contain("ebsBlockDevices[0].encrypted is absent").and.contain("accountDefaultEbsEncryption: true");
                expect((await checkResource(policy, resource, accountDefault)).violations).to.deep.equal([]);
            });
        }

        it("judges a launch configuration's root volume like an instance's", async () => {
            expect((await checkResource(policy, launchConfiguration({ rootBlockDevice: { encrypted: false } }))).violations[0]).to.contain("rootBlockDevice.encrypted is false");
            expect((await checkResource(policy, launchConfiguration({}))).violations[0]).to.contain("rootBlockDevice is absent");
        });

        it("skips a mapping that suppresses a device (noDevice), and reports a malformed list or entry", async () => {
            expect((await checkResource(policy, launchConfiguration({ ...root, ebsBlockDevices: [{ deviceName: "/dev/sdf", noDevice: true }] }))).violations).to.deep.equal([]);
            expect((await checkResource(policy, instance({ ...root, ebsBlockDevices: "vol" }))).violations[0]).to.contain("ebsBlockDevices is \"vol\"");
            expect((await checkResource(policy, instance({ ...root, ebsBlockDevices: ["vol"] }))).violations[0]).to.contain("ebsBlockDevices[0] is \"vol\"");
        });

        it("reports an unencrypted data volume even when the root volume is also wrong", async () => {
            const { violations } = await checkResource(policy, instance({ rootBlockDevice: { encrypted: false }, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: false }] }));
            expect(violations).to.have.length(2);
        });
    });

    describe("standalone EBS volumes (aws.ebs.Volume), which VolumeAttachments put on instances", () => {
        const volume = (props: Record<string, unknown>) => ({ type: resourceTypes.ebsVolume, props: { availabilityZone: "eu-west-1a", size: 100, ...props } });
        it("accepts an encrypted volume", async () => {
            expect((await checkResource(policy, volume({ encrypted: true, kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/k" }))).violations).to.deep.equal([]);
        });

        it("rejects an unencrypted volume, and one that leaves encrypted unset unless the account encrypts by default", async () => {
            expect((await checkResource(policy, volume({ encrypted: false }))).violations).to.deep.equal([
                "encrypted is false; expected true: set encrypted: true on it (and kmsKeyId for a customer-managed key).",
            ]);
            expect((await checkResource(policy, volume({}))).violations[0]).to.contain("encrypted is absent, so the volume is encrypted only if");
            expect((await checkResource(policy, volume({}), accountDefault)).violations).to.deep.equal([]);
        });

        it("cannot judge a volume whose encrypted flag is unknown in preview", async () => {
            const outcome = await checkResource(policy, volume({ encrypted: unknown.boolean }));
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.cantRun).to.have.length(1);
        });
    });

    it("does not apply to other resource types", async () => {
        const outcome = await checkResource(policy, { type: resourceTypes.ec2SecurityGroup, props: {} });
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.notApplicable).to.deep.equal([
            `applies only to ${[resourceTypes.ec2Instance, resourceTypes.ec2SpotInstanceRequest, resourceTypes.ec2LaunchConfiguration, resourceTypes.ec2LaunchTemplate, resourceTypes.ebsVolume].join(", ")}`,
        ]);
    });
});
