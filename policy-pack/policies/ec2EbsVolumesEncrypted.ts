// ec2-ebs-volumes-encrypted (formerly ec2-root-volume-encrypted; see renamedPolicies.ts): every EBS
// volume a build host can get is encrypted. The package reader's volumes hold the Maven cache (every
// package it fetched) and whatever the build leaves on disk; an unencrypted volume or snapshot of one
// is readable by anyone who gets a copy.
//
// Judged wherever a build host's volumes are described: an Instance, a SpotInstanceRequest and a
// LaunchConfiguration (`rootBlockDevice` and every `ebsBlockDevices` entry), a LaunchTemplate
// (`blockDeviceMappings[].ebs`), and every standalone aws.ebs.Volume (`encrypted`). A Volume reaches
// an instance later, through an aws.ec2.VolumeAttachment; judging every Volume of the stack before it
// is created covers the ones attached to a build host without waiting for the stack's links.
//
// An instance that says nothing about its root volume gets whatever the AMI snapshot and the
// account decide: encrypted only if the snapshot is, or if the account turned on EBS encryption by
// default. The program cannot see either, so an absent `rootBlockDevice.encrypted` is a violation
// unless the pack's config states that the account encrypts new volumes by default. An explicit
// `encrypted: false` is a violation either way: the program would then contradict the volume.
// An instance launched from a `launchTemplate` is judged the same way: from the instance the pack
// cannot see which template version it gets, so it repeats rootBlockDevice (the template is judged
// on its own).
//
// A launch template names no root volume as such: the AMI decides which device is the root. So every
// EBS mapping must be encrypted, and a template with no EBS mapping leaves the root volume to the
// AMI, judged like an absent rootBlockDevice. The residual: a template whose EBS mappings are all
// encrypted but none of them is the AMI's root device passes; the device name comes from the AMI.
// The template's `encrypted` is the provider's nullable boolean string: "true" or "1" is on, "false"
// or "0" is off, "" is unset.
import { ReportViolation } from "@pulumi/policy";
import { validateTypes } from "../appliesTo";
import { resourceTypes } from "../resourceTypes";
import { describeValue, isObject, isSet, singleBlock } from "../resourceProps";
import { PackResourcePolicy } from "./packPolicy";

interface Config {
    accountDefaultEbsEncryption: boolean;
}

const fix = "set rootBlockDevice { encrypted: true } (and kmsKeyId for a customer-managed key)";
const dataFix = "set encrypted: true on it (and kmsKeyId for a customer-managed key)";
const templateFix = 'set ebs { encrypted: "true" } (and kmsKeyId for a customer-managed key)';
const orConfig = "or, if the account has EBS encryption by default turned on, set this policy's config accountDefaultEbsEncryption: true";
const unseen = "encrypted only if the AMI's snapshot is or the account encrypts new volumes by default";

/** An Instance's or SpotInstanceRequest's `rootBlockDevice`. */
function judgeRootBlockDevice(props: Record<string, unknown>, accountDefault: boolean, reportViolation: ReportViolation): void {
    const root = singleBlock(props, "rootBlockDevice");
    if (root.kind === "malformed") {
        return reportViolation(`rootBlockDevice is ${root.found}; expected an object: ${fix}.`);
    }
    if (root.kind === "absent") {
        if (accountDefault) return;
        if (isSet(props, "launchTemplate")) {
            return reportViolation(
                `rootBlockDevice is absent and the instance is launched from a launchTemplate, whose volumes the pack cannot see from the instance (another version of it, or a template outside the stack, may apply), so the root volume is ${unseen}; repeat rootBlockDevice { encrypted: true } on the instance; the template's settings are judged on the template; ${orConfig}.`,
            );
        }
        return reportViolation(`rootBlockDevice is absent, so the root volume is ${unseen}; ${fix}, ${orConfig}.`);
    }
    const encrypted: unknown = root.block.encrypted;
    if (encrypted === true) return;
    if (encrypted === undefined || encrypted === null) {
        if (accountDefault) return;
        return reportViolation(`${root.path}.encrypted is ${describeValue(encrypted)}, so the root volume is ${unseen}; ${fix}, ${orConfig}.`);
    }
    reportViolation(`${root.path}.encrypted is ${describeValue(encrypted)}; expected true: ${fix}.`);
}

/** An Instance's, SpotInstanceRequest's or LaunchConfiguration's `ebsBlockDevices`: each data volume encrypted. */
function judgeEbsBlockDevices(props: Record<string, unknown>, accountDefault: boolean, reportViolation: ReportViolation): void {
    const devices: unknown = props.ebsBlockDevices;
    if (devices === undefined || devices === null) return;
    if (!Array.isArray(devices)) {
        return reportViolation(`ebsBlockDevices is ${describeValue(devices)}; expected a list of volumes: on each, ${dataFix}.`);
    }
    for (let i = 0; i < devices.length; i++) {
        const device: unknown = devices[i];
        const where = `ebsBlockDevices[${i}]`;
        if (!isObject(device)) {
            reportViolation(`${where} is ${describeValue(device)}; expected a volume object: ${dataFix}.`);
            continue;
        }
        if (device.noDevice === true) continue; // suppresses the AMI's mapping: no volume
        judgeEncryptedFlag(device.encrypted, `${where}.encrypted`, "the data volume", accountDefault, reportViolation);
    }
}

/** A volume's boolean `encrypted` (ebsBlockDevices entry, aws.ebs.Volume): true, or unset with the account default. */
function judgeEncryptedFlag(encrypted: unknown, path: string, what: string, accountDefault: boolean, reportViolation: ReportViolation): void {
    if (encrypted === true) return;
    if (encrypted === undefined || encrypted === null) {
        if (!accountDefault) reportViolation(`${path} is ${describeValue(encrypted)}, so ${what} is encrypted only if its snapshot is or the account encrypts new volumes by default; ${dataFix}, ${orConfig}.`);
        return;
    }
    reportViolation(`${path} is ${describeValue(encrypted)}; expected true: ${dataFix}.`);
}

