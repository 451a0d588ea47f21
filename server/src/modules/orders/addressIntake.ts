import { MAINLAND_MOBILE, normalizePhone, type Pii } from '../../platform/pii';
import type { BuyerIdentity } from '../customers';
import { findSuccession, findZone, successionText, type Succession } from './divisionHistory';
import { resolveDivision, type DivisionResult, type ResolvedDivision, type WrittenDivision } from './divisions';
import type { OrderDetail } from './model';
import type { NewOrder, OrderRow } from './repository';
import { isPostalCode, type Problem } from './rules';
import { receiverSearchIndexes } from './searchTerms';

/**
 * The buyer's phone and address as intake takes them (pure, no I/O). Staff typing an order are held
 * to the current divisions and a mainland mobile. A platform order is already sold and paid for, so
 * it is never refused for its phone or address: a renamed district maps to its successor, a
 * development zone resolves within its city, privacy numbers and masked data are kept as given and
 * marked, and whatever is left unresolved is kept as written for a person to check (地址需核对).
 */

/** mobile: a mainland mobile, the only kind that identifies a buyer. privacy: a platform's relay number with an extension. */
export const PHONE_KINDS = ['mobile', 'privacy', 'masked', 'landline', 'unrecognised'] as const;
export type PhoneKind = (typeof PHONE_KINDS)[number];

/** exact: a current division. successor: written with a revoked or renamed one. zone: a development zone of the city. */
export const DIVISION_MATCHES = ['exact', 'successor', 'zone', 'unresolved'] as const;
export type DivisionMatch = (typeof DIVISION_MATCHES)[number];

export interface TakenPhone {
  kind: PhoneKind;
  /** As stored: a mobile as its 11 digits, anything else as given. */
  phone: string;
  /** The mobile's digits: only a real mobile is indexed and matched (privacy numbers are pooled, masked ones shared). */
  mobile: string | null;
}

export interface TakenAddress {
  province: string;
  city: string;
  district: string;
  /** The district's code; null when the address is unresolved. */
  divisionCode: string | null;
  match: DivisionMatch;
  /** What the buyer wrote, kept when it is not simply a spelling of the division stored. */
  asWritten: WrittenDivision | null;
  /** The street address came masked: it names no one, so it is neither indexed nor copied to the customer. */
  detailMasked: boolean;
}

export interface ContactInput {
  buyer: { phone: string };
  address: WrittenDivision & { detail: string; postalCode?: string | undefined };
}

export interface Contact {
  phone: TakenPhone;
  address: TakenAddress;
  /** Why a person must check the address before the order ships (the 地址需核对 hold), or null. */
  review: string | null;
}

