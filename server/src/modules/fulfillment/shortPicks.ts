import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, unprocessable } from '../../platform/errors';
import { reportDiscrepancy } from '../inventory';
import { holdShortPicked } from '../orders';
import type { ShortPickInput, ShortPickResult } from './model';
import { binName, offRoute, pickLines, pickProgress, requireWave } from './picking';
import { matchStop, ordersToSendBack } from './pickRules';
import * as pickingReads from './pickingReadModel';

/**
 * A short pick (缺货/拣货异常): the picker finds fewer units in a bin than the wave still needs.
 * Inventory records a stock discrepancy for the stock team to count (no stock moves until then),
 * and the orders that can no longer be served leave the wave — the last slots (latest promises)
 * first, as many as the shortfall needs — back to the review queue through the orders state
 * machine (`short_pick`, hold reason 缺货（配货短拣）), never shipping half. Leaving, each is
 * intercepted like a cancelled one (reason 配货短拣) and hands its picked units to the orders that
 * stay; the rest of the wave goes on being picked.
 */
export async function reportShortPick(ctx: Ctx, waveId: number, input: ShortPickInput): Promise<ShortPickResult> {
  const wave = await requireWave(ctx, waveId);
  if (wave.status !== 'picking') throw conflict('wave_picked', `波次 ${wave.waveNo} 已拣完，不能再报缺货`, [{ path: 'status', message: wave.status }]);
  const { lines, gone } = await pickLines(ctx, wave);
  const match = matchStop(lines, gone, input.binCode, input.skuCode);
  if (match.kind === 'bin_not_on_route') throw offRoute(wave, input.binCode);
  if (match.kind === 'intercepted') throw conflict('intercepted', `${match.line.skuCode} 的订单已拦截，不用再拣`, [{ path: 'skuCode', message: input.skuCode }]);
  if (match.kind !== 'item') throw conflict('wrong_item', `${input.skuCode} 不在${binName(input.binCode)}拣货`, [{ path: 'skuCode', message: input.skuCode }]);
  const line = match.line;
  const remaining = line.quantity - line.picked;
  if (input.found >= remaining) {
    throw unprocessable('not_short', `${line.skuCode} 还需拣 ${remaining} 件，找到 ${input.found} 件已经够了，不是缺货`, [{ path: 'found', message: String(input.found) }]);
  }

  const discrepancy = await reportDiscrepancy(ctx, { warehouseId: wave.warehouseId, skuId: line.skuId, binId: line.binId, expected: remaining, found: input.found, refType: 'wave', refId: wave.waveNo });
  const needs = await pickingReads.orderNeedsOf(ctx, waveId, line.skuId);
  const leaving = ordersToSendBack(needs, remaining - input.found);
  const where = line.binCode ? `库位 ${line.binCode}` : '无库位';
  const reason = `缺货（配货短拣）：${line.skuCode} ${line.productName} ${line.spec}，${where}应有 ${remaining} 件，只找到 ${input.found} 件（波次 ${wave.waveNo}）`;
  for (const orderId of leaving) await holdShortPicked(ctx, orderId, reason);
  const sentBack = needs.filter((n) => leaving.includes(n.orderId)).map(({ orderId, orderNo, slot }) => ({ orderId, orderNo, slot }));
  await recordEvent(ctx, {
    action: 'wave.short_pick',
    entityType: 'wave',
    entityId: waveId,
    after: { skuId: line.skuId, skuCode: line.skuCode, binCode: line.binCode, expected: remaining, found: input.found, discrepancyId: discrepancy.id, orderIds: leaving },
  });
  return { discrepancy: { id: discrepancy.id, expected: discrepancy.expected, found: discrepancy.found }, sentBack, progress: await pickProgress(ctx, waveId) };
}
