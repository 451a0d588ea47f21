import { z } from 'zod';
import { lookupCode, pageQuery } from '../../platform/model';
import { MOVEMENT_REASONS } from '../inventory';

export const movementSchema = z.object({
  id: z.number().int(),
  skuId: z.number().int(),
  skuCode: z.string(),
  warehouseId: z.number().int(),
  warehouseCode: z.string(),
  warehouseName: z.string(),
  onHandDelta: z.number().int(),
  reservedDelta: z.number().int(),
  /** On hand of the SKU in the warehouse right after this movement. */
  onHandAfter: z.number().int(),
  /** Reserved of the SKU in the warehouse right after this movement. */
  reservedAfter: z.number().int(),
  reason: z.enum(MOVEMENT_REASONS),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
  /** The order's number when the movement refers to an order (refType `order`, refId its id). */
  orderNo: z.string().nullable(),
  note: z.string().nullable(),
  actorId: z.number().int().nullable(),
  /** Who made it: the user's display name, 系统 for the system's own work. */
  actorName: z.string(),
  at: z.string(),
});
export type Movement = z.infer<typeof movementSchema>;

export const movementListQuery = z.object({
  skuCode: lookupCode.optional(),
  warehouseCode: lookupCode.optional(),
  reason: z.enum(MOVEMENT_REASONS).optional(),
  ...pageQuery,
});
export type MovementListQuery = z.infer<typeof movementListQuery>;

export const movementListReply = z.object({ items: z.array(movementSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
