import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { postgresConnection, postgresVersion, repoRoot } from './server';

const resultsFile = path.join(repoRoot, 'bench/RESULTS.md');

export async function machineLine(): Promise<string> {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memGiB = (totalmem() / 2 ** 30).toFixed(1);
  const head = execSync('git rev-parse --short HEAD', { cwd: repoRoot }).toString().trim();
  // The tree is shared: say when the server that was measured differs from the commit.
  const dirty = execSync('git status --porcelain -- server/src server/migrations', { cwd: repoRoot }).toString().trim() !== '';
  const commit = dirty ? `${head} + uncommitted server changes` : head;
  // The machine is shared: the load average says how much else was running at the time.
  const load = loadavg().map((n) => n.toFixed(2)).join(' ');
  return `${cpus().length} cores (${cpu}), ${memGiB} GiB RAM, Node ${process.version}, PostgreSQL ${await postgresVersion()} over ${postgresConnection}, PGlite 0.5, commit ${commit}, load average ${load} at the end`;
}

/** A Markdown table; the same text goes to stdout and RESULTS.md. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');

/**
 * Replaces this bench's section of bench/RESULTS.md (between its markers) with `body`,
 * stamped with the date and machine, or appends the section when it is new.
 */
export async function recordResults(bench: string, title: string, body: string): Promise<void> {
  const start = `<!-- bench:${bench} -->`;
  const end = `<!-- /bench:${bench} -->`;
  const section = [start, `## ${title}`, '', `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${await machineLine()}.`, '', body.trim(), end].join('\n');
  const current = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Benchmark results\n\nWritten by `npm run bench:*` (see README.md). Each bench replaces its own section.\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from ? current.slice(0, from) + section + current.slice(to + end.length) : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(resultsFile, next);
  console.log(`\nrecorded in ${path.relative(process.cwd(), resultsFile)}`);
}
