import { z } from 'zod';
import { definePreference } from '../../platform/preferences';
import { defineSetting, listedName, wholeSetting as whole } from '../../platform/settings';
import { MAX_FEN, type RiskSettings } from './rules';

/** Order settings with the defaults a shop starts with; each risk rule can be switched off or retuned. */

const enabled = z.boolean();
const WEEK_MINUTES = 7 * 24 * 60;
const MONTH_MINUTES = 30 * 24 * 60;
const MONTH_HOURS = 30 * 24;

/** 偏远地区 as shops usually list them (DOMAIN §4): the risk rule's default, and fulfillment's for routing parcels. */
export const REMOTE_PROVINCES = ['新疆', '西藏', '青海', '内蒙古', '宁夏', '甘肃', '海南'];

export const autoReviewSetting = defineSetting({
  key: 'orders.autoReview',
  label: '付款后自动审单（关闭则全部人工审核）',
  schema: z.boolean(),
  defaultValue: true,
});

export const reviewSlaSetting = defineSetting({ key: 'orders.reviewSlaMinutes', label: '人工审单时限', schema: whole(5, WEEK_MINUTES), defaultValue: 120, unit: 'minutes' });

export const shipPromiseSetting = defineSetting({ key: 'orders.shipPromiseHours', label: '承诺发货时限（付款后）', schema: whole(1, MONTH_HOURS), defaultValue: 48, unit: 'hours' });

export const unpaidRemindersSetting = defineSetting({
  key: 'orders.unpaidReminders',
  label: '催付时间点（下单后）',
  schema: z.array(whole(1, MONTH_MINUTES)).max(10),
  defaultValue: [30, 720],
  unit: 'minutes',
});

/** 催付 by hand: no second reminder to the buyer (by hand or by the sweep) within this many minutes. */
export const manualReminderGapSetting = defineSetting({ key: 'orders.manualReminderGapMinutes', label: '手动催付最短间隔', schema: whole(1, 1440), defaultValue: 30, unit: 'minutes' });


export const unpaidCloseSetting = defineSetting({ key: 'orders.unpaidCloseMinutes', label: '未付款自动关闭（下单后）', schema: whole(5, MONTH_MINUTES), defaultValue: 1440, unit: 'minutes' });

export const confirmNudgeDaysSetting = defineSetting({ key: 'orders.confirmNudgeDays', label: '签收后几天提醒买家确认收货', schema: whole(1, 30), defaultValue: 3, unit: 'days' });

export const surveyDaysSetting = defineSetting({ key: 'orders.surveyDays', label: '签收后几天发送满意度回访', schema: whole(1, 30), defaultValue: 7, unit: 'days' });

export const autoCompleteDaysSetting = defineSetting({ key: 'orders.autoCompleteDays', label: '签收后几天自动完成订单', schema: whole(1, 60), defaultValue: 10, unit: 'days' });

/** The reasons a reviewer picks from when holding an order (挂起); the supervisor keeps the list, free text stays possible. */
export const holdPresetsSetting = defineSetting({
  key: 'orders.holdPresets',
  label: '挂起常用原因',
  schema: z.array(listedName).max(30),
  defaultValue: ['买家要求修改地址', '等待买家确认', '缺货，等待补货', '疑似重复下单，待合单', '价格或金额异常，待核实'],
});

export const riskSettings = {
  sameIp: defineSetting({
    key: 'orders.risk.sameIp',
    label: '风控：同一 IP 短时间多笔下单',
    schema: z.object({ enabled, maxOrders: whole(2, 1000), windowMinutes: whole(1, WEEK_MINUTES) }),
    defaultValue: { enabled: true, maxOrders: 3, windowMinutes: 60 },
    fieldUnits: { maxOrders: 'count', windowMinutes: 'minutes' },
  }),
  duplicate: defineSetting({
    key: 'orders.risk.duplicate',
    label: '风控：同手机号或同地址有未发货订单（建议合单）',
    schema: z.object({ enabled, windowHours: whole(1, MONTH_HOURS) }),
    defaultValue: { enabled: true, windowHours: 24 },
    fieldUnits: { windowHours: 'hours' },
  }),
  sensitiveWords: defineSetting({
    key: 'orders.risk.sensitiveWords',
    label: '风控：地址敏感词',
    schema: z.object({ enabled, words: z.array(listedName).max(500) }),
    defaultValue: { enabled: true, words: ['工商局', '市场监督', '质监', '消协', '消费者协会', '公安', '派出所', '法院', '检察院', '电视台', '报社', '监狱', '看守所'] },
  }),
  remoteArea: defineSetting({
    key: 'orders.risk.remoteArea',
    label: '风控：偏远地区包邮',
    schema: z.object({ enabled, provinces: z.array(listedName).max(40) }),
    defaultValue: { enabled: true, provinces: REMOTE_PROVINCES },
  }),
  amount: defineSetting({
    key: 'orders.risk.amount',
    label: '风控：大额订单',
    schema: z.object({ enabled, thresholdFen: whole(0, MAX_FEN) }),
    defaultValue: { enabled: true, thresholdFen: 500_000 },
    fieldUnits: { thresholdFen: 'fen' },
  }),
  blacklist: defineSetting({ key: 'orders.risk.blacklist', label: '风控：黑名单买家', schema: z.object({ enabled }), defaultValue: { enabled: true } }),
  message: defineSetting({ key: 'orders.risk.message', label: '风控：有买家留言或卖家备注', schema: z.object({ enabled }), defaultValue: { enabled: true } }),
} satisfies { [K in keyof RiskSettings]: ReturnType<typeof defineSetting<RiskSettings[K]>> };

/** The order list's columns, in the web's keys: each user's order and which are shown (订单列表 → 列设置). */
export const ORDER_LIST_COLUMNS = ['orderNo', 'shop', 'status', 'flag', 'buyer', 'phone', 'address', 'lines', 'total', 'createdAt'] as const;

definePreference({
  key: 'orders.listColumns',
  schema: z
    .array(z.object({ key: z.enum(ORDER_LIST_COLUMNS), visible: z.boolean() }))
    .max(ORDER_LIST_COLUMNS.length)
    .refine((columns) => new Set(columns.map((c) => c.key)).size === columns.length, '每一列只能出现一次'),
  defaultValue: ORDER_LIST_COLUMNS.map((key) => ({ key, visible: true })),
});
