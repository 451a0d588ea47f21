import PgBoss from 'pg-boss';
import type { Deps } from './context';

/**
 * A module's background work. The handler reads time from deps.clock, so a test runs it directly
 * with a FakeClock; pg-boss only decides when it runs in a live process.
 */
export interface JobDefinition {
  name: string;
  /** Cron (UTC) for recurring sweeps. */
  cron?: string;
  handler(deps: Deps, data: unknown): Promise<void>;
}

export interface JobRunner {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startJobs(deps: Deps, jobs: JobDefinition[], log: (msg: string, err?: unknown) => void): Promise<JobRunner> {
  const { database } = deps;
  // PGlite serves one connection: pg-boss talks through our handle, with multi-statement text
  // (its migrations) going to exec and parameterised statements to query.
  const boss = new PgBoss({
    db: {
      executeSql: (text: string, values: unknown[]) => (values && values.length > 0 ? database.query(text, values) : database.exec(text)),
    },
    schema: 'pgboss',
  });
  boss.on('error', (err) => log('job queue error', err));
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    await boss.work(job.name, async ([first]) => {
      try {
        await job.handler(deps, first?.data ?? {});
      } catch (err) {
        log(`job ${job.name} failed`, err);
        throw err;
      }
    });
    if (job.cron) await boss.schedule(job.name, job.cron);
  }
  return { boss, stop: () => boss.stop({ graceful: true, wait: true }) };
}
