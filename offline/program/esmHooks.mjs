// Module hooks (node:module register) for a program that is an ES module (package.json
// "type": "module"), as the language host's ts-node/esm hooks run it:
// - a TypeScript file of the program's project is transpiled (register.js, with the project's compiler
//   options and ES module output) and loaded as an ES module;
// - `./acl.js` names `./acl.ts` when only that exists (TypeScript's nodenext convention);
// - a package the program's project has not installed resolves from this project, as for CommonJS
//   programs (programResolution.ts), and the main thread is told so it can note it;
// - the program's own files get the run's number in their URL, so that each run (preview, then
//   update) evaluates them afresh: the ES module cache, unlike require's, cannot be emptied.
// The main thread sends { dir, options, run } before each run and waits for "ready".
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const loader = require("./register.js");
const HOST_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const HOST_PARENT = pathToFileURL(path.join(HOST_ROOT, "index.js")).href;

let current = { dir: undefined, run: 0 };
let port;

export function initialize(data) {
    port = data.port;
    port.on("message", (message) => {
        loader.useProjectOptions(message.dir, message.options);
        current = { dir: message.dir, run: message.run };
        port.postMessage({ ready: message.run });
    });
    port.unref();
}

function inProgram(url) {
    if (!url.startsWith("file:") || current.dir === undefined) return false;
    const file = fileURLToPath(url.split("?")[0]);
    return file.startsWith(current.dir + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`);
}

export async function resolve(specifier, context, next) {
    let result;
    try {
        result = await next(specifier, context);
    } catch (err) {
        if (err.code !== "ERR_MODULE_NOT_FOUND" || !context.parentURL || !inProgram(context.parentURL)) throw err;
        const relative = specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith("/");
        const typescript = specifier.replace(/\.js$/, ".ts").replace(/\.mjs$/, ".mts");
        if (relative && typescript !== specifier) {
            result = await next(typescript, context);
        } else if (!relative && !specifier.startsWith("node:")) {
            result = await next(specifier, { ...context, parentURL: HOST_PARENT });
            port.postMessage({ fallback: specifier });
        } else {
            throw err;
        }
    }
    if (inProgram(result.url)) return { ...result, url: `${result.url.split("?")[0]}?offline-run=${current.run}` };
    return result;
}

export async function load(url, context, next) {
    const clean = url.split("?")[0];
    if (/\.m?ts$/.test(clean) && inProgram(clean)) {
        const file = fileURLToPath(clean);
        return { format: "module", source: loader.transpile(fs.readFileSync(file, "utf8"), file), shortCircuit: true };
    }
    return next(url, context);
}
