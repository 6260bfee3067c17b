// `npm start`: the offline check's entry point (see cli.ts). Plain JavaScript so that it can register
// the TypeScript loader before anything written in TypeScript is required.
"use strict";
require("./program/register").register();
require("./cli.ts").runCli();
