import { z } from 'zod';
import { defineSetting, listedName, wholeSetting } from '../../platform/settings';
import { REMOTE_PROVINCES } from '../orders';

/** Fulfillment settings with the defaults a warehouse starts with. */

/** Where parcels go by EMS or SF (DOMAIN §5), whatever the risk rule for free shipping there says. */
export const remoteProvincesSetting = defineSetting({
  key: 'fulfillment.remoteProvinces',
  label: '发货：偏远地区（走 EMS 或顺丰）',
  schema: z.array(listedName).max(40),
  defaultValue: REMOTE_PROVINCES,
});

/**
 * What the box, filler and slips weigh, added to the SKUs' weights, in a warehouse that sets no
 * packaging weight of its own (`warehouses.packaging_grams`, on the warehouse form).
 */
export const packagingSetting = defineSetting({
  key: 'fulfillment.packagingGrams',
  label: '称重：默认包装重量（仓库未设时）',
  schema: wholeSetting(0, 20_000),
  defaultValue: 50,
  unit: 'grams',
});

/** How far a parcel's weight may be from the expected one before it is stopped (DOMAIN §5: 10 %). */
export const weightToleranceSetting = defineSetting({
  key: 'fulfillment.weightTolerancePercent',
  label: '称重：允许的重量误差',
  schema: wholeSetting(1, 50),
  defaultValue: 10,
  unit: 'percent',
});
