/**
 * Believable shop data for the demo seed and the benchmarks: a small clothing and home-goods
 * brand selling on Tmall, JD and Douyin from warehouses in Hangzhou and Guangzhou. Everything is
 * generated from a seeded PRNG so two runs produce the same shop.
 */

export type Random = () => number;

/** mulberry32: tiny, fast and good enough to spread test data. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
export const between = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

export const DEMO_WAREHOUSES = [
  { code: 'HZ01', name: '杭州仓' },
  { code: 'GZ01', name: '广州仓' },
] as const;

export const DEMO_SHOPS = [
  { code: 'tmall-flagship', name: '拾光家居服饰天猫旗舰店', platform: 'tmall', defaultWarehouseCode: 'HZ01' },
  { code: 'jd-official', name: '拾光京东官方店', platform: 'jd', defaultWarehouseCode: 'HZ01' },
  { code: 'douyin-live', name: '拾光抖音直播小店', platform: 'douyin', defaultWarehouseCode: 'GZ01' },
] as const;

interface ProductFixture {
  name: string;
  category: string;
  priceBand: 'traffic' | 'profit' | 'image';
  /** Code stem of its SKUs (货号). */
  stem: string;
  price: number;
  cost: number;
  weightGrams: number;
  specs: string[];
}

const PRODUCTS: ProductFixture[] = [
  { name: '女士纯棉圆领短袖T恤', category: '服装/T恤', priceBand: 'traffic', stem: 'TS01', price: 5900, cost: 2100, weightGrams: 200, specs: ['白色 S', '白色 M', '白色 L', '黑色 M'] },
  { name: '男士免烫商务长袖衬衫', category: '服装/衬衫', priceBand: 'profit', stem: 'SH02', price: 19900, cost: 7200, weightGrams: 300, specs: ['白色 39', '白色 40', '白色 41', '浅蓝 41'] },
  { name: '高腰直筒牛仔裤', category: '服装/裤装', priceBand: 'profit', stem: 'JN03', price: 16900, cost: 6000, weightGrams: 550, specs: ['浅蓝 26', '浅蓝 27', '浅蓝 28', '深蓝 27'] },
  { name: '轻薄白鸭绒羽绒服', category: '服装/外套', priceBand: 'image', stem: 'DJ04', price: 59900, cost: 23000, weightGrams: 600, specs: ['黑色 M', '黑色 L', '燕麦色 M', '燕麦色 L'] },
  { name: '羊毛混纺围巾', category: '服装/配饰', priceBand: 'profit', stem: 'SC05', price: 12900, cost: 3800, weightGrams: 180, specs: ['驼色', '酒红', '烟灰'] },
  { name: '精梳棉船袜五双装', category: '服装/袜子', priceBand: 'traffic', stem: 'SK06', price: 2990, cost: 900, weightGrams: 150, specs: ['男款 混色', '女款 混色'] },
  { name: '全棉磨毛床品四件套', category: '家居/床品', priceBand: 'profit', stem: 'BD07', price: 29900, cost: 11000, weightGrams: 2200, specs: ['灰白条纹 1.5m床', '灰白条纹 1.8m床', '雾霾蓝 1.5m床', '雾霾蓝 1.8m床'] },
  { name: '慢回弹记忆棉枕', category: '家居/床品', priceBand: 'profit', stem: 'PL08', price: 9900, cost: 3500, weightGrams: 1100, specs: ['标准款', '护颈款'] },
  { name: '加厚珊瑚绒毛毯', category: '家居/床品', priceBand: 'traffic', stem: 'BK09', price: 6900, cost: 2500, weightGrams: 900, specs: ['米白 150×200cm', '米白 200×230cm'] },
  { name: '哑光陶瓷马克杯', category: '家居/餐具', priceBand: 'traffic', stem: 'MG10', price: 3900, cost: 1100, weightGrams: 380, specs: ['奶白', '雾蓝', '墨绿'] },
  { name: '日式棉麻收纳篮', category: '家居/收纳', priceBand: 'traffic', stem: 'BS11', price: 4500, cost: 1300, weightGrams: 300, specs: ['小号', '中号', '大号'] },
  { name: '大豆蜡香薰蜡烛礼盒', category: '家居/香薰', priceBand: 'image', stem: 'CD12', price: 16800, cost: 4200, weightGrams: 700, specs: ['雪松', '白茶', '无花果'] },
  { name: '长绒棉加厚浴巾', category: '家居/毛巾', priceBand: 'traffic', stem: 'TW13', price: 4990, cost: 1600, weightGrams: 500, specs: ['云白', '浅灰'] },
];

