import { describe, expect, it } from 'vitest';
import { withParsed } from './parsedReceiver';

const nothing = { name: null, phone: null, province: null, city: null, district: null, detail: null, postalCode: null };

describe('withParsed', () => {
  it('keeps what was not recognised and takes what was', () => {
    const current = { name: '王五', postalCode: '310000', detail: '旧地址' };
    expect(withParsed(current, { ...nothing, phone: '13800138000', detail: '文三路 100 号' })).toEqual({ name: '王五', phone: '13800138000', postalCode: '310000', detail: '文三路 100 号' });
  });

  it('clears a city and district that belonged to the province just replaced', () => {
    const current = { province: '浙江省', city: '杭州市', district: '西湖区' };
    expect(withParsed(current, { ...nothing, province: '江苏省' })).toEqual({ province: '江苏省', city: undefined, district: undefined });
    expect(withParsed(current, { ...nothing, province: '浙江省', city: '宁波市' })).toEqual({ province: '浙江省', city: '宁波市', district: undefined });
    expect(withParsed(current, { ...nothing, province: '浙江省', city: '杭州市' })).toEqual(current);
  });
});
