import { describe, expect, it } from 'vitest';
import { readContact, readPhone, type ContactInput } from './addressIntake';

const contact = (province: string, city: string, district: string, detail = '人民路 1 号', phone = '13900000000'): ContactInput => ({
  buyer: { phone },
  address: { province, city, district, detail },
});

const fromPlatform = (province: string, city: string, district: string, detail?: string) => {
  const { contact: taken, problems } = readContact(contact(province, city, district, detail), true);
  expect(problems).toEqual([]);
  return taken!;
};

const manual = (province: string, city: string, district: string, detail?: string) => readContact(contact(province, city, district, detail), false);

/** Old names that saved addresses and platform exports still carry, and what they are now. */
const SUCCESSORS: [written: string, now: string][] = [
  ['浙江省/杭州市/下城区', '浙江省/杭州市/拱墅区'],
  ['浙江省/杭州市/江干区', '浙江省/杭州市/上城区'],
  ['福建省/三明市/梅列区', '福建省/三明市/三元区'],
  ['福建省/三明市/沙县', '福建省/三明市/沙县区'],
  ['广西壮族自治区/南宁市/横县', '广西壮族自治区/南宁市/横州市'],
  ['广西/南宁/横县', '广西壮族自治区/南宁市/横州市'],
  ['安徽省/芜湖市/芜湖县', '安徽省/芜湖市/湾沚区'],
  ['安徽省/芜湖市/三山区', '安徽省/芜湖市/弋江区'],
  ['河南省/洛阳市/吉利区', '河南省/洛阳市/孟津区'],
  ['河北省/邢台市/邢台县', '河北省/邢台市/信都区'],
  ['河北省/邢台市/桥东区', '河北省/邢台市/襄都区'],
  ['河北省/邢台市/桥西区', '河北省/邢台市/信都区'],
  ['河北省/邢台市/任县', '河北省/邢台市/任泽区'],
  ['江苏省/南通市/港闸区', '江苏省/南通市/崇川区'],
  ['山东省/烟台市/长岛县', '山东省/烟台市/蓬莱区'],
  ['吉林省/四平市/公主岭市', '吉林省/长春市/公主岭市'],
  ['江西省/南昌市/湾里区', '江西省/南昌市/新建区'],
  ['山东省/莱芜市/莱城区', '山东省/济南市/莱芜区'],
  ['山东省/莱芜市/钢城区', '山东省/济南市/钢城区'],
  ['上海市/上海市/闸北区', '上海市/市辖区/静安区'],
  ['上海/市辖区/闸北', '上海市/市辖区/静安区'],
  ['天津市/天津市/蓟县', '天津市/市辖区/蓟州区'],
  ['重庆市/重庆市/开县', '重庆市/市辖区/开州区'],
  ['河北省/保定市/北市区', '河北省/保定市/莲池区'],
  ['河北省/保定市/新市区', '河北省/保定市/竞秀区'],
  ['安徽省/铜陵市/铜陵县', '安徽省/铜陵市/义安区'],
  ['安徽省/安庆市/枞阳县', '安徽省/铜陵市/枞阳县'],
  ['江苏省/淮安市/清河区', '江苏省/淮安市/清江浦区'],
  ['江苏省/常州市/戚墅堰区', '江苏省/常州市/武进区'],
  ['山西省/长治市/长治县', '山西省/长治市/上党区'],
  ['山西省/长治市/城区', '山西省/长治市/潞州区'],
  ['山西省/大同市/大同县', '山西省/大同市/云州区'],
  ['西藏自治区/那曲地区/那曲县', '西藏自治区/那曲市/色尼区'],
  ['西藏/林芝地区/林芝县', '西藏自治区/林芝市/巴宜区'],
  ['广东省/中山市/东升镇', '广东省/中山市/小榄镇'],
  ['广东省/中山市/民众镇', '广东省/中山市/民众街道'],
];

