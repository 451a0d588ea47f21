import { findRegion, type Region } from './divisionNames';

/**
 * 智能识别: the receiver's name, phone and address out of what a buyer typed in chat (pure, no I/O).
 * Name, phone and address come in any order, apart or labelled (收货人：…), with chatter around them;
 * the region is found in the same GB/T 2260 data intake resolves with and named as intake stores it.
 * What cannot be found is null.
 */
export interface ParsedAddress {
  name: string | null;
  /** A mainland mobile as its 11 digits, the way the order form takes it. */
  phone: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  detail: string | null;
  postalCode: string | null;
}

const PHONE_LABEL = '(?:联系)?(?:手机号码|手机号|手机|电话号码|电话|联系方式)';
const ADDRESS_LABEL = '(?:收货|收件)?(?:所在地区|所在地|地区|省市区|详细地址|地址|具体地址)';
const NAME_LABEL_WORDS = '(?:收货人|收件人|联系人|姓名|名字)(?:姓名)?';
/** 【收货人】张三 and [手机]138…: a bracketed label reads as one with a colon. */
const BRACKETED_LABEL = new RegExp(`[【\\[]\\s*(${NAME_LABEL_WORDS}|${PHONE_LABEL}|${ADDRESS_LABEL}|邮编|邮政编码)\\s*[】\\]]\\s*:?`, 'g');
/** The phone label goes with the number even without a colon (电话13800138000). */
const MOBILE = new RegExp(`(?:${PHONE_LABEL}\\s*:?\\s*)?(?<!\\d)(?:\\(?\\+?86\\)?[\\s-]*)?(1[3-9]\\d(?:[\\s-]?\\d){8})(?!\\d)`);
/** A landline (021-12345678) is not what the form takes; cut out so it is not taken for the street address. */
const LANDLINE = /(?<!\d)(?:\(?0\d{2,3}\)?[\s-]?)\d{7,8}(?:-\d{1,6})?(?!\d)/;
const LABELLED_POSTCODE = /(?:邮编|邮政编码)\s*:?\s*(\d{6})(?!\d)/;
/** Six digits standing alone, not a house or room number (100001号). */
const POSTCODE = /(?<!\d)(\d{6})(?![\d号室栋楼层弄幢单])/;
const LABELS = new RegExp(`(?:${PHONE_LABEL}|${ADDRESS_LABEL})\\s*:`, 'g');
const NAME_LABEL = new RegExp(`${NAME_LABEL_WORDS}\\s*:?`, 'g');
const CHATTER = /亲爱的|(?:^|(?<=\n))亲(?=[\s,!~])|亲[,!~]|你好|您好|在吗|谢谢[你您亲啦了呀哈]*|多谢|麻烦[你您]?了|辛苦[你您]?了|我的地址是?|地址是|寄到|发到|邮到/g;
/** A token of the address line that is a request, not part of the address. */
const REQUEST = /^(?:请|麻烦|尽快|快点|务必|急)|发货|快递/;
const TOKEN_SEPARATOR = /[\s,，;；、。!！【】[\]]+/;

/** Replaces what a pattern matched with a line break, keeping every position in the text where it was. */
const blankOut = (text: string, start: number, length: number) => `${text.slice(0, start)}\n${' '.repeat(Math.max(length - 1, 0))}${text.slice(start + length)}`;

function cut(text: string, pattern: RegExp): { text: string; value?: string } {
  const match = pattern.exec(text);
  return match ? { text: blankOut(text, match.index, match[0].length), value: match[1] } : { text };
}

function cutAll(text: string, pattern: RegExp): { text: string; ends: number[] } {
  let out = text;
  const ends: number[] = [];
  for (const match of text.matchAll(pattern)) {
    out = blankOut(out, match.index, match[0].length);
    ends.push(match.index + match[0].length);
  }
  return { text: out, ends };
}

