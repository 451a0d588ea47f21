import { z } from 'zod';
import { defineSetting, listedName } from '../../platform/settings';
import { REMOTE_PROVINCES } from '../orders';

/** Fulfillment settings with the defaults a warehouse starts with. */

/** Where parcels go by EMS or SF (DOMAIN §5), whatever the risk rule for free shipping there says. */
export const remoteProvincesSetting = defineSetting({
  key: 'fulfillment.remoteProvinces',
  label: '发货：偏远地区（走 EMS 或顺丰）',
  schema: z.array(listedName).max(40),
  defaultValue: REMOTE_PROVINCES,
});
