import { describe, expect, it } from 'vitest';
import { CARRIERS, carrierMentions, chooseCarrier, normalizeTrackingNo, trackingNoProblem, type Carrier } from './carriers';

const REAL_LOOKING: Record<Carrier, string[]> = {
  SF: ['SF1234567890123', 'SF123456789012', '123456789012'],
  EMS: ['EA123456789CN', '1012345678901', '9812345678901'],
  YTO: ['YT1234567890123', 'D01234567890'],
  ZTO: ['778612345678', '73100123456789'],
  STO: ['773123456789012', '268123456789', 'STO1234567890'],
  YUNDA: ['4312345678901', '312345678901234'],
  JD: ['JDVA46783539436', 'JD0012345678901'],
  JT: ['JT1234567890123', 'JT12345678901'],
};

describe('tracking numbers', () => {
  it.each(CARRIERS)('takes every shape the reference lists for %s', (carrier) => {
    for (const no of REAL_LOOKING[carrier]) expect(trackingNoProblem(carrier, no), no).toBeNull();
  });

  it('refuses what the carrier never prints, saying what its numbers look like', () => {
    expect(trackingNoProblem('SF', 'SF12345')).toBe('顺丰速运单号应为SF 加 12–15 位数字，或 12 位数字');
    expect(trackingNoProblem('JT', 'YT1234567890123')).not.toBeNull();
    expect(trackingNoProblem('STO', '123123456789')).not.toBeNull();
    expect(trackingNoProblem('EMS', 'EA12345678CN')).not.toBeNull();
    expect(trackingNoProblem('JD', 'JD123')).not.toBeNull();
    expect(trackingNoProblem('YUNDA', '43123456789')).not.toBeNull();
  });

  it('reads a typed number as the scanner would send it', () => {
    expect(normalizeTrackingNo(' sf 1234-5678-9012 3 ')).toBe('SF1234567890123');
  });
});

describe('choosing the carrier', () => {
  const facts = { texts: [] as string[], province: '浙江省', remoteProvinces: ['新疆', '西藏', '青海'], shopDefault: 'ZTO' as Carrier };

  it('reads requests and refusals in remarks and messages', () => {
    expect(carrierMentions('小蔡 送赠品一份，发申通 2026-11-20')).toEqual({ requested: ['STO'], refused: [] });
    expect(carrierMentions('不要发韵达，走顺丰')).toEqual({ requested: ['SF'], refused: ['YUNDA'] });
    expect(carrierMentions('别走中通')).toEqual({ requested: [], refused: ['ZTO'] });
    expect(carrierMentions('请尽快发货')).toEqual({ requested: [], refused: [] });
  });

  it('takes the newest request, else EMS or SF for remote provinces, else the shop default', () => {
    expect(chooseCarrier({ ...facts, texts: ['改发顺丰', '发申通'] })).toEqual({ carrier: 'SF', because: '备注/留言指定顺丰速运' });
    expect(chooseCarrier({ ...facts, texts: ['发申通'], province: '新疆维吾尔自治区' }).carrier).toBe('STO');
    expect(chooseCarrier({ ...facts, province: '新疆维吾尔自治区' })).toEqual({ carrier: 'EMS', because: '新疆维吾尔自治区属偏远地区，走邮政EMS' });
    expect(chooseCarrier({ ...facts, province: '西藏自治区', shopDefault: 'SF' }).carrier).toBe('SF');
    expect(chooseCarrier(facts)).toEqual({ carrier: 'ZTO', because: '店铺默认快递' });
  });

  it('never chooses a carrier the buyer refused', () => {
    expect(chooseCarrier({ ...facts, texts: ['不要中通'] }).carrier).not.toBe('ZTO');
    expect(chooseCarrier({ ...facts, texts: ['不要EMS'], province: '青海省' }).carrier).toBe('SF');
  });
});
