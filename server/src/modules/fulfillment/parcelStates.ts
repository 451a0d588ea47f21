import { StateError } from '../../platform/errors';
import type { PARCEL_STATUSES } from './model';

/** A parcel's states and the moves between them, as data; the services pick the target and do the work. */

export type ParcelStatus = (typeof PARCEL_STATUSES)[number];

export const PARCEL_ACTIONS = ['complete', 'split', 'weigh', 'override_weight', 'repack', 'ship', 'intercept', 'shelve'] as const;
export type ParcelAction = (typeof PARCEL_ACTIONS)[number];

/**
 * state → action → the states it may lead to. A weighing leads to `weighed` when the weight passes
 * and leaves (or puts) the parcel `packed` when it does not; a parcel not yet gone can always be
 * intercepted, and an intercepted one's goods go back on the shelf.
 */
export const PARCEL_TRANSITIONS: Record<ParcelStatus, Partial<Record<ParcelAction, readonly ParcelStatus[]>>> = {
  packing: { complete: ['packed'], split: ['packed'], intercept: ['intercepted'] },
  packed: { weigh: ['weighed', 'packed'], override_weight: ['weighed'], repack: ['packing'], intercept: ['intercepted'] },
  weighed: { weigh: ['weighed', 'packed'], repack: ['packing'], ship: ['shipped'], intercept: ['intercepted'] },
  shipped: {},
  intercepted: { shelve: ['shelved'] },
  shelved: {},
};

export const PARCEL_STATUS_LABELS: Record<ParcelStatus, string> = {
  packing: '验货中',
  packed: '已打包',
  weighed: '已称重',
  shipped: '已发货',
  intercepted: '已拦截',
  shelved: '已回库',
};

const PARCEL_ACTION_LABELS: Record<ParcelAction, string> = {
  complete: '封箱',
  split: '拆单',
  weigh: '称重',
  override_weight: '称重放行',
  repack: '重新打包',
  ship: '发货',
  intercept: '拦截',
  shelve: '回库',
};

export const canMoveParcel = (status: ParcelStatus, action: ParcelAction): boolean => PARCEL_TRANSITIONS[status][action] !== undefined;

/** The states `action` may lead to from `status`, or a StateError (409) naming both as staff say them. */
export function parcelTargets(status: ParcelStatus, action: ParcelAction): readonly ParcelStatus[] {
  const targets = PARCEL_TRANSITIONS[status][action];
  if (!targets) throw new StateError('包裹', status, action, { state: PARCEL_STATUS_LABELS[status], action: PARCEL_ACTION_LABELS[action] });
  return targets;
}
