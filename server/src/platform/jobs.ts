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
  /**
   * Seconds between runs, for work that cannot wait for the next minute (the outbox): every
   * process asks this often, and pg-boss keeps one job per interval however many ask.
   */
  everySeconds?: number;
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
  const timers: NodeJS.Timeout[] = [];
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
    const seconds = job.everySeconds;
    if (seconds) {
      const ask = () => boss.sendThrottled(job.name, {}, {}, seconds).catch((err: unknown) => log(`job ${job.name} not queued`, err));
      void ask();
      timers.push(setInterval(() => void ask(), seconds * 1000));
    }
  }
  return {
    boss,
    stop: async () => {
      timers.forEach(clearInterval);
      await boss.stop({ graceful: true, wait: true });
    },
  };
}
