// The region the AWS provider falls back to without aws:region: the SDKs' default chain.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { providerDefaultRegion } from "../../offline/aws/sharedConfigRegion";

describe("the AWS provider's region without aws:region", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-config-"));
    const file = path.join(dir, "config");
    fs.writeFileSync(file, "[default]\noutput = json\nregion = eu-north-1\n\n[profile ci]\nregion=ap-southeast-2\n[sso-session x]\nregion = us-east-1\n");
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("takes AWS_REGION, then AWS_DEFAULT_REGION, before the shared config file", () => {
        expect(providerDefaultRegion({}, { AWS_REGION: "us-east-2", AWS_DEFAULT_REGION: "us-west-1", AWS_CONFIG_FILE: file })).to.deep.equal({ region: "us-east-2", source: "AWS_REGION" });
        expect(providerDefaultRegion({}, { AWS_DEFAULT_REGION: "us-west-1", AWS_CONFIG_FILE: file })).to.deep.equal({ region: "us-west-1", source: "AWS_DEFAULT_REGION" });
    });

    it("reads the profile's region from the shared config file: aws:profile, else AWS_PROFILE, else default", () => {
        expect(providerDefaultRegion({}, { AWS_CONFIG_FILE: file })?.region).to.equal("eu-north-1");
        expect(providerDefaultRegion({}, { AWS_CONFIG_FILE: file, AWS_PROFILE: "ci" })?.region).to.equal("ap-southeast-2");
        expect(providerDefaultRegion({ "aws:profile": "ci" }, { AWS_CONFIG_FILE: file, AWS_PROFILE: "other" })?.source).to.equal(`${file} [profile ci]`);
        expect(providerDefaultRegion({}, { AWS_CONFIG_FILE: file, AWS_PROFILE: "x" })).to.equal(undefined);
        expect(providerDefaultRegion({}, { AWS_CONFIG_FILE: path.join(dir, "missing") })).to.equal(undefined);
    });
});