/** Masked data as platforms hand it to sellers ("138****8000", "沙洲街道****") and ciphertext placeholders ("##…", "$$…"). */
export const isMasked = (text: string): boolean => text.includes('*') || /^(##|\$\$)/.test(text.trim());

const PRIVACY_NUMBER = /^(?:\+?86)?1[3-9]\d{9}(?:-|_|,|，|#|转|分机|ext\.?)\d{1,6}$/i;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$/;

export function readPhone(raw: string): TakenPhone {
  const given = raw.trim();
  const digits = normalizePhone(given);
  if (MAINLAND_MOBILE.test(digits)) return { kind: 'mobile', phone: digits, mobile: digits };
  const compact = given.replace(/\s+/g, '');
  const kind: PhoneKind = isMasked(given) ? 'masked' : PRIVACY_NUMBER.test(compact) ? 'privacy' : LANDLINE.test(compact) ? 'landline' : 'unrecognised';
  return { kind, phone: given, mobile: null };
}

const written = (address: WrittenDivision): WrittenDivision => ({ province: address.province.trim(), city: address.city.trim(), district: address.district.trim() });

const fromDivision = (d: ResolvedDivision) => ({ province: d.province, city: d.city, district: d.district, divisionCode: d.code });

const isOutsideMainland = (province: string) => /^(香港|澳门|澳門|台湾|臺灣)/.test(province);

function unresolved(address: WrittenDivision, failure: Extract<DivisionResult, { ok: false }>): { division: Omit<TakenAddress, 'detailMasked'>; review: string } {
  const { partial } = failure;
  const division = {
    province: partial?.province[1] ?? address.province,
    city: partial?.city?.[1] ?? address.city,
    district: address.district,
    divisionCode: null,
    match: 'unresolved' as const,
    asWritten: address,
  };
  const review = isOutsideMainland(address.province) ? `港澳台地址（${address.province}），请核对收货地址与运费` : `${failure.message}，请核对收货区县`;
  return { division, review };
}

/** A platform's division as far as it resolves; never refused. */
function platformDivision(address: WrittenDivision, detail: string): { division: Omit<TakenAddress, 'detailMasked'>; review: string | null } {
  const exact = resolveDivision(address);
  if (exact.ok) return { division: { ...fromDivision(exact.division), match: 'exact', asWritten: null }, review: null };
  const succession = findSuccession({ ...address, detail });
  if (succession) {
    const review = succession.needsReview ? `${successionText(succession)}，请核对收货区县` : null;
    return { division: { ...fromDivision(succession.successor), match: 'successor', asWritten: address }, review };
  }
  const zone = findZone(address);
  if (zone) return { division: { ...fromDivision(zone), match: 'zone', asWritten: address }, review: null };
  return unresolved(address, exact);
}

/** "下城区已并入拱墅区，请选择 拱墅区": the refusal tells staff what to pick instead. */
const successorAdvice = (s: Succession) => `${successionText(s)}，请选择 ${s.how === 'moved' ? `${s.successor.city} ` : ''}${s.successor.district}`;

/** Staff pick from the current divisions: anything else is refused, with the successor when there is one. */
function manualDivision(address: WrittenDivision, detail: string): { division?: Omit<TakenAddress, 'detailMasked'>; problem?: Problem } {
  const exact = resolveDivision(address);
  if (exact.ok) return { division: { ...fromDivision(exact.division), match: 'exact', asWritten: null } };
  const succession = findSuccession({ ...address, detail });
  return { problem: { code: 'unknown_division', path: exact.path, message: succession ? successorAdvice(succession) : exact.message } };
}

/**
 * Reads the buyer's phone and address. `fromPlatform` orders yield no problems: what cannot be
 * resolved is kept as written and named in `review`. Manual entries yield a problem per bad field.
 */
export function readContact(input: ContactInput, fromPlatform: boolean): { contact?: Contact; problems: Problem[] } {
  const phone = readPhone(input.buyer.phone);
  const { detail, postalCode } = input.address;
  const address = written(input.address);
  const detailMasked = isMasked(detail);
  if (fromPlatform) {
    const { division, review } = platformDivision(address, detail);
    const phoneReview = phone.kind === 'unrecognised' ? '收件电话不是可识别的号码，请核对' : null;
    const reviews = [review, phoneReview].filter((r): r is string => r !== null);
    return { contact: { phone, address: { ...division, detailMasked }, review: reviews.length > 0 ? reviews.join('；') : null }, problems: [] };
  }
  const problems: Problem[] = [];
  if (phone.kind !== 'mobile') problems.push({ code: 'invalid_phone', path: 'buyer.phone', message: `手机号 ${input.buyer.phone} 不是有效的大陆手机号（11 位，1[3-9] 开头）` });
  const { division, problem } = manualDivision(address, detail);
  if (problem) problems.push(problem);
  if (postalCode && !isPostalCode(postalCode)) problems.push({ code: 'invalid_postal_code', path: 'address.postalCode', message: `邮编 ${postalCode} 应为 6 位数字` });
  return { contact: problems.length === 0 && division ? { phone, address: { ...division, detailMasked }, review: null } : undefined, problems };
}

/** The full address as the customer stores it and the duplicate-address rule indexes it (canonical division + street). */
export const fullAddress = (contact: Contact, detail: string): string => `${contact.address.province}${contact.address.city}${contact.address.district}${detail}`;

/** The same address typed twice should index the same: no spaces, full-width digits folded. Null for a masked address, which would match every other one. */
export function addressIndexText(contact: Contact, detail: string): string | null {
  return contact.address.detailMasked ? null : fullAddress(contact, detail).normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** The buyer as the customers module matches them: only a real mobile and an unmasked address identify anyone. */
export function buyerIdentity(shopId: number, input: ContactInput & { buyer: { nick?: string | undefined; name: string } }, contact: Contact): BuyerIdentity {
  const { phone, address } = contact;
  return {
    shopId,
    nick: input.buyer.nick ?? null,
    name: input.buyer.name,
    phone: phone.phone,
    mobile: phone.mobile,
    address: fullAddress(contact, input.address.detail),
    addressMasked: address.detailMasked,
  };
}

/** The order columns that record how the phone and address were taken. */
export function contactColumns(contact: Contact): Pick<NewOrder, 'buyerPhoneKind' | 'province' | 'city' | 'district' | 'divisionCode' | 'divisionMatch' | 'writtenProvince' | 'writtenCity' | 'writtenDistrict' | 'addressReview' | 'addressMasked'> {
  const { phone, address } = contact;
  return {
    buyerPhoneKind: phone.kind,
    province: address.province,
    city: address.city,
    district: address.district,
    divisionCode: address.divisionCode,
    divisionMatch: address.match,
    writtenProvince: address.asWritten?.province ?? null,
    writtenCity: address.asWritten?.city ?? null,
    writtenDistrict: address.asWritten?.district ?? null,
    addressReview: contact.review,
    addressMasked: address.detailMasked,
  };
}

/** The receiver as staff or a platform gave them, beside the contact readContact made of it. */
export interface Receiver {
  name: string;
  detail: string;
  postalCode?: string | undefined;
}

export type ReceiverColumns = Pick<NewOrder, 'buyerNameEnc' | 'buyerPhoneEnc' | 'buyerPhoneIndex' | 'buyerPhoneTailIndex' | 'buyerNameIndex' | 'addressDetailEnc' | 'addressIndex' | 'postalCode'> &
  ReturnType<typeof contactColumns>;

/**
 * Every order column that holds the receiver, encrypted and blind-indexed: intake and 改地址 both
 * write them through here, so an index added for these fields is computed in one place.
 */
export function receiverColumns(pii: Pii, contact: Contact, receiver: Receiver): ReceiverColumns {
  const addressIndex = addressIndexText(contact, receiver.detail);
  return {
    buyerNameEnc: pii.encrypt(receiver.name),
    buyerPhoneEnc: pii.encrypt(contact.phone.phone),
    buyerPhoneIndex: contact.phone.mobile === null ? null : pii.blindIndex(contact.phone.mobile),
    ...receiverSearchIndexes(pii, { name: receiver.name, phone: contact.phone.phone, phoneKind: contact.phone.kind }),
    ...contactColumns(contact),
    addressDetailEnc: pii.encrypt(receiver.detail),
    addressIndex: addressIndex === null ? null : pii.blindIndex(addressIndex),
    postalCode: receiver.postalCode || null,
  };
}

/** The order's address as the API shows it: the division stored and, when it differs, what the buyer wrote. */
export function addressReply(row: OrderRow, detail: string): OrderDetail['address'] {
  const { province, city, district, divisionCode, postalCode, writtenProvince, writtenCity, writtenDistrict } = row;
  const asWritten = writtenDistrict === null ? null : { province: writtenProvince ?? '', city: writtenCity ?? '', district: writtenDistrict };
  return { province, city, district, divisionCode, divisionMatch: row.divisionMatch as DivisionMatch, asWritten, detail, detailMasked: row.addressMasked, postalCode };
}
