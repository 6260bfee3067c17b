// XML checks through the JDK (Java 17 is on the build machines; there is no XML parser among the
// project's npm dependencies): well-formedness, and the leaf elements for assertions.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface XmlLeaf {
    /** Element names from the root, e.g. `settings/servers/server/id`. */
    path: string;
    text: string;
}

/** A document's leaves, or the parser's complaint when it is not well-formed. */
export type ParsedXml = { leaves: XmlLeaf[]; error?: undefined } | { leaves?: undefined; error: string };

/** Parses each document with the JDK's parser, in one JVM (starting Java takes seconds). */
export function parseXmlDocuments(documents: readonly string[]): ParsedXml[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xml-"));
    try {
        const files = documents.map((xml, index) => {
            const file = path.join(dir, `document-${index}.xml`);
            fs.writeFileSync(file, xml);
            return file;
        });
        const output = execFileSync("java", [path.join(__dirname, "XmlLeaves.java"), ...files], { encoding: "utf8" });
        const results: ParsedXml[] = [];
        for (const line of output.split("\n").filter(Boolean)) {
            const [head, rawText] = line.split("\t");
            const text = unescape(rawText ?? "");
            if (head === "#FILE") results.push({ leaves: [] });
            else if (head === "#ERROR") results[results.length - 1] = { error: text };
            else results[results.length - 1].leaves!.push({ path: head, text });
        }
        return results;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** Texts of the leaves at `leafPath`, in document order. */
export function textsAt(leaves: readonly XmlLeaf[], leafPath: string): string[] {
    return leaves.filter((leaf) => leaf.path === leafPath).map((leaf) => leaf.text);
}

function unescape(text: string): string {
    return text.replace(/\\(\\|t|n)/g, (_, c: string) => (c === "t" ? "\t" : c === "n" ? "\n" : "\\"));
}
