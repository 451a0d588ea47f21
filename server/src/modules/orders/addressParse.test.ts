import { describe, expect, it } from 'vitest';
import { ADDRESS_CORPUS } from './addressParse.corpus';
import { parseAddress } from './addressParse';
import { readContact } from './addressIntake';
import { resolveDivision } from './divisions';

describe('智能识别: pasted chat text → receiver fields', () => {
  it('holds at least 40 varied samples', () => {
    expect(ADDRESS_CORPUS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ADDRESS_CORPUS.map((s) => [s.what, s] as const))('%s', (_, sample) => {
    expect(parseAddress(sample.text)).toEqual(sample.expected);
  });

  it('names every region as intake resolves it, so a parsed address is accepted as it stands', () => {
    const complete = ADDRESS_CORPUS.map((s) => parseAddress(s.text)).filter((p) => p.district !== null && p.phone !== null);
    expect(complete.length).toBeGreaterThan(40);
    for (const parsed of complete) {
      const division = resolveDivision({ province: parsed.province!, city: parsed.city!, district: parsed.district! });
      expect(division.ok && division.division).toMatchObject({ province: parsed.province, city: parsed.city, district: parsed.district });
      const { problems } = readContact({ buyer: { phone: parsed.phone! }, address: { province: parsed.province!, city: parsed.city!, district: parsed.district!, detail: parsed.detail! } }, false);
      expect(problems).toEqual([]);
    }
  });

  it('finds nothing in text that names nothing', () => {
    expect(parseAddress('')).toEqual({ name: null, phone: null, province: null, city: null, district: null, detail: null, postalCode: null });
    expect(parseAddress('好的，谢谢！')).toMatchObject({ name: null, province: null, detail: null });
  });

  it('leaves a phone that is not a mainland mobile out rather than guess', () => {
    expect(parseAddress('浙江省杭州市西湖区文三路1号 张伟 12345678901').phone).toBeNull();
  });
});
