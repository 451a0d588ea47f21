import type { Config } from '../../config';
import { openDatabase } from '../../db/client';
import { systemClock } from '../../platform/clock';
import { readCtx, systemActor } from '../../platform/context';
import { createPii } from '../../platform/pii';
import { checkStockInvariants } from './service';

/**
 * `check`: verifies the stock invariants on the configured database (embedded ./data, or
 * DATABASE_URL) and exits non-zero when any is broken. It only reads; it never migrates.
 */
export async function checkCommand(config: Config): Promise<void> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const ctx = readCtx({ database, config, clock: systemClock, pii: createPii(config.secret) }, systemActor);
    const problems = await checkStockInvariants(ctx);
    if (problems.length === 0) {
      console.log('库存校验通过：在库 = 流水合计，预留 = 订单行未结预留合计，无负数。 Stock invariants hold.');
      return;
    }
    console.error(`库存校验发现 ${problems.length} 个问题 / ${problems.length} stock invariant violation(s):`);
    for (const p of problems) console.error(`  [${p.kind}] ${p.message}`);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}
