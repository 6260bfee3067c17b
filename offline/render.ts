// The check's report for people (a resource tree, then each run's findings and a summary line) and
// for machines (`--json`: one object of a fixed shape).
import { OfflineReport, ReportResource, RunReport } from "./offlineCheck";

/** The `--json` document: exactly the documented shape, nothing more. */
export function jsonReport(report: OfflineReport): string {
    return JSON.stringify({
        program: report.program,
        stack: report.stack,
        runs: report.runs.map((run) => ({
            mode: run.mode,
            resources: run.resources.map((r) => ({
                urn: r.urn,
                type: r.type,
                name: r.name,
                parent: r.parent ?? null,
                dependencies: r.dependencies,
                protect: r.protect,
                props: r.props,
            })),
            violations: run.violations.map((v) => ({ policy: v.policy, enforcementLevel: v.enforcementLevel, urn: v.urn, message: v.message })),
            notRun: run.notRun.map((n) => ({ policy: n.policy, urn: n.urn, reason: n.reason })),
        })),
    }, null, 2);
}

export function humanReport(report: OfflineReport): string {
    const config = report.policyConfigFile ? `, policy config ${report.policyConfigFile}` : "";
    const lines: string[] = [`Offline check of ${report.program} (project ${report.project}, stack ${report.stack}) against policy pack codeartifact-least-privilege${config}`, ""];
    let shown: string | undefined;
    for (const run of report.runs) {
        const urns = run.resources.map((r) => r.urn).sort().join("\n"); // order varies with async timing
        if (urns !== shown) {
            lines.push(`Resources${report.runs.length > 1 && shown === undefined ? "" : ` (${run.mode})`}: ${run.resources.length}`, ...tree(run.resources), "");
            shown = urns;
        }
    }
    for (const run of report.runs) lines.push(...findings(run), "");
    lines.push(...report.runs.map(summary));
    return lines.join("\n");
}

export function hasMandatoryViolation(run: RunReport): boolean {
    return run.violations.some((v) => v.enforcementLevel === "mandatory");
}

function findings(run: RunReport): string[] {
    const lines = [`${run.mode}:`];
    const names = new Map(run.resources.map((r) => [r.urn, `${r.type} ${r.name}`]));
    const label = (urn: string) => names.get(urn) ?? urn;
    if (run.violations.length === 0 && run.notRun.length === 0) lines.push("  no policy violations");
    for (const v of run.violations) {
        lines.push(`  [${v.enforcementLevel}] ${v.policy}  ${label(v.urn)}`);
        lines.push(...v.message.split("\n").map((line) => `      ${line}`));
    }
    for (const n of run.notRun) lines.push(`  [not run] ${n.policy}  ${label(n.urn)}`, `      ${n.reason}`);
    for (const r of run.remediated) lines.push(`  [remediated] ${r.policy}  ${label(r.urn)}`);
    return lines;
}

function summary(run: RunReport): string {
    const mandatory = run.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const advisory = run.violations.length - mandatory;
    const verdict = mandatory > 0 ? "FAIL" : "pass";
    return `${run.mode}: ${verdict} - ${run.resources.length} resources, ${mandatory} mandatory and ${advisory} advisory violation${advisory === 1 ? "" : "s"}, ${run.notRun.length} polic${run.notRun.length === 1 ? "y" : "ies"} not run`;
}

/** Resources under their parents, in registration order; `[protect]` where set. */
function tree(resources: readonly ReportResource[]): string[] {
    const children = new Map<string | undefined, ReportResource[]>();
    const known = new Set(resources.map((r) => r.urn));
    for (const r of resources) {
        const parent = r.parent && known.has(r.parent) ? r.parent : undefined;
        children.set(parent, [...(children.get(parent) ?? []), r]);
    }
    const lines: string[] = [];
    const walk = (parent: string | undefined, prefix: string) => {
        const list = children.get(parent) ?? [];
        list.forEach((r, i) => {
            const last = i === list.length - 1;
            const branch = parent === undefined ? "" : last ? "└─ " : "├─ ";
            lines.push(`  ${prefix}${branch}${r.type}  ${r.name}${r.protect ? "  [protect]" : ""}`);
            walk(r.urn, parent === undefined ? prefix : prefix + (last ? "   " : "│  "));
        });
    };
    walk(undefined, "");
    return lines;
}
