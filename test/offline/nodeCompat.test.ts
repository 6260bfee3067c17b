// fs.promises.glob as Node 22+ has it, for Node 20: the closure serializer's one use, npm workspace patterns.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { globFiles } from "../../offline/program/nodeCompat";

async function collect(pattern: string): Promise<string[]> {
    const found: string[] = [];
    for await (const file of globFiles(pattern)) found.push(file);
    return found.sort();
}

describe("fs.promises.glob for Node 20 (offline/program/nodeCompat.ts)", () => {
    let root: string;
    before(() => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "glob-"));
        for (const dir of ["packages/a", "packages/b", "packages/b/nested", "tools/cli", "other"]) fs.mkdirSync(path.join(root, dir), { recursive: true });
        for (const dir of ["", "packages/a", "packages/b", "packages/b/nested", "tools/cli"]) fs.writeFileSync(path.join(root, dir, "package.json"), "{}");
    });
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    const cases: [string, string[]][] = [
        ["packages/*/package.json", ["packages/a/package.json", "packages/b/package.json"]],
        ["packages/**/package.json", ["packages/a/package.json", "packages/b/nested/package.json", "packages/b/package.json"]],
        ["{packages/a,tools/cli}/package.json", ["packages/a/package.json", "tools/cli/package.json"]],
        ["tools/cl?/package.json", ["tools/cli/package.json"]],
        ["policy-pack/package.json", []],
        ["package.json", ["package.json"]],
    ];
    for (const [pattern, expected] of cases) {
        it(`matches ${pattern} as npm workspaces mean it`, async () => {
            expect(await collect(path.join(root, pattern))).to.deep.equal(expected.map((f) => path.join(root, f)));
        });
    }

    it("agrees with Node's own fs.promises.glob where Node has one", async function () {
        const native = (fs.promises as unknown as { glob?: (pattern: string) => AsyncIterable<string> }).glob;
        if (typeof native !== "function" || native === (globFiles as unknown)) this.skip(); // Node 20: nothing to compare with
        for (const [pattern] of cases) {
            const theirs: string[] = [];
            for await (const file of native(path.join(root, pattern))) theirs.push(path.resolve(file));
            expect(await collect(path.join(root, pattern)), pattern).to.deep.equal(theirs.sort());
        }
    });
});