const ADDRESS_ENDING = /(?:路|街|道|巷|弄|号|村|镇|乡|楼|室|栋|幢|座|层|单元|苑|园|庄|城|区|院|厦|场|坊|湾|里|屯|组|府|店|门|口|桥|站|港|县|市|省|期|湖|山)$/;
const NOT_A_NAME = /地址|电话|手机|号码|邮编|快递|发货|收货|收件|中国|谢|麻烦|老板|是|的|吗|吧|呢|啊|哦|呀|了|请|帮/;
/** A Chinese name of 2–6 characters (with · for a transliterated one), not a piece of address or chatter. */
const looksLikeName = (token: string) => /^[\u4e00-\u9fff][\u4e00-\u9fff·•]{1,5}$/.test(token) && !ADDRESS_ENDING.test(token) && !NOT_A_NAME.test(token);

/** The name a token gives, if it is one: 张三, and 张三收 / 张三(收) as the receiver writes it. */
function nameIn(token: string): string | undefined {
  const name = token.replace(/^(.{2,}?)\(?收\)?$/, '$1');
  return looksLikeName(name) ? name : undefined;
}

const tokens = (text: string) => text.split(TOKEN_SEPARATOR).filter((t) => t.length > 0);

/** The street address after the region: the rest of its line, or the next line when the region stood alone (所在地区 / 详细地址). */
function detailAfter(text: string, region: Region): { tokens: string[]; end: number } {
  let pos = region.end;
  const lines = text.slice(pos).split('\n');
  for (const [i, line] of lines.entries()) {
    const words = tokens(line).filter((t) => !REQUEST.test(t));
    const nameLine = words.length === 1 && nameIn(words[0]!) !== undefined;
    if (words.length > 0 && !(i > 0 && nameLine)) return { tokens: words, end: pos + line.length };
    if (words.length > 0) break;
    pos += line.length + 1;
  }
  return { tokens: [], end: region.end };
}

/** The token a 收货人 label names, cut where the address begins when the two run together. */
function labelledName(text: string, labelEnds: number[], region: Region | undefined): string | undefined {
  for (const end of labelEnds) {
    const from = end + (/^\s*/.exec(text.slice(end))?.[0].length ?? 0);
    const until = region && region.start >= from ? region.start : text.length;
    const token = tokens(text.slice(from, until))[0];
    if (token && text.slice(from).startsWith(token)) return nameIn(token) ?? token;
  }
  return undefined;
}

export function parseAddress(input: string): ParsedAddress {
  let text = input.normalize('NFKC').replace(/\r\n?/g, '\n').replace(BRACKETED_LABEL, '$1:');
  const phone = cut(text, MOBILE);
  text = cut(phone.text, LANDLINE).text;
  const labelled = cut(text, LABELLED_POSTCODE);
  const postcode = labelled.value ? labelled : cut(text, POSTCODE);
  text = postcode.text;
  text = cutAll(text, LABELS).text;
  text = cutAll(text, CHATTER).text;
  const names = cutAll(text, NAME_LABEL);
  text = names.text;

  const region = findRegion(text);
  const detail = region ? detailAfter(text, region) : { tokens: [], end: 0 };
  // a label's name first, then one standing apart from the address, then one ending its line (…100号 张三)
  const outside = region ? `${text.slice(0, region.start)}\n${text.slice(detail.end)}` : text;
  let name = labelledName(text, names.ends, region) ?? tokens(outside).map(nameIn).find((n) => n !== undefined);
  const last = detail.tokens.length > 1 ? nameIn(detail.tokens.at(-1)!) : undefined;
  if (name === undefined && last !== undefined) {
    name = last;
    detail.tokens.pop();
  }

  return {
    name: name ?? null,
    phone: phone.value?.replace(/\D/g, '') ?? null,
    province: region?.province[1] ?? null,
    city: region?.city?.[1] ?? null,
    district: region?.district?.[1] ?? null,
    detail: detail.tokens.length > 0 ? detail.tokens.join(' ') : null,
    postalCode: postcode.value ?? null,
  };
}