/** Development zones that address libraries list as districts, and the city they resolve in. */
const ZONES: [written: string, now: string][] = [
  ['山西省/长治市/长治高新技术产业园区', '山西省/长治市/山西长治高新技术产业园区'],
  ['山西省/长治市/山西长治高新技术产业园区', '山西省/长治市/山西长治高新技术产业园区'],
  ['山西/长治/长治高新区', '山西省/长治市/山西长治高新技术产业园区'],
  ['浙江省/温州市/温州经济技术开发区', '浙江省/温州市/温州经济技术开发区'],
  ['浙江省/温州市/经开区', '浙江省/温州市/温州经济技术开发区'],
  ['山东省/青岛市/青岛高新技术产业开发区', '山东省/青岛市/青岛高新技术产业开发区'],
  ['江苏省/连云港市/连云港高新区', '江苏省/连云港市/连云港高新技术产业开发区'],
  ['黑龙江省/牡丹江市/牡丹江经济技术开发区', '黑龙江省/牡丹江市/牡丹江经济技术开发区'],
  ['湖南省/株洲市/云龙示范区', '湖南省/株洲市/云龙示范区'],
  ['湖南省/永州市/金洞管理区', '湖南省/永州市/永州市金洞管理区'],
  ['四川省/达州市/达州经济开发区', '四川省/达州市/达州经济开发区'],
  ['河北省/邢台市/邢台经济开发区', '河北省/邢台市/河北邢台经济开发区'],
  ['河北省/石家庄市/高新区', '河北省/石家庄市/石家庄高新技术产业开发区'],
];

const divisionOf = (t: { address: { province: string; city: string; district: string } }) => `${t.address.province}/${t.address.city}/${t.address.district}`;

describe('a platform address written with a revoked or renamed division', () => {
  it.each(SUCCESSORS)('%s is taken as %s, keeping what the buyer wrote', (written, now) => {
    const [province, city, district] = written.split('/') as [string, string, string];
    const taken = fromPlatform(province, city, district);
    expect(divisionOf(taken)).toBe(now);
    expect(taken.address).toMatchObject({ match: 'successor', asWritten: { province, city, district } });
    expect(taken.address.divisionCode).toMatch(/^\d{6}(\d{3})?$/);
    expect(taken.review).toBeNull();
  });

  it('follows the streets a split district gave to another successor', () => {
    expect(divisionOf(fromPlatform('浙江省', '杭州市', '江干区', '下沙街道文泽路 1 号'))).toBe('浙江省/杭州市/钱塘区');
    expect(divisionOf(fromPlatform('浙江省', '杭州市', '江干区', '白杨街道 6 号大街'))).toBe('浙江省/杭州市/钱塘区');
    expect(divisionOf(fromPlatform('浙江省', '杭州市', '江干区', '凯旋街道景芳路'))).toBe('浙江省/杭州市/上城区');
    expect(divisionOf(fromPlatform('河北省', '邢台市', '邢台县', '祝村镇东街'))).toBe('河北省/邢台市/襄都区');
    expect(divisionOf(fromPlatform('河北省', '邢台市', '邢台县', '皇寺镇'))).toBe('河北省/邢台市/信都区');
  });

  it('holds a district divided in a way the street cannot tell, resolved to its main successor', () => {
    const taken = fromPlatform('山西省', '大同市', '南郊区');
    expect(taken.address).toMatchObject({ match: 'successor', district: '云冈区' });
    expect(taken.review).toContain('南郊区');
  });
});

describe('a platform address naming a development zone', () => {
  it.each(ZONES)('%s resolves within its city as %s', (written, now) => {
    const [province, city, district] = written.split('/') as [string, string, string];
    const taken = fromPlatform(province, city, district);
    expect(divisionOf(taken)).toBe(now);
    expect(taken.address).toMatchObject({ match: 'zone', asWritten: { province, city, district } });
    expect(taken.address.divisionCode).toMatch(/^\d{4}7\d$/);
    expect(taken.review).toBeNull();
  });

  it('keeps a zone no code list names for review, its city resolved', () => {
    const taken = fromPlatform('浙江省', '杭州市', '杭州经济技术开发区');
    expect(taken.address).toMatchObject({ match: 'unresolved', province: '浙江省', city: '杭州市', district: '杭州经济技术开发区', divisionCode: null });
    expect(taken.review).toContain('杭州经济技术开发区');
  });
});

