import { describe, expect, it } from 'vitest';
import { resolveDivision } from './divisions';

const ok = (province: string, city: string, district: string) => {
  const result = resolveDivision({ province, city, district });
  if (!result.ok) throw new Error(`${province}/${city}/${district}: ${result.message}`);
  return result.division;
};

describe('GB/T 2260 division lookup', () => {
  it('resolves a province, city and district to canonical names and the 6-digit code', () => {
    expect(ok('浙江省', '杭州市', '西湖区')).toEqual({ province: '浙江省', city: '杭州市', district: '西湖区', code: '330106' });
  });

  it('accepts names without the 省/市/区 suffix when unambiguous', () => {
    expect(ok('浙江', '杭州', '西湖')).toMatchObject({ province: '浙江省', city: '杭州市', district: '西湖区' });
    expect(ok('广西', '南宁', '青秀区')).toMatchObject({ province: '广西壮族自治区', city: '南宁市' });
    expect(ok('内蒙古', '呼和浩特市', '新城区')).toMatchObject({ province: '内蒙古自治区', code: '150102' });
  });

  it('maps a municipality written as its own city onto the 市辖区 pseudo-city', () => {
    expect(ok('北京', '北京市', '朝阳区')).toEqual({ province: '北京市', city: '市辖区', district: '朝阳区', code: '110105' });
    expect(ok('北京市', '市辖区', '海淀区')).toMatchObject({ code: '110108' });
    expect(ok('上海', '上海', '浦东新区')).toMatchObject({ province: '上海市', city: '市辖区', code: '310115' });
  });

  it('finds a Chongqing county under its 县 pseudo-city', () => {
    expect(ok('重庆市', '重庆市', '巫山县')).toMatchObject({ city: '县', district: '巫山县' });
  });

  it('keeps the same district name apart in different cities', () => {
    expect(ok('北京', '北京', '朝阳区').code).toBe('110105');
    expect(ok('辽宁省', '朝阳市', '双塔区').code).toBe('211302');
    expect(ok('吉林省', '长春市', '朝阳区').code).toBe('220104');
  });

  it('accepts a county-level city a province administers directly', () => {
    expect(ok('湖北省', '仙桃市', '仙桃市')).toMatchObject({ province: '湖北省', city: '省直辖县级行政区划', district: '仙桃市' });
  });

  it('names the level that is unknown', () => {
    expect(resolveDivision({ province: '火星省', city: '杭州市', district: '西湖区' })).toMatchObject({ ok: false, path: 'address.province' });
    expect(resolveDivision({ province: '浙江省', city: '南京市', district: '玄武区' })).toMatchObject({ ok: false, path: 'address.city' });
    expect(resolveDivision({ province: '浙江省', city: '杭州市', district: '朝阳区' })).toMatchObject({ ok: false, path: 'address.district' });
    expect(resolveDivision({ province: '北京市', city: '北京市', district: '浦东新区' })).toMatchObject({ ok: false, path: 'address.district' });
  });
});
