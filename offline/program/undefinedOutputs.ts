// The SDK warns, for each stack output whose value is undefined, that it "will not show as a stack
// output". In an update the offline check leaves values only AWS computes unset (an instance's
// publicDns, an API's url), so an export of one is undefined here although pulumi up would have it:
// the SDK's lines would blame the program for the check's gap. In an update they become one note
// that says so; in preview (where such values are unknown, not undefined) they are the program's own
// and pass through.
const UNDEFINED_OUTPUT = /^warning: \[runtime\] Undefined value \((.+)\) will not show as a stack output\.$/;

/** Until the returned function runs, folds the SDK's undefined-output warnings of an update into one note. */
export function foldUndefinedOutputWarnings(notes: Set<string>, preview: boolean): () => void {
    if (preview) return () => {};
    const warn = console.warn;
    const outputs: string[] = [];
    console.warn = (...args: unknown[]) => {
        const match = args.length === 1 && typeof args[0] === "string" ? UNDEFINED_OUTPUT.exec(args[0]) : null;
        if (!match) return warn.apply(console, args);
        outputs.push(match[1]);
    };
    return () => {
        console.warn = warn;
        if (outputs.length === 0) return;
        notes.add(
            `stack output${outputs.length === 1 ? "" : "s"} ${outputs.join(", ")} ${outputs.length === 1 ? "is" : "are"} undefined in the offline update: ` +
                `the check leaves values only the provider computes (AWS, or one it does not model) unset there, so policies that read them see nothing (pulumi up would have them)`,
        );
    };
}
