import { describe, expect, it } from 'vitest';
import { localDateTime } from '../../platform/clock';
import {
  computeAmounts,
  evaluateRisk,
  isPostalCode,
  orderNoPrefix,
  remarkDisplay,
  reminderKind,
  reminderWindows,
  validMobile,
  type ReviewFacts,
  type RiskSettings,
} from './rules';

describe('mobile numbers', () => {
  it('accepts mainland mobiles in the forms buyers type, normalised to 11 digits', () => {
    expect(validMobile('13812345678')).toBe('13812345678');
    expect(validMobile('+86 138-1234-5678')).toBe('13812345678');
    expect(validMobile('86 19912345678')).toBe('19912345678');
  });

  it('refuses landlines, short numbers and 1[0-2] prefixes', () => {
    for (const bad of ['010-12345678', '1381234567', '138123456789', '12812345678', '11812345678', 'abc', '']) {
      expect(validMobile(bad), bad).toBeNull();
    }
  });
});

describe('postal codes', () => {
  it('are six digits', () => {
    expect(isPostalCode('310000')).toBe(true);
    for (const bad of ['31000', '3100000', '31000a', ' 310000']) expect(isPostalCode(bad), bad).toBe(false);
  });
});

describe('amounts', () => {
  const items = [
    { quantity: 2, unitPrice: 9900 },
    { quantity: 1, unitPrice: 1500 },
  ];

  it('totals items + shipping − discount', () => {
    const { amounts, problems } = computeAmounts({ items, shippingFee: 800, discount: 2000 });
    expect(problems).toEqual([]);
    expect(amounts).toEqual({ itemsTotal: 21300, lineTotals: [19800, 1500], total: 20100 });
  });

  it('accepts a client total that agrees and names `total` when it does not', () => {
    expect(computeAmounts({ items, shippingFee: 800, discount: 2000, total: 20100 }).problems).toEqual([]);
    const { problems } = computeAmounts({ items, shippingFee: 800, discount: 2000, total: 20000 });
    expect(problems).toMatchObject([{ code: 'amount_mismatch', path: 'total' }]);
    expect(problems[0]!.message).toContain('20100');
  });

  it('refuses a discount above items plus shipping, and allows it equal (a free order)', () => {
    expect(computeAmounts({ items, shippingFee: 0, discount: 21301 }).problems).toMatchObject([{ code: 'discount_too_large', path: 'discount' }]);
    const free = computeAmounts({ items, shippingFee: 700, discount: 22000 });
    expect(free.problems).toEqual([]);
    expect(free.amounts.total).toBe(0);
  });

  it('refuses amounts no integer column can hold', () => {
    const { problems } = computeAmounts({ items: [{ quantity: 100_000, unitPrice: 2_000_000_000 }], shippingFee: 0, discount: 0 });
    expect(problems.map((p) => p.path)).toContain('items.0.quantity');
  });
});

describe('order numbers', () => {
  it('start with SO + the date in the shop\'s time zone', () => {
    // 17:30 UTC on 19 Nov is already 20 Nov in Shanghai.
    expect(orderNoPrefix(new Date('2026-11-19T17:30:00Z'), 'Asia/Shanghai')).toBe('SO20261120');
    expect(orderNoPrefix(new Date('2026-11-19T17:30:00Z'), 'UTC')).toBe('SO20261119');
  });

  it('formats local times for messages', () => {
    expect(localDateTime(new Date('2026-11-20T02:05:00Z'), 'Asia/Shanghai')).toBe('2026-11-20 10:05');
  });
});

describe('remarks', () => {
  it('read "CS · request or promise · date"', () => {
    expect(remarkDisplay({ authorName: '小蔡', content: '送赠品一份，发申通', promiseDate: '2026-11-20', writtenOn: '2026-11-18' })).toBe('小蔡 · 送赠品一份，发申通 · 2026-11-20');
    expect(remarkDisplay({ authorName: '小蔡', content: '已核对地址', promiseDate: null, writtenOn: '2026-11-18' })).toBe('小蔡 · 已核对地址 · 2026-11-18');
  });
});

