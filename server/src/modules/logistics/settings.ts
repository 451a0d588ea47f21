import { defineSetting, wholeSetting } from '../../platform/settings';

/** Logistics settings with the defaults DOMAIN §5 gives. */

export const pickupHoursSetting = defineSetting({
  key: 'logistics.pickupHours',
  label: '物流异常：发货后多少小时未揽收',
  schema: wholeSetting(1, 24 * 14),
  defaultValue: 24,
  unit: 'hours',
});

export const staleHoursSetting = defineSetting({
  key: 'logistics.staleHours',
  label: '物流异常：多少小时无物流更新算滞留',
  schema: wholeSetting(1, 24 * 30),
  defaultValue: 72,
  unit: 'hours',
});

export const contactSlaHoursSetting = defineSetting({
  key: 'logistics.contactSlaHours',
  label: '物流异常：客服须在多少小时内联系买家',
  schema: wholeSetting(1, 24 * 7),
  defaultValue: 12,
  unit: 'hours',
});
