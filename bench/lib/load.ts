export interface LoadOptions {
  /** Requests in flight at any moment. */
  concurrency: number;
  /** Stop after this many attempts... */
  maxCount: number;
  /** ...or after this long, whichever comes first. */
  maxMs: number;
}

export interface Attempt {
  status: number;
  body: unknown;
}

export interface LoadResult {
  attempts: number;
  elapsedMs: number;
  /** Attempts per second over the whole run. */
  rate: number;
  byStatus: Map<number, number>;
  latenciesMs: number[];
  /** First body seen for each status the caller did not expect. */
  unexpected: Map<number, unknown>;
}

/**
 * Runs `attempt(i)` with a fixed number in flight until the count or the time runs out.
 * `expected` lists the statuses that are a normal outcome; anything else is sampled for the report.
 */
export async function runLoad(opts: LoadOptions, expected: number[], attempt: (i: number) => Promise<Attempt>): Promise<LoadResult> {
  const byStatus = new Map<number, number>();
  const unexpected = new Map<number, unknown>();
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  const deadline = started + opts.maxMs;

  const worker = async () => {
    while (next < opts.maxCount && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      let outcome: Attempt;
      try {
        outcome = await attempt(i);
      } catch (err) {
        // A network error (ECONNRESET, a refused connection…) names its code.
        const code = (err as { code?: string }).code;
        outcome = { status: 0, body: `${String(err)}${code ? ` (${code})` : ''}` };
      }
      latenciesMs.push(performance.now() - t0);
      byStatus.set(outcome.status, (byStatus.get(outcome.status) ?? 0) + 1);
      if (!expected.includes(outcome.status) && !unexpected.has(outcome.status)) unexpected.set(outcome.status, outcome.body);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  const attempts = latenciesMs.length;
  return { attempts, elapsedMs, rate: (attempts / elapsedMs) * 1000, byStatus, latenciesMs, unexpected };
}

/** The value below which `p` percent of the samples fall (nearest rank). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function countOf(result: LoadResult, status: number): number {
  return result.byStatus.get(status) ?? 0;
}

/** "201×5000, 409×12" */
export const statusSummary = (result: LoadResult): string => statusesText(result.byStatus);

/** Counts by status as "201×5000, 409×12". */
export function statusesText(byStatus: Map<number, number>): string {
  return [...byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status || 'network error'}×${n}`)
    .join(', ');
}

/** Lines describing each unexpected status with a body sample, for stdout and RESULTS.md. */
export function unexpectedReport(result: LoadResult): string[] {
  return [...result.unexpected.entries()].map(
    ([status, body]) => `unexpected ${status || 'network error'} ×${result.byStatus.get(status)}: ${JSON.stringify(body).slice(0, 300)}`,
  );
}
