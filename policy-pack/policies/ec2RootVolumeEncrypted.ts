// ec2-root-volume-encrypted: an EC2 instance's root volume is encrypted. The package reader's root
// volume holds the Maven cache (every package it fetched) and whatever the build leaves on disk;
// an unencrypted volume or snapshot of it is readable by anyone who gets a copy.
//
// An instance that says nothing about its root volume gets whatever the AMI snapshot and the
// account decide: encrypted only if the snapshot is, or if the account turned on EBS encryption by
// default. The program cannot see either, so an absent `rootBlockDevice.encrypted` is a violation
// unless the pack's config states that the account encrypts new volumes by default. An explicit
// `encrypted: false` is a violation either way: the program would then contradict the volume.
import { ResourceValidationPolicy } from "@pulumi/policy";
import { validateTypes } from "../appliesTo";
import { resourceTypes } from "../resourceTypes";
import { describeValue, singleBlock } from "../resourceProps";

interface Config {
    accountDefaultEbsEncryption: boolean;
}

const fix = "set rootBlockDevice { encrypted: true } (and kmsKeyId for a customer-managed key)";
const orConfig = "or, if the account has EBS encryption by default turned on, set this policy's config accountDefaultEbsEncryption: true";

export const ec2RootVolumeEncrypted: ResourceValidationPolicy = {
    name: "ec2-root-volume-encrypted",
    description: "Every EC2 instance's root volume is encrypted (rootBlockDevice.encrypted: true).",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps: [
        "Set `rootBlockDevice: { encrypted: true }` on the aws.ec2.Instance, with `kmsKeyId` to use a customer-managed key.",
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
                description: "The target account encrypts new EBS volumes by default, so a root volume that does not set `encrypted` is encrypted.",
            },
        },
    },
    validateResource: validateTypes([resourceTypes.ec2Instance], (args, reportViolation) => {
        const accountDefault = args.getConfig<Partial<Config>>().accountDefaultEbsEncryption === true;
        const root = singleBlock(args.props, "rootBlockDevice");
        if (root.kind === "malformed") {
            return reportViolation(`rootBlockDevice is ${root.found}; expected an object: ${fix}.`);
        }
        if (root.kind === "absent") {
            if (accountDefault) return;
            return reportViolation(
                `rootBlockDevice is absent, so the root volume is encrypted only if the AMI's snapshot is or the account encrypts new volumes by default; ${fix}, ${orConfig}.`,
            );
        }
        const encrypted: unknown = root.block.encrypted;
        if (encrypted === true) return;
        if (encrypted === undefined || encrypted === null) {
            if (accountDefault) return;
            return reportViolation(
                `${root.path}.encrypted is ${describeValue(encrypted)}, so the root volume is encrypted only if the AMI's snapshot is or the account encrypts new volumes by default; ${fix}, ${orConfig}.`,
            );
        }
        reportViolation(`${root.path}.encrypted is ${describeValue(encrypted)}; expected true: ${fix}.`);
    }),
};
