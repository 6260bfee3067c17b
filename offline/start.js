// `npm start`: the offline check's entry point (see cli.ts). Plain JavaScript so that it can register
// the TypeScript loader before anything written in TypeScript is required.
"use strict";
const path = require("path");
const Module = require("module");
// Node 22+ keeps V8's compiled code of every module it loads on disk (the SDKs are most of a run's
// cost): a warm run starts about 0.2 s sooner. Node 20 has no compile cache; there this is a no-op.
if (typeof Module.enableCompileCache === "function") {
    Module.enableCompileCache(path.join(__dirname, "..", "node_modules", ".cache", "node-compile-cache"));
}
require("./program/register").register();
require("./cli.ts").runCli();
