import type { Ctx } from '../../platform/context';
import { stockLevelsOf } from '../inventory';
import type { CaseStock, PackingScan, ParcelWeight, WrongItemCheck } from './evidenceModel';
import * as evidence from './evidenceReadModel';
import * as readModel from './readModel';
import { wrongItemCheck } from './wrongItem';

/**
 * What the warehouse recorded for the case's order (少货, 错货): the packing scans and weighings
 * of its shipped parcels, the stock of the case's SKUs (and of a reported wrong item) in the
 * order's warehouse now, and the wrong-item check.
 */
export interface CaseEvidence {
  packingScans: PackingScan[];
  weights: ParcelWeight[];
  stock: CaseStock[];
  wrongItemCheck: WrongItemCheck | null;
}

export async function caseEvidence(ctx: Ctx, row: readModel.CaseRow, lines: readModel.CaseLineRow[]): Promise<CaseEvidence> {
  const scans = await evidence.packingScansOf(ctx, row.orderId);
  const weights = await evidence.parcelWeightsOf(ctx, row.orderId);
  const reported = await wrongItemCheck(ctx, row, scans);
  const { warehouseId } = await readModel.orderForReturn(ctx, row.orderId);
  const skuIds = [...new Set([...lines.map((l) => l.skuId), ...(reported?.skuId ? [reported.skuId] : [])])];
  const levels = warehouseId === null ? [] : await stockLevelsOf(ctx, warehouseId, skuIds);
  return {
    packingScans: scans.map(({ skuId: _sku, ...s }) => s),
    weights,
    stock: levels.map(({ skuCode, productName, spec, warehouseCode, onHand, reserved, available }) => ({ skuCode, productName, spec, warehouseCode, onHand, reserved, available })),
    wrongItemCheck: reported?.check ?? null,
  };
}
