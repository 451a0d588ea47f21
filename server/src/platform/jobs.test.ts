import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/harness';
import { loadConfig } from '../config';
import type { Database } from '../db/client';
import { FakeClock } from './clock';
import type { Deps } from './context';
import { startJobs, type JobRunner } from './jobs';
import { createPii } from './pii';

let database: Database;
let runner: JobRunner | undefined;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await runner?.stop();
  await database.close();
});

describe('jobs on pg-boss', () => {
  it('run on the same database (PGlite too) and hand the handler the injected clock', async () => {
    const clock = new FakeClock('2026-11-23T01:00:00Z');
    const config = loadConfig({ SHOPFLOW_SECRET: 'x', LOG_LEVEL: 'silent' });
    const deps: Deps = { database, config, clock, pii: createPii('x') };
    const seen: { data: unknown; now: string }[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    runner = await startJobs(
      deps,
      [
        {
          name: 'test-echo',
          handler(d, data) {
            seen.push({ data, now: d.clock.now().toISOString() });
            done();
            return Promise.resolve();
          },
        },
      ],
      () => {},
    );
    await runner.boss.send('test-echo', { hello: '世界' });
    await finished;
    expect(seen).toEqual([{ data: { hello: '世界' }, now: '2026-11-23T01:00:00.000Z' }]);
  });

  it('run a job every few seconds without anyone sending it', async () => {
    await runner?.stop();
    const deps: Deps = { database, config: loadConfig({ SHOPFLOW_SECRET: 'x', LOG_LEVEL: 'silent' }), clock: new FakeClock(), pii: createPii('x') };
    let runs = 0;
    let done!: () => void;
    const ranTwice = new Promise<void>((resolve) => (done = resolve));
    const handler = () => {
      if (++runs === 2) done();
      return Promise.resolve();
    };
    runner = await startJobs(deps, [{ name: 'test-every', everySeconds: 1, handler }], () => {});
    await ranTwice;
    expect(runs).toBeGreaterThanOrEqual(2);
  }, 30_000);
});
