import { asc, not, sql } from 'drizzle-orm';
import { inTransaction, systemActor, type Deps } from '../../platform/context';
import { orders } from './schema';
import { searchIndexesOf } from './searchTerms';

/**
 * The search columns of orders written before them (migration 0037 marks those `search_indexed =
 * false`): only the application can decrypt a phone and a name (and it cuts the nick's pieces, with the order's month, as intake does), so a job fills them in batches,
 * each in its own short transaction, oldest first. New orders are written indexed, so once the old
 * ones are done a run finds the partial index empty and costs one lookup. Not audited: it changes
 * no business data, only what the search box finds the order by.
 */

/** Indexes up to `maxBatches` batches of `batchSize` orders; returns how many it indexed (0: nothing was left). */
export async function backfillSearchIndexes(deps: Deps, { batchSize = 500, maxBatches = 40 } = {}): Promise<number> {
  let indexed = 0;
  for (let n = 0; n < maxBatches; n++) {
    const done = await inTransaction(deps, systemActor, null, async (ctx) => {
      const rows = await ctx.db
        .select({ id: orders.id, createdAt: orders.createdAt, nick: orders.buyerNick, nameEnc: orders.buyerNameEnc, phoneEnc: orders.buyerPhoneEnc, phoneKind: orders.buyerPhoneKind })
        .from(orders)
        .where(not(orders.searchIndexed))
        .orderBy(asc(orders.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      if (rows.length === 0) return 0;
      const open = (enc: string | null) => (enc === null ? null : ctx.pii.decrypt(enc));
      const values = rows.map((row) => {
        const found = searchIndexesOf(ctx.pii, { nick: row.nick, name: open(row.nameEnc), phone: open(row.phoneEnc), phoneKind: row.phoneKind }, row.createdAt);
        return sql`(${row.id}::bigint, ${found.buyerPhoneTailIndex}::text, ${found.buyerNameIndex}::text, ${found.buyerNickPieces === null ? null : sql.param(found.buyerNickPieces)}::text[])`;
      });
      await ctx.db.execute(sql`
        UPDATE ${orders} SET buyer_phone_tail_index = v.tail, buyer_name_index = v.name, buyer_nick_pieces = v.pieces, search_indexed = true
        FROM (VALUES ${sql.join(values, sql`, `)}) AS v (id, tail, name, pieces) WHERE ${orders.id} = v.id`);
      return rows.length;
    });
    indexed += done;
    if (done < batchSize) break;
  }
  return indexed;
}
