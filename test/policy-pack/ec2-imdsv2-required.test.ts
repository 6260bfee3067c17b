import { expect } from "chai";
import { analyzer, checkResource, expectConfigRefused, remediateResource, unknown } from "../support/policyHarness";
import { resourceTypes } from "../../policy-pack/resourceTypes";

const policy = "ec2-imdsv2-required";
const instance = (props: Record<string, unknown>) => ({ type: resourceTypes.ec2Instance, props: { instanceType: "t3.micro", ami: "ami-0123456789abcdef0", ...props } });
const withOptions = (metadataOptions: unknown) => instance({ metadataOptions });
const launchTemplate = (props: Record<string, unknown>) => ({ type: resourceTypes.ec2LaunchTemplate, props: { imageId: "ami-0123456789abcdef0", ...props } });
const spotRequest = (props: Record<string, unknown>) => ({ type: resourceTypes.ec2SpotInstanceRequest, props: { instanceType: "t3.micro", spotPrice: "0.01", ...props } });
const compliant = { httpTokens: "required", httpPutResponseHopLimit: 1 };
const remediateLevel = { enforcementLevel: "remediate" };

describe(policy, () => {
    it("accepts an instance that requires IMDSv2 with a hop limit of 1", async () => {
        const outcome = await checkResource(policy, withOptions({ httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" }));
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.notApplicable).to.deep.equal([]);
    });

    it("rejects an instance with no metadata options: the default allows IMDSv1", async () => {
        const { violations } = await checkResource(policy, instance({}));
        expect(violations).to.have.length(1);
        expect(violations[0])
            .to.contain("metadataOptions is absent")
            .and.contain('the EC2 default, httpTokens "optional", allows IMDSv1')
            .and.contain('set metadataOptions { httpTokens: "required", httpPutResponseHopLimit: 1 }');
    });

    it("rejects httpTokens \"optional\"", async () => {
        const { violations } = await checkResource(policy, withOptions({ httpTokens: "optional", httpPutResponseHopLimit: 1 }));
        expect(violations).to.deep.equal(['metadataOptions.httpTokens is "optional"; expected "required" (IMDSv2 only).']);
    });

    it("rejects metadata options that leave httpTokens out: the default allows IMDSv1", async () => {
        const { violations } = await checkResource(policy, withOptions({ httpPutResponseHopLimit: 1 }));
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain('metadataOptions.httpTokens is absent (the EC2 default "optional" allows IMDSv1); expected "required"');
    });

    it("rejects an absent hop limit: the AMI or account default may make it 2", async () => {
        const { violations } = await checkResource(policy, withOptions({ httpTokens: "required" }));
        expect(violations).to.have.length(1);
        expect(violations[0])
            .to.contain("metadataOptions.httpPutResponseHopLimit is absent")
            .and.contain("Amazon Linux 2023")
            .and.contain("expected at most 1 (config maxHopLimit), set explicitly");
    });

    it("rejects a hop limit of 2: containers on the host could reach the credentials", async () => {
        const { violations } = await checkResource(policy, withOptions({ httpTokens: "required", httpPutResponseHopLimit: 2 }));
        expect(violations).to.have.length(1);
        expect(violations[0]).to.contain("metadataOptions.httpPutResponseHopLimit is 2").and.contain("containers").and.contain("expected at most 1");
    });

    it("reports both problems when both are wrong", async () => {
        const { violations } = await checkResource(policy, withOptions({ httpTokens: "optional", httpPutResponseHopLimit: 5 }));
        expect(violations).to.have.length(2);
        expect(violations[0]).to.contain(".httpTokens");
        expect(violations[1]).to.contain(".httpPutResponseHopLimit is 5");
    });

    it("rejects a hop limit that is not a whole number from 1 to 64", async () => {
        for (const [hop, found] of [
            ["1", '"1"'],
            [0, "0"],
            [1.5, "1.5"],
            [true, "true"],
        ] as const) {
            const { violations } = await checkResource(policy, withOptions({ httpTokens: "required", httpPutResponseHopLimit: hop }));
            expect(violations, found).to.have.length(1);
            expect(violations[0]).to.contain(`httpPutResponseHopLimit is ${found}, not a whole number from 1 to 64`);
        }
    });

    it("rejects metadata options that are not an object, without crashing", async () => {
        for (const [metadataOptions, found] of [
            ["required", '"required"'],
            [[{ httpTokens: "required", httpPutResponseHopLimit: 1 }, {}], "a list of 2 items"],
        ] as const) {
            const { violations } = await checkResource(policy, withOptions(metadataOptions));
            expect(violations, found).to.have.length(1);
            expect(violations[0]).to.contain(`metadataOptions is ${found}; expected an object`);
        }
    });

    it("accepts the options arriving as a one-element list, and names the element in messages", async () => {
        const ok = await checkResource(policy, withOptions([{ httpTokens: "required", httpPutResponseHopLimit: 1 }]));
        expect(ok.violations).to.deep.equal([]);
        const bad = await checkResource(policy, withOptions([{ httpTokens: "optional", httpPutResponseHopLimit: 1 }]));
        expect(bad.violations).to.have.length(1);
        expect(bad.violations[0]).to.contain("metadataOptions[0].httpTokens is \"optional\"");
    });

    it("accepts an instance with the metadata endpoint disabled: there are no credentials to fetch", async () => {
        for (const metadataOptions of [
            { httpEndpoint: "disabled" },
            { httpEndpoint: "disabled", httpTokens: "required", httpPutResponseHopLimit: 5 },
            { httpEndpoint: "disabled", httpTokens: "optional", httpPutResponseHopLimit: unknown.number },
        ]) {
            const { violations, cantRun } = await checkResource(policy, withOptions(metadataOptions));
            expect(violations, JSON.stringify(metadataOptions)).to.deep.equal([]);
            expect(cantRun, JSON.stringify(metadataOptions)).to.deep.equal([]);
        }
    });

    it("judges an explicitly enabled endpoint like the default", async () => {
        const { violations } = await checkResource(policy, withOptions({ httpEndpoint: "enabled", httpTokens: "optional", httpPutResponseHopLimit: 1 }));
        expect(violations).to.have.length(1);
    });

    describe("in preview", () => {
        it("never reads userData or ami, which are often unknown", async () => {
            const outcome = await checkResource(
                policy,
                instance({ userData: unknown.string, ami: unknown.string, subnetId: unknown.string, metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 } }),
            );
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.cantRun).to.deep.equal([]);
        });

        it("cannot judge metadata options that are unknown", async () => {
            const { violations, cantRun } = await checkResource(policy, withOptions(unknown.object));
            expect(violations).to.deep.equal([]);
            expect(cantRun).to.have.length(1);
            expect(cantRun[0]).to.contain("Object value at .metadataOptions can't be known during preview");
        });

        it("cannot judge an unknown httpTokens", async () => {
            const { cantRun } = await checkResource(policy, withOptions({ httpTokens: unknown.string, httpPutResponseHopLimit: 1 }));
            expect(cantRun[0]).to.contain("string value at .metadataOptions.httpTokens");
        });

        it("does not read an unknown httpEndpoint when the other settings already comply", async () => {
            const outcome = await checkResource(policy, withOptions({ httpEndpoint: unknown.string, httpTokens: "required", httpPutResponseHopLimit: 1 }));
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.cantRun).to.deep.equal([]);
        });

        it("cannot decide while the endpoint, which would excuse a violation, is unknown", async () => {
            const { violations, cantRun } = await checkResource(policy, withOptions({ httpEndpoint: unknown.string, httpTokens: "optional" }));
            expect(violations).to.deep.equal([]);
            expect(cantRun[0]).to.contain(".metadataOptions.httpEndpoint");
        });

        it("keeps a violation found before an unknown hop limit, and notes the hop limit could not be checked", async () => {
            const { violations, cantRun } = await checkResource(policy, withOptions({ httpTokens: "optional", httpPutResponseHopLimit: unknown.number }));
            expect(violations).to.deep.equal(['metadataOptions.httpTokens is "optional"; expected "required" (IMDSv2 only).']);
            expect(cantRun).to.have.length(1);
            expect(cantRun[0]).to.contain("number value at .metadataOptions.httpPutResponseHopLimit");
        });
    });

    describe("config maxHopLimit", () => {
        it("defaults to 1", () => {
            const info = analyzer().policies.find((p) => p.name === policy);
            expect(info?.configSchema?.properties.maxHopLimit).to.include({ type: "integer", default: 1, minimum: 1, maximum: 64 });
        });

        it("allows a hop limit of 2 when raised to 2, for containers that need the instance role", async () => {
            const { violations } = await checkResource(policy, withOptions({ httpTokens: "required", httpPutResponseHopLimit: 2 }), { config: { maxHopLimit: 2 } });
            expect(violations).to.deep.equal([]);
        });

        it("still rejects a hop limit above the raised maximum", async () => {
            const { violations } = await checkResource(policy, withOptions({ httpTokens: "required", httpPutResponseHopLimit: 3 }), { config: { maxHopLimit: 2 } });
            expect(violations).to.have.length(1);
            expect(violations[0]).to.contain("httpPutResponseHopLimit is 3").and.contain("expected at most 2 (config maxHopLimit)");
        });

        it("is refused outside 1-64 or when not an integer", () => {
            expectConfigRefused(policy, "maxHopLimit", [0, 65, 1.5, "1"]);
        });
    });

    describe("remediation", () => {
        it("adds the metadata options an instance lacks, keeping its other props (unknown ones included)", async () => {
            const remediations = await remediateResource(policy, instance({ userData: unknown.string }), { config: remediateLevel });
            expect(remediations).to.have.length(1);
            expect(remediations[0].diagnostic).to.equal(undefined);
            expect(remediations[0].properties).to.deep.equal({
                instanceType: "t3.micro",
                ami: "ami-0123456789abcdef0",
                userData: unknown.string,
                metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
            });
        });

        it("requires IMDSv2 and lowers the hop limit, keeping the block's other fields", async () => {
            const remediations = await remediateResource(
                policy,
                withOptions({ httpTokens: "optional", httpPutResponseHopLimit: 3, instanceMetadataTags: "enabled", httpProtocolIpv6: unknown.string }),
                { config: remediateLevel },
            );
            expect(remediations).to.have.length(1);
            expect(remediations[0].properties?.metadataOptions).to.deep.equal({
                httpTokens: "required",
                httpPutResponseHopLimit: 1,
                instanceMetadataTags: "enabled",
                httpProtocolIpv6: unknown.string,
            });
        });

        it("sets a missing hop limit to the configured maximum and leaves one within it alone", async () => {
            const missing = await remediateResource(policy, withOptions({ httpTokens: "required" }), { config: { ...remediateLevel, maxHopLimit: 2 } });
            expect(missing[0].properties?.metadataOptions).to.deep.equal({ httpTokens: "required", httpPutResponseHopLimit: 2 });
            const within = await remediateResource(policy, withOptions({ httpTokens: "optional", httpPutResponseHopLimit: 2 }), {
                config: { ...remediateLevel, maxHopLimit: 2 },
            });
            expect(within[0].properties?.metadataOptions).to.deep.equal({ httpTokens: "required", httpPutResponseHopLimit: 2 });
        });

        it("changes nothing on a compliant instance or one with the endpoint disabled", async () => {
            for (const metadataOptions of [{ httpTokens: "required", httpPutResponseHopLimit: 1 }, { httpEndpoint: "disabled" }]) {
                const remediations = await remediateResource(policy, withOptions(metadataOptions), { config: remediateLevel });
                expect(remediations, JSON.stringify(metadataOptions)).to.deep.equal([]);
            }
        });

        it("leaves malformed options for the validation to report", async () => {
            const remediations = await remediateResource(policy, withOptions("required"), { config: remediateLevel });
            expect(remediations).to.deep.equal([]);
        });

        it("fixes a one-element list in place", async () => {
            const remediations = await remediateResource(policy, withOptions([{ httpTokens: "optional" }]), { config: remediateLevel });
            expect(remediations[0].properties?.metadataOptions).to.deep.equal([{ httpTokens: "required", httpPutResponseHopLimit: 1 }]);
        });

        it("produces props the validation then accepts", async () => {
            const [remediation] = await remediateResource(policy, withOptions({ httpTokens: "optional", httpPutResponseHopLimit: 4 }), { config: remediateLevel });
            const outcome = await checkResource(policy, { type: resourceTypes.ec2Instance, props: remediation.properties! }, { config: remediateLevel });
            expect(outcome.violations).to.deep.equal([]);
        });

        it("cannot run in preview on unknown metadata options, and says so", async () => {
            const remediations = await remediateResource(policy, withOptions(unknown.object), { config: remediateLevel });
            expect(remediations).to.have.length(1);
            expect(remediations[0].properties).to.equal(undefined);
            expect(remediations[0].diagnostic).to.contain(`can't run remediation '${policy}'`).and.contain(".metadataOptions can't be known during preview");
        });

        it("does not run at the default mandatory level", async () => {
            expect(await remediateResource(policy, instance({}))).to.deep.equal([]);
        });
    });

    describe("launch templates", () => {
        it("accepts a template that requires IMDSv2 with a hop limit of 1, or disables the endpoint", async () => {
            for (const metadataOptions of [{ ...compliant, httpEndpoint: "enabled", instanceMetadataTags: "enabled" }, { httpEndpoint: "disabled" }]) {
                const outcome = await checkResource(policy, launchTemplate({ metadataOptions }));
                expect(outcome.violations, JSON.stringify(metadataOptions)).to.deep.equal([]);
                expect(outcome.notApplicable).to.deep.equal([]);
            }
        });

        it("rejects a template with no metadata options: instances launched from it allow IMDSv1", async () => {
            const { violations } = await checkResource(policy, launchTemplate({}));
            expect(violations).to.have.length(1);
            expect(violations[0])
                .to.contain("metadataOptions is absent")
                .and.contain('the EC2 default, httpTokens "optional", allows IMDSv1')
                .and.contain('set metadataOptions { httpTokens: "required", httpPutResponseHopLimit: 1 }');
        });

        it("judges the template's httpTokens and hop limit like an instance's", async () => {
            const both = await checkResource(policy, launchTemplate({ metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 2 } }));
            expect(both.violations).to.have.length(2);
            expect(both.violations[0]).to.equal('metadataOptions.httpTokens is "optional"; expected "required" (IMDSv2 only).');
            expect(both.violations[1]).to.contain("metadataOptions.httpPutResponseHopLimit is 2").and.contain("expected at most 1");
            const noHop = await checkResource(policy, launchTemplate({ metadataOptions: { httpTokens: "required" } }));
            expect(noHop.violations).to.have.length(1);
            expect(noHop.violations[0]).to.contain("metadataOptions.httpPutResponseHopLimit is absent");
            const raised = await checkResource(policy, launchTemplate({ metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 } }), { config: { maxHopLimit: 2 } });
            expect(raised.violations).to.deep.equal([]);
        });

        it("rejects malformed options and cannot judge unknown ones in preview", async () => {
            const malformed = await checkResource(policy, launchTemplate({ metadataOptions: "required" }));
            expect(malformed.violations).to.have.length(1);
            expect(malformed.violations[0]).to.contain('metadataOptions is "required"; expected an object');
            const unknownOptions = await checkResource(policy, launchTemplate({ metadataOptions: unknown.object }));
            expect(unknownOptions.violations).to.deep.equal([]);
            expect(unknownOptions.cantRun[0]).to.contain(".metadataOptions can't be known during preview");
        });

        it("never reads the image id or user data, which are often unknown", async () => {
            const outcome = await checkResource(policy, launchTemplate({ imageId: unknown.string, userData: unknown.string, metadataOptions: compliant }));
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.cantRun).to.deep.equal([]);
        });

        it("is remediated: metadata options added or fixed, the template's other props kept", async () => {
            const added = await remediateResource(policy, launchTemplate({ userData: unknown.string }), { config: remediateLevel });
            expect(added).to.have.length(1);
            expect(added[0].properties).to.deep.equal({ imageId: "ami-0123456789abcdef0", userData: unknown.string, metadataOptions: compliant });
            const fixed = await remediateResource(policy, launchTemplate({ metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 3, instanceMetadataTags: "enabled" } }), {
                config: remediateLevel,
            });
            expect(fixed[0].properties?.metadataOptions).to.deep.equal({ ...compliant, instanceMetadataTags: "enabled" });
            const outcome = await checkResource(policy, { type: resourceTypes.ec2LaunchTemplate, props: fixed[0].properties! });
            expect(outcome.violations).to.deep.equal([]);
        });
    });

    describe("spot instance requests", () => {
        it("accepts a request that requires IMDSv2 with a hop limit of 1", async () => {
            const outcome = await checkResource(policy, spotRequest({ metadataOptions: compliant }));
            expect(outcome.violations).to.deep.equal([]);
            expect(outcome.notApplicable).to.deep.equal([]);
        });

        it("rejects a request with no metadata options, or with IMDSv1 allowed", async () => {
            const absent = await checkResource(policy, spotRequest({}));
            expect(absent.violations).to.have.length(1);
            expect(absent.violations[0]).to.contain("metadataOptions is absent");
            const optional = await checkResource(policy, spotRequest({ metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 1 } }));
            expect(optional.violations).to.deep.equal(['metadataOptions.httpTokens is "optional"; expected "required" (IMDSv2 only).']);
        });

        it("is remediated like an instance", async () => {
            const remediations = await remediateResource(policy, spotRequest({ metadataOptions: [{ httpTokens: "optional" }] }), { config: remediateLevel });
            expect(remediations).to.have.length(1);
            expect(remediations[0].properties?.metadataOptions).to.deep.equal([compliant]);
        });
    });

    describe("an instance launched from a launch template", () => {
        const templateRef = { id: "lt-0123456789abcdef0", version: "$Latest" };

        it("is still rejected without metadata options of its own, and the message says why and what to do", async () => {
            for (const resource of [instance({ launchTemplate: templateRef }), spotRequest({ launchTemplate: templateRef })]) {
                const { violations } = await checkResource(policy, resource);
                expect(violations, resource.type).to.have.length(1);
                expect(violations[0], resource.type)
                    .to.contain("metadataOptions is absent and the instance is launched from a launchTemplate")
                    .and.contain("the pack cannot see from the instance")
                    .and.contain('repeat metadataOptions on the instance (metadataOptions { httpTokens: "required", httpPutResponseHopLimit: 1 })')
                    .and.contain("the template's settings are judged on the template");
            }
        });

        it("is rejected in preview too, where the template's id is unknown, without waiting on it", async () => {
            for (const ref of [{ id: unknown.string, version: unknown.string }, unknown.object]) {
                const { violations, cantRun } = await checkResource(policy, instance({ launchTemplate: ref }));
                expect(violations, JSON.stringify(ref)).to.have.length(1);
                expect(violations[0]).to.contain("repeat metadataOptions on the instance");
                expect(cantRun, JSON.stringify(ref)).to.deep.equal([]);
            }
        });

        it("is judged on its own options when it repeats them", async () => {
            const ok = await checkResource(policy, instance({ launchTemplate: templateRef, metadataOptions: compliant }));
            expect(ok.violations).to.deep.equal([]);
            const bad = await checkResource(policy, instance({ launchTemplate: templateRef, metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 1 } }));
            expect(bad.violations).to.deep.equal(['metadataOptions.httpTokens is "optional"; expected "required" (IMDSv2 only).']);
        });

        it("gets the plain message when launchTemplate is null or an empty list", async () => {
            for (const ref of [null, []]) {
                const { violations } = await checkResource(policy, instance({ launchTemplate: ref }));
                expect(violations, JSON.stringify(ref)).to.have.length(1);
                expect(violations[0]).to.contain("metadataOptions is absent, so IMDS is left to the AMI and account defaults");
            }
        });

        it("is remediated by repeating the options on the instance", async () => {
            const remediations = await remediateResource(policy, instance({ launchTemplate: templateRef }), { config: remediateLevel });
            expect(remediations).to.have.length(1);
            expect(remediations[0].properties?.metadataOptions).to.deep.equal(compliant);
            expect(remediations[0].properties?.launchTemplate).to.deep.equal(templateRef);
        });
    });

    describe("launch configurations (deprecated, still declared)", () => {
        const launchConfiguration = (props: Record<string, unknown>) => ({ type: resourceTypes.ec2LaunchConfiguration, props: { imageId: "ami-0123456789abcdef0", instanceType: "t3.micro", ...props } });
        it("accepts one that requires IMDSv2 with a hop limit of 1", async () => {
            expect((await checkResource(policy, launchConfiguration({ metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 } }))).violations).to.deep.equal([]);
        });

        it("rejects one without metadata options, or with IMDSv1 allowed", async () => {
            expect((await checkResource(policy, launchConfiguration({}))).violations[0]).to.contain("metadataOptions is absent");
            const { violations } = await checkResource(policy, launchConfiguration({ metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 1 } }));
            expect(violations).to.deep.equal(['metadataOptions.httpTokens is "optional"; expected "required" (IMDSv2 only).']);
        });

        it("is remediated like an instance", async () => {
            const [remediation] = await remediateResource(policy, launchConfiguration({}), { config: remediateLevel });
            expect(remediation.properties?.metadataOptions).to.deep.equal({ httpTokens: "required", httpPutResponseHopLimit: 1 });
        });
    });

    it("does not apply to other resource types", async () => {
        const outcome = await checkResource(policy, { type: resourceTypes.ec2SecurityGroup, props: {} });
        expect(outcome.violations).to.deep.equal([]);
        expect(outcome.notApplicable).to.deep.equal([
            `applies only to ${resourceTypes.ec2Instance}, ${resourceTypes.ec2SpotInstanceRequest}, ${resourceTypes.ec2LaunchTemplate}, ${resourceTypes.ec2LaunchConfiguration}`,
        ]);
    });
});