/** EAN-13 with its check digit; 69 is the GS1 China prefix. */
function ean13(serial: number): string {
  const body = `6901234${String(serial).padStart(5, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return body + ((10 - (sum % 10)) % 10);
}

export interface ProductBody {
  name: string;
  category: string;
  priceBand: ProductFixture['priceBand'];
  skus: { code: string; barcode: string; spec: string; price: number; cost: number; weightGrams: number; safetyStock: number }[];
}

/** The catalog as `POST /api/v1/products` bodies: 13 products, 40 SKUs. */
export function demoProducts(): ProductBody[] {
  let serial = 0;
  return PRODUCTS.map((p) => ({
    name: p.name,
    category: p.category,
    priceBand: p.priceBand,
    skus: p.specs.map((spec, i) => ({
      code: `SG-${p.stem}-${String(i + 1).padStart(2, '0')}`,
      barcode: ean13(++serial),
      spec,
      price: p.price,
      cost: p.cost,
      weightGrams: p.weightGrams,
      safetyStock: p.priceBand === 'traffic' ? 50 : 20,
    })),
  }));
}

/** Real GB/T 2260 districts with their codes and postcodes; the last two are remote areas. */
export const ADDRESSES = [
  { province: '浙江省', city: '杭州市', district: '西湖区', divisionCode: '330106', postalCode: '310012', street: '文三路' },
  { province: '浙江省', city: '杭州市', district: '余杭区', divisionCode: '330110', postalCode: '311100', street: '文一西路' },
  { province: '浙江省', city: '宁波市', district: '鄞州区', divisionCode: '330212', postalCode: '315100', street: '天童南路' },
  { province: '江苏省', city: '南京市', district: '鼓楼区', divisionCode: '320106', postalCode: '210009', street: '中山北路' },
  { province: '江苏省', city: '苏州市', district: '姑苏区', divisionCode: '320508', postalCode: '215000', street: '人民路' },
  { province: '上海市', city: '上海市', district: '浦东新区', divisionCode: '310115', postalCode: '200120', street: '张杨路' },
  { province: '北京市', city: '北京市', district: '朝阳区', divisionCode: '110105', postalCode: '100020', street: '建国路' },
  { province: '广东省', city: '广州市', district: '天河区', divisionCode: '440106', postalCode: '510630', street: '天河北路' },
  { province: '广东省', city: '深圳市', district: '南山区', divisionCode: '440305', postalCode: '518052', street: '科技园南路' },
  { province: '四川省', city: '成都市', district: '武侯区', divisionCode: '510107', postalCode: '610041', street: '科华北路' },
  { province: '湖北省', city: '武汉市', district: '洪山区', divisionCode: '420111', postalCode: '430070', street: '珞喻路' },
  { province: '山东省', city: '青岛市', district: '市南区', divisionCode: '370202', postalCode: '266001', street: '香港中路' },
  { province: '福建省', city: '厦门市', district: '思明区', divisionCode: '350203', postalCode: '361001', street: '湖滨南路' },
  { province: '湖南省', city: '长沙市', district: '岳麓区', divisionCode: '430104', postalCode: '410006', street: '麓山南路' },
  { province: '河南省', city: '郑州市', district: '金水区', divisionCode: '410105', postalCode: '450003', street: '花园路' },
  { province: '陕西省', city: '西安市', district: '雁塔区', divisionCode: '610113', postalCode: '710061', street: '小寨东路' },
  { province: '安徽省', city: '合肥市', district: '蜀山区', divisionCode: '340104', postalCode: '230031', street: '长江西路' },
  { province: '新疆维吾尔自治区', city: '乌鲁木齐市', district: '天山区', divisionCode: '650102', postalCode: '830002', street: '解放北路' },
  { province: '青海省', city: '西宁市', district: '城中区', divisionCode: '630103', postalCode: '810000', street: '南大街' },
] as const;

/** The GB/T 2260 code the server resolves for one of ADDRESSES' districts. */
export function divisionCodeOf(district: string): string {
  const found = ADDRESSES.find((a) => a.district === district);
  if (!found) throw new Error(`not a fixture district: ${district}`);
  return found.divisionCode;
}

export const REMOTE_PROVINCES = new Set(['新疆维吾尔自治区', '西藏自治区', '青海省', '内蒙古自治区', '宁夏回族自治区', '甘肃省', '海南省']);

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN_NAMES = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '霞', '平', '晓雯', '子涵', '雨桐', '浩然', '思远'];
const NICK_WORDS = ['小鱼儿', '橘子汽水', 'momo', '夏天的风', '阿狸', '糖糖', 'lucky', '木木', '北岛', '七七', '豆豆妈', 'kiki', '大白', '晴天', '柚子'];
/** Real mobile network prefixes (China Mobile, Unicom, Telecom). */
const MOBILE_PREFIXES = ['134', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '182', '187', '188', '130', '131', '132', '155', '156', '186', '133', '153', '177', '180', '189', '199'];

export interface Buyer {
  nick: string;
  name: string;
  phone: string;
}

/** Buyer number `n` (stable for a given n): a mainland mobile, a Chinese name and a shop nick. */
export function buyer(n: number): Buyer {
  const phone = MOBILE_PREFIXES[n % MOBILE_PREFIXES.length]! + String((n * 7919 + 12345678) % 100_000_000).padStart(8, '0');
  const name = SURNAMES[n % SURNAMES.length]! + GIVEN_NAMES[Math.floor(n / SURNAMES.length) % GIVEN_NAMES.length]!;
  const nick = `${NICK_WORDS[n % NICK_WORDS.length]}${n}`;
  return { nick, name, phone };
}

export interface AddressBody {
  province: string;
  city: string;
  district: string;
  detail: string;
  postalCode: string;
}

export function address(random: Random, from: readonly (typeof ADDRESSES)[number][] = ADDRESSES): AddressBody {
  const a = pick(random, from);
  return {
    province: a.province,
    city: a.city,
    district: a.district,
    detail: `${a.street}${between(random, 1, 399)}号${between(random, 1, 12)}幢${between(random, 1, 30)}0${between(random, 1, 4)}室`,
    postalCode: a.postalCode,
  };
}

export interface OrderLine {
  skuCode: string;
  quantity: number;
  unitPrice: number;
}

/** Every SKU of the catalog, as the product bodies list them. */
export const CATALOG_SKUS = demoProducts().flatMap((p) => p.skus);

/** What a typical basket looks like: 1–3 different SKUs at list price, one unit each, sometimes two. */
export function basket(random: Random): OrderLine[] {
  const picked = new Set<(typeof CATALOG_SKUS)[number]>();
  const lineCount = between(random, 1, 3);
  while (picked.size < lineCount) picked.add(pick(random, CATALOG_SKUS));
  return [...picked].map((s) => ({ skuCode: s.code, quantity: random() < 0.25 ? 2 : 1, unitPrice: s.price }));
}

export const itemsTotalOf = (lines: readonly OrderLine[]) => lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);

/** Free shipping from 99 元; otherwise 8 元, or 15 元 to remote provinces. */
export function shippingFeeFor(itemsTotal: number, province: string): number {
  if (itemsTotal >= 9900) return 0;
  return REMOTE_PROVINCES.has(province) ? 1500 : 800;
}

export const BUYER_MESSAGES = ['请尽快发货，周末前要用', '麻烦帮忙检查一下有没有瑕疵', '发顺丰可以吗？愿意补运费', '送朋友的礼物，不要放价格单', '尺码拿不准，偏大一码'];

/** Seller remarks as staff write them (content; the API adds author and date), with their flag colour. */
export const REMARKS = [
  { content: '送赠品一份，发申通', flag: 'grey' },
  { content: '客户要求发顺丰，已补运费', flag: 'red' },
  { content: '同一收货人短时间内多单，疑似恶意下单，先别发', flag: 'green' },
  { content: '换货：黑色 M 换燕麦色 M', flag: 'blue' },
  { content: '地址待客户确认，确认后再发', flag: 'yellow' },
  { content: '客户申请退货，等待寄回', flag: 'purple' },
] as const;
