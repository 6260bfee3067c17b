// Quoting for values we place in bash scripts and in commands users paste into a shell.

/** A word bash reads back as exactly `value`: left bare when that is safe, else single-quoted. */
export function shellQuote(value: string): string {
    if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(value)) return value;
    return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A command line from its words, each quoted as needed. */
export function shellCommand(words: readonly string[]): string {
    return words.map(shellQuote).join(" ");
}
