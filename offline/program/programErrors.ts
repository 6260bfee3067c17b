// A failed program, reported the way a user can act on it: the program's message, where in its own
// files it failed (the .ts line, not the compiled one), a syntax error's file:line:col, and the SDK's
// nested "error serializing property" prefixes folded into one resource property path.
import * as path from "path";
import { RunError, ResourceError } from "@pulumi/pulumi";
import { HOST_ROOT, MissingPackageError } from "./programResolution";

const OWN_CODE = path.join(HOST_ROOT, "offline") + path.sep;

/** The program failed as `pulumi preview` would report it: threw, rejected, or logged an error. */
export class ProgramError extends Error {
    constructor(
        message: string,
        readonly cause?: unknown,
    ) {
        super(message);
        this.name = "ProgramError";
    }
}

/** A resource whose input `property` could not be serialized (the SDK's pending registration). */
export interface UnserializedInput {
    type: string;
    name: string;
    property: string;
}

export function programError(err: unknown, program: string, count: number, displayDir: string, unserialized: UnserializedInput[] = [], templateDefaults: Record<string, string> = {}): ProgramError {
    const error = err instanceof Error ? err : new Error(String(err));
    const more = count > 1 ? `\n(${count - 1} further error${count === 2 ? "" : "s"} after this one)` : "";
    const name = path.relative(displayDir, program) || program;
    if (error instanceof MissingPackageError) return new ProgramError(`the program ${name} cannot run: ${error.message}`, err);
    if (error.name === "SyntaxError") return new ProgramError(`the program ${name} has a syntax error: ${relativeTo(displayDir, syntaxErrorText(error))}`, err);
    // As the language host reports it (@pulumi/pulumi/cmd/run/run.ts, uncaughtHandler): a RunError by its
    // message alone - the SDK's way for a program to stop with a message for the user, as bad
    // configuration does; a ResourceError without frames when it asks so (hideStack); anything else as
    // an unhandled exception, with the frames in the program's own files. Both are recognised by the
    // SDK's markers (`isInstance`), so an error thrown through another copy of @pulumi/pulumi (a program
    // with its own node_modules) is treated the same.
    if (RunError.isInstance(err)) return new ProgramError(`${error.message}${missingConfigHint(error.message, templateDefaults)}${more}`, err);
    const hideStack = ResourceError.isInstance(err) && Boolean(err.hideStack);
    const frames = (error.stack ?? "")
        .split("\n")
        .filter((line) => /^\s+at /.test(line) && !line.includes("node_modules") && !line.includes(OWN_CODE) && !line.includes("node:internal") && line.includes(path.sep))
        .slice(0, 4);
    const where = hideStack || frames.length === 0 ? "" : `\n${frames.map(toSourceLines).join("\n")}`;
    // What the offline check itself refuses (a StackReference without outputs) arrives wrapped in the
    // SDK's registration error; its own message says everything.
    const ownMessage = /StackReference '[^']*' reads the outputs of stack[\s\S]*$/.exec(error.message)?.[0];
    return new ProgramError(`the program ${name} failed: ${foldSerializingPrefixes(ownMessage ?? error.message, unserialized)}${where}${more}`, err);
}

/** The SDK's `config.require` failure names the CLI's command; offline, the same value comes from --config. */
function missingConfigHint(message: string, templateDefaults: Record<string, string>): string {
    const key = /^Missing required configuration variable '([^']+)'/.exec(message)?.[1];
    if (!key) return "";
    const offered = templateDefaults[key];
    return offered === undefined
        ? `\n\tor, for the offline check, pass --config ${key}=VALUE (or add it to the stack file)`
        : `\n\tor, for the offline check, pass --config ${key}=${offered} (the default Pulumi.yaml's template offers; the CLI does not apply template defaults to a stack)`;
}

/**
 * `error serializing property "policy": error serializing property "statements": ...: MESSAGE`, one
 * prefix per level of nesting (rpc.ts), becomes `property policy.statements...: MESSAGE`.
 */
export function foldSerializingPrefixes(message: string, unserialized: UnserializedInput[] = []): string {
    const prefix = /^error serializing property "([^"]*)": /;
    const keys: string[] = [];
    let rest = message;
    for (let match = prefix.exec(rest); match; match = prefix.exec(rest)) {
        keys.push(match[1]);
        rest = rest.slice(match[0].length);
    }
    if (keys.length === 0) return message;
    const propertyPath = keys.map((k, i) => (/^\d+$/.test(k) ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
    const owners = unserialized.filter((u) => u.property === keys[0]);
    const owner = owners.length === 1 ? `resource '${owners[0].name}' [${owners[0].type}] ` : "";
    return `${owner}input property ${propertyPath}: ${rest}`;
}

/**
 * A SyntaxError from the TypeScript loader already reads `file:line:col - error TS...`; Node's own
 * (a .js program) puts `file:line` and the offending source line in front of its stack.
 */
function syntaxErrorText(error: Error): string {
    if (/:\d+:\d+ - error TS\d+/.test(error.message)) return error.message;
    // Node: "FILE:LINE", the source line, then a caret under the offending column.
    const location = /^(\/[^\n]*?):(\d+)\n[^\n]*\n( *)\^/.exec(error.stack ?? "");
    return location ? `${location[1]}:${location[2]}:${location[3].length + 1} - ${error.message}` : error.message;
}

function relativeTo(dir: string, text: string): string {
    return text.replace(/(\/[^\s:]+)(:\d+)/g, (_all, file: string, rest: string) => `${path.relative(dir, file) || file}${rest}`);
}

/** A stack frame in a file offline/program/register.js compiled, pointed back at the TypeScript line. */
function toSourceLines(frame: string): string {
    // register.js is plain JavaScript without typings (it is what makes TypeScript loadable); the cast states its shape.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { originalPosition } = require("./register") as { originalPosition(file: string, line: number, column: number): { line: number; column: number } | undefined };
    // An ES module's frame names a URL (file:///.../index.ts?offline-run=1:LINE:COL): the query is the
    // loader's, to run the program's top level afresh; the user's file is the path.
    return frame.replace(/(?:file:\/\/)?(\/[^\s(?]+\.[cm]?ts)(?:\?[^\s:)]*)?:(\d+):(\d+)/, (all, file: string, line: string, column: string) => {
        const original = originalPosition(file, Number(line), Number(column));
        return original ? `${file}:${original.line}:${original.column}` : all;
    });
}
