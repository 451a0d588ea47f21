import { CARRIERS, type Carrier } from '../catalog';

/**
 * The carriers (their codes are catalog's, since shops name a default one) and their tracking-number
 * formats: one table, from the community patterns in shared/REFERENCE.md ("they disagree, so keep
 * them in one table and test them"). A format that
 * is too strict stops a real parcel at the door, so each pattern takes every shape the reference
 * lists for the carrier, and carriers.test.ts holds a real-looking number of each.
 */

export { CARRIERS, type Carrier };

export const CARRIER_LABELS: Record<Carrier, string> = {
  SF: '顺丰速运',
  EMS: '邮政EMS',
  YTO: '圆通速递',
  ZTO: '中通快递',
  STO: '申通快递',
  YUNDA: '韵达快递',
  JD: '京东物流',
  JT: '极兔速递',
};

const TRACKING_FORMATS: Record<Carrier, { patterns: RegExp[]; shape: string }> = {
  SF: { patterns: [/^SF\d{12,15}$/, /^\d{12}$/], shape: 'SF 加 12–15 位数字，或 12 位数字' },
  EMS: { patterns: [/^[A-Z]{2}\d{9}[A-Z]{2}$/, /^(10|11|12|50|51|52|95|97|98|99)\d{11}$/], shape: '2 个字母 + 9 位数字 + 2 个字母，或 10/11/12/50/51/52/95/97–99 开头的 13 位数字' },
  YTO: { patterns: [/^YT\d{13}$/, /^[A-Z0-9]{2}\d{10,13}$/], shape: 'YT 加 13 位数字（旧单号：2 位字母或数字 + 10–13 位数字）' },
  ZTO: { patterns: [/^[1-9]\d{11,13}$/], shape: '12–14 位数字' },
  STO: { patterns: [/^(268|368|468|568|668|768|773|777|868|888|968)\d{9,12}$/, /^STO\d{10}$/], shape: '268/368/468/568/668/768/773/777/868/888/968 开头的 12–15 位数字，或 STO 加 10 位数字' },
  YUNDA: { patterns: [/^\d{13,15}$/], shape: '13–15 位数字' },
  JD: { patterns: [/^JD[0-9A-Z]{11,15}$/], shape: 'JD 加 11–15 位数字或大写字母' },
  JT: { patterns: [/^JT\d{11,13}$/], shape: 'JT 加 11–13 位数字' },
};

/** As scanned or typed: spaces and dashes dropped, letters upper-cased. */
export const normalizeTrackingNo = (typed: string): string => typed.replace(/[\s-]+/g, '').toUpperCase();

/** Null when `trackingNo` (normalized) has one of the carrier's shapes, else the shape staff should look for. */
export function trackingNoProblem(carrier: Carrier, trackingNo: string): string | null {
  const { patterns, shape } = TRACKING_FORMATS[carrier];
  return patterns.some((p) => p.test(trackingNo)) ? null : `${CARRIER_LABELS[carrier]}单号应为${shape}`;
}

/** How buyers and staff write each carrier in a remark or message ("发申通", "要顺丰", "不要发韵达"). */
const CARRIER_NAMES: [Carrier, RegExp][] = [
  ['SF', /顺丰|顺风/],
  ['EMS', /EMS|邮政|邮局/i],
  ['YTO', /圆通/],
  ['ZTO', /中通/],
  ['STO', /申通/],
  ['YUNDA', /韵达/],
  ['JD', /京东/],
  ['JT', /极兔/],
];

/** 不要/别/勿/不发 just before the name turns a request into a refusal. */
const REFUSAL_BEFORE = /(不要|不用|别|勿|不发|不走)[发走用寄]?$/;

export interface CarrierMentions {
  requested: Carrier[];
  refused: Carrier[];
}

/** The carriers a text asks for and the ones it refuses, in the order it names them. */
export function carrierMentions(text: string): CarrierMentions {
  const found: { carrier: Carrier; at: number; refused: boolean }[] = [];
  for (const [carrier, name] of CARRIER_NAMES) {
    const match = new RegExp(name.source, `g${name.flags}`).exec(text);
    if (match) found.push({ carrier, at: match.index, refused: REFUSAL_BEFORE.test(text.slice(Math.max(0, match.index - 4), match.index)) });
  }
  found.sort((a, b) => a.at - b.at);
  return { requested: found.filter((f) => !f.refused).map((f) => f.carrier), refused: found.filter((f) => f.refused).map((f) => f.carrier) };
}

export interface CarrierChoiceFacts {
  /** Seller remarks (newest first), then the buyer's message: the newest request wins. */
  texts: string[];
  province: string | null;
  remoteProvinces: readonly string[];
  shopDefault: Carrier;
}

export interface CarrierChoice {
  carrier: Carrier;
  /** Why, in words a packer reads. */
  because: string;
}

/**
 * DOMAIN §5: a carrier the buyer asked for (from the remark or message) wins; remote provinces go
 * by EMS or SF (the shop's default when it is one of them, else EMS, which reaches everywhere);
 * otherwise the shop's default. A carrier a text refuses is never chosen.
 */
export function chooseCarrier(facts: CarrierChoiceFacts): CarrierChoice {
  const refused = new Set<Carrier>();
  for (const text of facts.texts) {
    const { requested, refused: no } = carrierMentions(text);
    no.forEach((c) => refused.add(c));
    const wanted = requested.find((c) => !refused.has(c));
    if (wanted) return { carrier: wanted, because: `备注/留言指定${CARRIER_LABELS[wanted]}` };
  }
  const remote = facts.province !== null && facts.remoteProvinces.some((p) => facts.province!.startsWith(p));
  if (remote) {
    const carrier = (['SF', 'EMS'] as const).includes(facts.shopDefault as 'SF' | 'EMS') ? facts.shopDefault : 'EMS';
    if (!refused.has(carrier)) return { carrier, because: `${facts.province}属偏远地区，走${CARRIER_LABELS[carrier]}` };
    const other = carrier === 'EMS' ? 'SF' : 'EMS';
    return { carrier: other, because: `${facts.province}属偏远地区，走${CARRIER_LABELS[other]}` };
  }
  if (!refused.has(facts.shopDefault)) return { carrier: facts.shopDefault, because: '店铺默认快递' };
  const carrier = CARRIERS.find((c) => !refused.has(c))!;
  return { carrier, because: `买家不要${CARRIER_LABELS[facts.shopDefault]}，改走${CARRIER_LABELS[carrier]}` };
}

/** The carrier a cell names, by code (SF) or name (顺丰速运, 中通); null when it names none or several. */
export function carrierNamed(text: string): Carrier | null {
  const code = text.trim().toUpperCase();
  if ((CARRIERS as readonly string[]).includes(code)) return code as Carrier;
  const { requested } = carrierMentions(text);
  return requested.length === 1 ? requested[0]! : null;
}
