// The README and the pages under docs/ are the user's reference: they must name every config key the
// program reads, every policy of the pack, and the commands package.json actually defines.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { CONFIG_KEYS } from "../infra/config/configKeys";
import { policies } from "../policy-pack/policies";

const ROOT = path.join(__dirname, "..");
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const doc = (page: string) => fs.readFileSync(path.join(ROOT, "docs", page), "utf8");

describe("README", () => {
    it("documents every config key in the configuration table", () => {
        const configuration = doc("configuration.md");
        for (const key of Object.keys(CONFIG_KEYS)) expect(configuration, key).to.contain(`| \`${key}\` |`);
    });

    it("documents every policy of the pack, in the table and in the why/how-to-fix section", () => {
        const pack = doc("policy-pack.md");
        for (const { name } of policies) {
            expect(pack, name).to.match(new RegExp(`\\| \`${name}\`( \\(stack\\))? \\|`));
            expect(pack, name).to.contain(`**\`${name}\`**:`);
        }
    });

    it("gives the quick start as the scripts package.json defines: npm ci, npm start, npm test", () => {
        const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts;
        expect(scripts).to.include.keys("start", "test", "bench");
        expect(readme).to.match(/npm ci\s.*\nnpm start\s.*\nnpm test\s/);
    });

    it("deploys with the policy pack and the stack's pack config, both of which exist", () => {
        const deploying = doc("deploying.md");
        expect(deploying).to.contain("pulumi up --refresh --yes --policy-pack policy-pack --policy-pack-config policy-pack/config/dev.json");
        expect(deploying).to.contain("pulumi up --refresh --policy-pack ../policy-pack --policy-pack-config ../policy-pack/config/bootstrap.json");
        expect(fs.existsSync(path.join(ROOT, "policy-pack", "config", "bootstrap.json"))).to.equal(true);
        expect(fs.existsSync(path.join(ROOT, "policy-pack", "config", "dev.json"))).to.equal(true);
    });
});
