import { defineSetting, wholeSetting } from '../../platform/settings';

/** After-sales settings with the defaults DOMAIN §6 gives. */

/** What customer service may refund on one case without a supervisor (权限: 500 元). */
export const refundAuthoritySetting = defineSetting({
  key: 'aftersales.refundAuthorityFen',
  label: '售后：客服每个售后单可直接退款的上限',
  schema: wholeSetting(0, 100_000_000),
  defaultValue: 50_000,
  unit: 'fen',
});

/** SLA: a difficult case (疑难) has this many shop days after the day it opened to get a solution proposed (3 天). */
export const difficultDaysSetting = defineSetting({
  key: 'aftersales.difficultDays',
  label: '售后：疑难售后单提出方案的期限',
  schema: wholeSetting(1, 30),
  defaultValue: 3,
  unit: 'days',
});

/** A minor transport damage is offered this share of what was paid for the damaged units (轻微破损补偿 10 %). */
export const damageRefundPercentSetting = defineSetting({
  key: 'aftersales.damageRefundPercent',
  label: '售后：轻微破损的建议补偿比例',
  schema: wholeSetting(1, 100),
  defaultValue: 10,
  unit: 'percent',
});

/** 少货: a refund the buyer was not offered first (提出方案) may reach this much on a case (直接退款上限 30 元). */
export const directRefundLimitSetting = defineSetting({
  key: 'aftersales.directRefundLimitFen',
  label: '售后：少货未提出方案时可直接退款的上限',
  schema: wholeSetting(0, 100_000_000),
  defaultValue: 3_000,
  unit: 'fen',
});

/** 错货 found ours: what having the wrong item sent back costs the shop; worth more than this, it is exchanged, else the buyer may keep it (退货运费 12 元). */
export const returnShippingCostSetting = defineSetting({
  key: 'aftersales.returnShippingCostFen',
  label: '售后：错货取回一件商品的退货运费',
  schema: wholeSetting(0, 100_000),
  defaultValue: 1_200,
  unit: 'fen',
});
