// Policies that changed their name, old name -> new name. Policy names are a contract (pack configs
// key their settings by them), so a rename is recorded here: the offline check (`npm start`) applies
// a config written for the old name to the new one and warns loudly. The Pulumi CLI ignores a config
// key that names no policy of the pack, so with `--policy-pack-config` rename the key: until then the
// new policy runs with its defaults (the strict ones) and its own enforcement level.
export const renamedPolicies: Readonly<Record<string, string>> = {
    // It judges every EBS volume now, not only the root one.
    "ec2-root-volume-encrypted": "ec2-ebs-volumes-encrypted",
};