/** A LaunchTemplate's `blockDeviceMappings`: every EBS mapping encrypted, and at least one of them. */
function judgeLaunchTemplate(props: Record<string, unknown>, accountDefault: boolean, reportViolation: ReportViolation): void {
    const mappings: unknown = props.blockDeviceMappings;
    const noEbs = (found: string) =>
        accountDefault
            ? undefined
            : reportViolation(
                  `${found}, so instances launched from the template get the AMI's root volume, ${unseen}; add a mapping for the AMI's root device (deviceName, "/dev/xvda" on Amazon Linux) and ${templateFix}, ${orConfig}.`,
              );
    if (mappings === undefined || mappings === null) return noEbs("blockDeviceMappings is absent");
    if (!Array.isArray(mappings)) {
        return reportViolation(`blockDeviceMappings is ${describeValue(mappings)}; expected a list of mappings: on each EBS mapping, ${templateFix}.`);
    }
    let ebsMappings = 0;
    let unreadable = false; // a mapping that is not an object may be an EBS one: no "no EBS mapping" on top
    for (let i = 0; i < mappings.length; i++) {
        // Each mapping is read just before it is judged: an unknown one comes after the violations before it.
        const mapping: unknown = mappings[i];
        const where = `blockDeviceMappings[${i}]`;
        if (!isObject(mapping)) {
            reportViolation(`${where} is ${describeValue(mapping)}; expected a mapping object: ${templateFix}.`);
            unreadable = true;
            continue;
        }
        const ebs = singleBlock(mapping, "ebs");
        if (ebs.kind === "absent") continue; // an instance store (virtualName) or a suppressed device (noDevice): no EBS volume
        ebsMappings++;
        if (ebs.kind === "malformed") {
            reportViolation(`${where}.ebs is ${ebs.found}; expected an object: ${templateFix}.`);
            continue;
        }
        const encrypted: unknown = ebs.block.encrypted;
        const path = `${where}.${ebs.path}.encrypted`;
        if (encrypted === "true" || encrypted === "1" || encrypted === true) continue;
        if (encrypted === undefined || encrypted === null || encrypted === "") {
            if (!accountDefault) {
                reportViolation(`${path} is ${describeValue(encrypted)}, so the volume is encrypted only if its snapshot is or the account encrypts new volumes by default; ${templateFix}, ${orConfig}.`);
            }
            continue;
        }
        reportViolation(`${path} is ${describeValue(encrypted)}; expected "true": ${templateFix}.`);
    }
    if (ebsMappings === 0 && !unreadable) noEbs(mappings.length === 0 ? "blockDeviceMappings is empty" : "blockDeviceMappings has no EBS mapping");
}

export const ec2EbsVolumesEncrypted: PackResourcePolicy = {
    name: "ec2-ebs-volumes-encrypted",
    description:
        "Every EBS volume is encrypted: an instance's, spot request's or launch configuration's root volume and ebsBlockDevices, every EBS mapping of a launch template, and every aws.ebs.Volume.",
    rationale:
        "The root volume holds the build user's Maven cache and settings, and a data volume whatever the build puts there. Every EBS volume a host can get is judged: an instance's, spot request's or launch configuration's `rootBlockDevice` and every `ebsBlockDevices` entry (but `noDevice` ones), every EBS mapping of a launch template, and every `aws.ebs.Volume` of the stack (a `VolumeAttachment` puts it on an instance later; judging every volume before it is created covers those attached to a build host).",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps: [
        "Set `rootBlockDevice: { encrypted: true }` and `encrypted: true` on every `ebsBlockDevices` entry of the aws.ec2.Instance, SpotInstanceRequest",
        "or LaunchConfiguration, and `encrypted: true` on every aws.ebs.Volume, with `kmsKeyId` to use a customer-managed key;",
        "an instance launched from a launch template repeats it. On an aws.ec2.LaunchTemplate, set `ebs: { encrypted: \"true\" }` on every",
        "block device mapping, and map the AMI's root device (`/dev/xvda` on Amazon Linux).",
        "Changing encryption replaces the root volume (and the instance): keep nothing on it that is not rebuilt by user data.",
        "If the account has EBS encryption by default turned on (`aws ec2 get-ebs-encryption-by-default`),",
        "set accountDefaultEbsEncryption: true in this policy's config to accept instances that leave it unset.",
    ].join(" "),
    url: "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html",
    configSchema: {
        properties: {
            accountDefaultEbsEncryption: {
                type: "boolean",
                default: false,
                description: "The target account encrypts new EBS volumes by default, so a volume that does not set `encrypted` is encrypted.",
            },
        },
    },
    validateResource: validateTypes(
        [resourceTypes.ec2Instance, resourceTypes.ec2SpotInstanceRequest, resourceTypes.ec2LaunchConfiguration, resourceTypes.ec2LaunchTemplate, resourceTypes.ebsVolume],
        (args, reportViolation) => {
            const accountDefault = args.getConfig<Partial<Config>>().accountDefaultEbsEncryption === true;
            if (args.type === resourceTypes.ec2LaunchTemplate) return judgeLaunchTemplate(args.props, accountDefault, reportViolation);
            if (args.type === resourceTypes.ebsVolume) return judgeEncryptedFlag(args.props.encrypted, "encrypted", "the volume", accountDefault, reportViolation);
            judgeRootBlockDevice(args.props, accountDefault, reportViolation);
            judgeEbsBlockDevices(args.props, accountDefault, reportViolation);
        },
    ),
};