describe('a platform address that cannot be resolved', () => {
  it.each([
    ['香港特别行政区', '九龙', '油尖旺区'],
    ['澳门特别行政区', '澳门半岛', '花地玛堂区'],
    ['台湾省', '台北市', '信义区'],
  ])('%s %s %s is kept as written and held as 港澳台', (province, city, district) => {
    const taken = fromPlatform(province, city, district);
    expect(taken.address).toMatchObject({ match: 'unresolved', province, city, district, divisionCode: null, asWritten: { province, city, district } });
    expect(taken.review).toContain('港澳台');
  });

  it('resolves what it can and keeps the rest as written', () => {
    const taken = fromPlatform('浙江', '杭州', '不存在区');
    expect(taken.address).toMatchObject({ match: 'unresolved', province: '浙江省', city: '杭州市', district: '不存在区' });
    expect(taken.review).toContain('不存在区');
    expect(fromPlatform('浙江省', '杭州市', '').address).toMatchObject({ match: 'unresolved', city: '杭州市', district: '' });
  });

  it('takes a current division as before, with nothing kept beside it', () => {
    const taken = fromPlatform('浙江', '杭州', '西湖');
    expect(taken.address).toMatchObject({ match: 'exact', province: '浙江省', city: '杭州市', district: '西湖区', divisionCode: '330106', asWritten: null });
  });
});

describe('phones as platforms hand them over', () => {
  it.each([
    ['13800138000', 'mobile', '13800138000'],
    ['+86 138-0013-8000', 'mobile', '13800138000'],
    ['13800138000-1234', 'privacy', '13800138000-1234'],
    ['13800138000转1234', 'privacy', '13800138000转1234'],
    ['13800138000_5678', 'privacy', '13800138000_5678'],
    ['+8613800138000-12', 'privacy', '+8613800138000-12'],
    ['138****8000', 'masked', '138****8000'],
    ['1**********', 'masked', '1**********'],
    ['##8CA2D0F1E7##', 'masked', '##8CA2D0F1E7##'],
    ['$$kU1sPz0==$$', 'masked', '$$kU1sPz0==$$'],
    ['0571-88888888', 'landline', '0571-88888888'],
    ['+852 9123 4567', 'unrecognised', '+852 9123 4567'],
  ])('%s is kept as %s', (raw, kind, stored) => {
    const phone = readPhone(raw);
    expect(phone).toEqual({ kind, phone: stored, mobile: kind === 'mobile' ? stored : null });
  });

  it('are never a problem on a platform order; an unrecognised one is held for review', () => {
    for (const phone of ['13800138000-1234', '138****8000', '0571-88888888']) {
      expect(readContact(contact('浙江省', '杭州市', '西湖区', '1 号', phone), true).contact!.review).toBeNull();
    }
    expect(readContact(contact('浙江省', '杭州市', '西湖区', '1 号', '+852 9123 4567'), true).contact!.review).toContain('收件电话');
  });

  it('must be a mainland mobile when staff type the order', () => {
    for (const phone of ['13800138000-1234', '138****8000', '0571-88888888']) {
      expect(readContact(contact('浙江省', '杭州市', '西湖区', '1 号', phone), false).problems).toEqual([expect.objectContaining({ code: 'invalid_phone', path: 'buyer.phone' })]);
    }
  });
});

describe('masked addresses', () => {
  it('are kept as given and marked', () => {
    expect(fromPlatform('江苏省', '南京市', '建邺区', '沙洲街道****').address).toMatchObject({ match: 'exact', detailMasked: true });
    expect(fromPlatform('江苏省', '南京市', '建邺区', '沙洲街道 1 号').address.detailMasked).toBe(false);
  });
});

describe('manual entry by staff', () => {
  it('refuses a revoked district, naming the successor to pick', () => {
    expect(manual('浙江省', '杭州市', '下城区').problems).toEqual([{ code: 'unknown_division', path: 'address.district', message: '下城区已并入拱墅区，请选择 拱墅区' }]);
    expect(manual('广西壮族自治区', '南宁市', '横县').problems[0]!.message).toBe('横县已更名为横州市，请选择 横州市');
    expect(manual('吉林省', '四平市', '公主岭市').problems[0]!.message).toBe('公主岭市已划归长春市，现为长春市公主岭市，请选择 长春市 公主岭市');
    expect(manual('浙江省', '杭州市', '江干区', '下沙街道').problems[0]!.message).toBe('江干区已撤销，区域分属上城区、钱塘区，请选择 钱塘区');
  });

  it('refuses a development zone the current codes do not list, and an unknown division', () => {
    expect(manual('浙江省', '温州市', '温州经济技术开发区').problems).toEqual([expect.objectContaining({ code: 'unknown_division', path: 'address.district' })]);
    expect(manual('香港特别行政区', '九龙', '油尖旺区').problems).toEqual([expect.objectContaining({ path: 'address.province' })]);
  });

  it('takes a current division', () => {
    expect(manual('浙江省', '杭州市', '拱墅区').contact!.address).toMatchObject({ match: 'exact', divisionCode: '330105' });
  });
});