describe('risk review', () => {
  const settings: RiskSettings = {
    sameIp: { enabled: true, maxOrders: 3, windowMinutes: 60 },
    duplicate: { enabled: true, windowHours: 24 },
    sensitiveWords: { enabled: true, words: ['工商局', '法院'] },
    remoteArea: { enabled: true, provinces: ['新疆', '西藏', '海南'] },
    amount: { enabled: true, thresholdFen: 500_000 },
    blacklist: { enabled: true },
    message: { enabled: true },
  };
  const clean: ReviewFacts = {
    total: 19_900,
    shippingFee: 0,
    province: '浙江省',
    addressDetail: '文三路 100 号',
    buyerIp: '203.0.113.7',
    ordersFromSameIp: 1,
    samePhoneOrderNos: [],
    sameAddressOrderNos: [],
    customerBlacklisted: false,
    buyerMessage: null,
    remarkCount: 0,
    flag: null,
    addressReview: null,
  };
  const rulesFired = (facts: Partial<ReviewFacts>, s: RiskSettings = settings) => evaluateRisk({ ...clean, ...facts }, s).map((r) => r.rule);
  const off = <K extends keyof RiskSettings>(key: K): RiskSettings => ({ ...settings, [key]: { ...settings[key], enabled: false } });

  it('passes an ordinary order', () => {
    expect(evaluateRisk(clean, settings)).toEqual([]);
  });

  it('same IP: fires at the third order in the window, not before, not without an IP, not when off', () => {
    expect(rulesFired({ ordersFromSameIp: 2 })).toEqual([]);
    expect(rulesFired({ ordersFromSameIp: 3 })).toEqual(['same_ip']);
    expect(rulesFired({ ordersFromSameIp: 3, buyerIp: null })).toEqual([]);
    expect(rulesFired({ ordersFromSameIp: 5 }, off('sameIp'))).toEqual([]);
    expect(rulesFired({ ordersFromSameIp: 4 }, { ...settings, sameIp: { enabled: true, maxOrders: 5, windowMinutes: 60 } })).toEqual([]);
  });

  it('duplicate: fires on the same phone or address and names the other orders to merge', () => {
    expect(rulesFired({ samePhoneOrderNos: ['SO1'] })).toEqual(['duplicate']);
    expect(rulesFired({ sameAddressOrderNos: ['SO2'] })).toEqual(['duplicate']);
    const [reason] = evaluateRisk({ ...clean, samePhoneOrderNos: ['SO1'], sameAddressOrderNos: ['SO1', 'SO2'] }, settings);
    expect(reason!.message).toContain('SO1、SO2');
    expect(reason!.message).toContain('合单');
    expect(rulesFired({ samePhoneOrderNos: ['SO1'] }, off('duplicate'))).toEqual([]);
  });

  it('sensitive words: fires on any configured word in the address', () => {
    const [reason] = evaluateRisk({ ...clean, addressDetail: '某某工商局 3 楼' }, settings);
    expect(reason).toMatchObject({ rule: 'sensitive_words' });
    expect(reason!.message).toContain('工商局');
    expect(rulesFired({ addressDetail: '某某工商局' }, off('sensitiveWords'))).toEqual([]);
    expect(rulesFired({ province: '湖北省', addressDetail: '斗湖堤镇 1 号' }, { ...settings, sensitiveWords: { enabled: true, words: ['公安'] } })).toEqual([]);
    expect(rulesFired({ addressDetail: '某某工商局' }, { ...settings, sensitiveWords: { enabled: true, words: [] } })).toEqual([]);
  });

  it('remote area: fires only with free shipping to a listed province', () => {
    expect(rulesFired({ province: '新疆维吾尔自治区', shippingFee: 0 })).toEqual(['remote_area']);
    expect(rulesFired({ province: '海南省', shippingFee: 0 })).toEqual(['remote_area']);
    expect(rulesFired({ province: '新疆维吾尔自治区', shippingFee: 2000 })).toEqual([]);
    expect(rulesFired({ province: '青海省', shippingFee: 0 })).toEqual([]);
    expect(rulesFired({ province: '西藏自治区', shippingFee: 0 }, off('remoteArea'))).toEqual([]);
  });

  it('amount: fires strictly above the threshold', () => {
    expect(rulesFired({ total: 500_000 })).toEqual([]);
    expect(rulesFired({ total: 500_001 })).toEqual(['amount']);
    expect(evaluateRisk({ ...clean, total: 600_000 }, settings)[0]!.message).toContain('6000.00');
    expect(rulesFired({ total: 900_000 }, off('amount'))).toEqual([]);
  });

  it('blacklist: fires for a blacklisted customer', () => {
    expect(rulesFired({ customerBlacklisted: true })).toEqual(['blacklist']);
    expect(rulesFired({ customerBlacklisted: true }, off('blacklist'))).toEqual([]);
  });

  it('message: fires on a buyer message or any remark, not on blank text', () => {
    expect(rulesFired({ buyerMessage: '请发顺丰' })).toEqual(['message']);
    expect(rulesFired({ remarkCount: 1 })).toEqual(['message']);
    expect(rulesFired({ buyerMessage: '  ' })).toEqual([]);
    expect(rulesFired({ buyerMessage: '请发顺丰' }, off('message'))).toEqual([]);
  });

  it('green flag: always holds, whatever the settings', () => {
    const allOff = (Object.keys(settings) as (keyof RiskSettings)[]).reduce((s, k) => ({ ...s, [k]: { ...s[k], enabled: false } }), settings);
    expect(rulesFired({ flag: 'green' }, allOff)).toContain('green_flag');
    expect(rulesFired({ flag: 'red' })).toEqual([]);
  });

  it('address check: holds a platform address intake could not resolve, whatever the settings, saying 地址需核对', () => {
    const allOff = (Object.keys(settings) as (keyof RiskSettings)[]).reduce((s, k) => ({ ...s, [k]: { ...s[k], enabled: false } }), settings);
    const [reason] = evaluateRisk({ ...clean, addressReview: '港澳台地址（香港特别行政区），请核对收货地址与运费' }, allOff);
    expect(reason).toEqual({ rule: 'address_check', message: '地址需核对：港澳台地址（香港特别行政区），请核对收货地址与运费' });
    expect(rulesFired({ addressReview: null })).toEqual([]);
  });

  it('reports every rule that fires, in a fixed order', () => {
    expect(rulesFired({ ordersFromSameIp: 3, customerBlacklisted: true, total: 600_000, buyerMessage: '急' })).toEqual(['same_ip', 'amount', 'blacklist', 'message']);
  });
});

describe('unpaid orders', () => {
  it('get the latest reminder they passed, until the next one or the auto-close', () => {
    expect(reminderWindows([720, 30], 1440)).toEqual([
      { kind: 'unpaid_30m', fromAge: 30, untilAge: 720 },
      { kind: 'unpaid_12h', fromAge: 720, untilAge: 1440 },
    ]);
  });

  it('never get a reminder at or after the close time, nor the same one twice', () => {
    expect(reminderWindows([30, 90, 30], 60)).toEqual([{ kind: 'unpaid_30m', fromAge: 30, untilAge: 60 }]);
    expect(reminderWindows([], 1440)).toEqual([]);
  });

  it('name reminders by their delay', () => {
    expect(reminderKind(30)).toBe('unpaid_30m');
    expect(reminderKind(720)).toBe('unpaid_12h');
    expect(reminderKind(90)).toBe('unpaid_90m');
  });
});
