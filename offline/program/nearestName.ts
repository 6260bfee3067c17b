// "Did you mean ...?" for a misspelt name: the known name fewest edits away, when it is close enough
// to be the likely intent (a typo, a swapped pair, different case), and none when nothing is.

/**
 * Edits between two strings: insertions, deletions, substitutions, and swaps of two adjacent
 * characters (`domianName` is one edit from `domainName`), ignoring case.
 */
export function editDistance(a: string, b: string): number {
    const s = a.toLowerCase();
    const t = b.toLowerCase();
    // d[i][j]: edits from the first i characters of s to the first j of t.
    const d = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= s.length; i++) {
        for (let j = 1; j <= t.length; j++) {
            const substitution = s[i - 1] === t[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + substitution);
            if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[s.length][t.length];
}

/**
 * The candidate nearest to `name`, if it is within a third of the name's length in edits (at least
 * 2: short names get a typo's worth too, but never all of the name). Ties go to the first candidate.
 */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
    const allowed = Math.max(2, Math.floor(name.length / 3));
    let best: { candidate: string; distance: number } | undefined;
    for (const candidate of candidates) {
        const distance = editDistance(name, candidate);
        if (distance <= allowed && distance < name.length && (!best || distance < best.distance)) best = { candidate, distance };
    }
    return best?.candidate;
}
