import { allProvinces, childrenOf, CITY_SUFFIXES, DISTRICT_SUFFIXES, isMunicipality, PROVINCE_SUFFIXES, PSEUDO_CITIES, stripSuffix, type Division } from './divisions';

/**
 * Finds the GB/T 2260 region (province → city → district) inside free text such as a pasted address,
 * over the reference data intake resolves with, so what paste finds intake accepts. Buyers write a
 * division by its full name, without its suffix (广西, 杭州, 西湖) or an autonomous prefecture by its
 * place name (恩施州, 延边); the parts may be run together or apart (浙江 杭州 西湖区).
 */

const ETHNIC_GROUPS =
  '蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各';
/** 黔东南苗族侗族自治州 → 黔东南 (and 黔东南州). */
const AUTONOMOUS = new RegExp(`^(.{2,}?)(?:(?:${ETHNIC_GROUPS})族?)+自治(州|县|旗)$`);

/** The ways buyers write a division's name, none shorter than 2 characters; the full name first. */
function spellings(name: string, suffixes: string[]): string[] {
  const names = new Set([name]);
  const short = stripSuffix(name, suffixes);
  if (short.length >= 2) names.add(short);
  const autonomous = AUTONOMOUS.exec(name);
  if (autonomous) names.add(autonomous[1]!).add(`${autonomous[1]!}${autonomous[2]!}`);
  return [...names];
}

interface Entry {
  division: Division;
  /** Where it sits, when the index spans more than one parent: [city] for a district across a province, [province] for a city nationwide, [city, province] for a district nationwide. */
  parents: Division[];
  full: boolean;
}

interface NameIndex {
  byName: Map<string, Entry[]>;
  longest: number;
  /** The first characters of every spelling: most places in a text start none, and are passed at once. */
  firsts: Set<string>;
}

const indexes = new Map<string, NameIndex>();

function indexed(key: string, entries: () => Omit<Entry, 'full'>[], suffixes: string[]): NameIndex {
  const cached = indexes.get(key);
  if (cached) return cached;
  const index: NameIndex = { byName: new Map(), longest: 0, firsts: new Set() };
  for (const entry of entries()) {
    for (const spelling of spellings(entry.division[1], suffixes)) {
      index.byName.set(spelling, [...(index.byName.get(spelling) ?? []), { ...entry, full: spelling === entry.division[1] }]);
      index.longest = Math.max(index.longest, spelling.length);
      index.firsts.add(spelling[0]!);
    }
  }
  indexes.set(key, index);
  return index;
}

interface Match {
  entry: Entry;
  end: number;
}

/** A short spelling followed by one of these is a street named after the place (天河路, 中山街), not the place. */
const STREET = new Set(['路', '街', '巷', '弄']);

/** The longest spelling at `pos` naming exactly one division; a full name beats short spellings that collide with it. */
function matchAt(text: string, pos: number, index: NameIndex, fullOnly = false): Match | undefined {
  if (!index.firsts.has(text[pos] ?? '')) return undefined;
  for (let len = Math.min(index.longest, text.length - pos); len >= 2; len--) {
    const hits = index.byName.get(text.slice(pos, pos + len)) ?? [];
    const full = hits.filter((h) => h.full);
    const entry = full.length === 1 ? full[0] : !fullOnly && hits.length === 1 && !STREET.has(text[pos + len] ?? '') ? hits[0] : undefined;
    if (entry) return { entry, end: pos + len };
  }
  return undefined;
}

const provinceIndex = () => indexed('provinces', () => allProvinces().map((division) => ({ division, parents: [] })), PROVINCE_SUFFIXES);
const cityIndex = (province: Division) => indexed(`cities:${province[0]}`, () => childrenOf(province).map((division) => ({ division, parents: [] })), CITY_SUFFIXES);
const districtIndex = (city: Division) => indexed(`districts:${city[0]}`, () => childrenOf(city).map((division) => ({ division, parents: [] })), DISTRICT_SUFFIXES);
/** A province's districts across its cities: a municipality's, a county-level city the province runs itself (仙桃), a city left out. */
const provinceDistrictIndex = (province: Division) =>
  indexed(`province-districts:${province[0]}`, () => childrenOf(province).flatMap((city) => childrenOf(city).map((division) => ({ division, parents: [city] }))), DISTRICT_SUFFIXES);
/** Cities written without their province (杭州西湖区); pseudo-cities are never written. */
const nationalCityIndex = () =>
  indexed(
    'cities',
    () => allProvinces().flatMap((province) => childrenOf(province).filter((city) => !PSEUDO_CITIES.has(city[1]) && !city[1].includes('直辖')).map((division) => ({ division, parents: [province] }))),
    CITY_SUFFIXES,
  );
/** A district alone (余杭区, 仙桃市): only by its full name, and only when no other district has it. */
const nationalDistrictIndex = () =>
  indexed('districts', () => allProvinces().flatMap((province) => childrenOf(province).flatMap((city) => childrenOf(city).map((division) => ({ division, parents: [city, province] })))), []);

export interface Region {
  start: number;
  end: number;
  province: Division;
  city?: Division;
  district?: Division;
}

const SEPARATOR = /[\s,，、/\\>-]/;
const skipSeparators = (text: string, pos: number) => {
  let at = pos;
  while (at < text.length && SEPARATOR.test(text[at]!)) at++;
  return at;
};

/** A municipality's city is written as its own name again (上海市上海市浦东新区) or as a pseudo-city, or left out. */
function skipMunicipalCity(text: string, pos: number, province: Division): number {
  const written = [...spellings(province[1], PROVINCE_SUFFIXES), ...PSEUDO_CITIES].find((name) => text.startsWith(name, pos));
  return written ? skipSeparators(text, pos + written.length) : pos;
}

function districtFrom(text: string, pos: number, province: Division, city: Division | undefined, start: number): Region {
  const at = skipSeparators(text, pos);
  if (city) {
    const district = matchAt(text, at, districtIndex(city));
    return district ? { start, end: district.end, province, city, district: district.entry.division } : { start, end: pos, province, city };
  }
  const district = matchAt(text, at, provinceDistrictIndex(province));
  return district ? { start, end: district.end, province, city: district.entry.parents[0]!, district: district.entry.division } : { start, end: pos, province };
}

function fromProvince(text: string, start: number): Region | undefined {
  const found = matchAt(text, start, provinceIndex());
  if (!found) return undefined;
  const province = found.entry.division;
  // "广西省": a short name with a suffix it does not have
  const end = !found.entry.full && text[found.end] === '省' ? found.end + 1 : found.end;
  const at = skipSeparators(text, end);
  if (isMunicipality(province)) return districtFrom(text, skipMunicipalCity(text, at, province), province, undefined, start);
  const city = matchAt(text, at, cityIndex(province));
  return city ? districtFrom(text, city.end, province, city.entry.division, start) : districtFrom(text, end, province, undefined, start);
}

function fromCity(text: string, start: number): Region | undefined {
  const city = matchAt(text, start, nationalCityIndex());
  return city && districtFrom(text, city.end, city.entry.parents[0]!, city.entry.division, start);
}

function fromDistrict(text: string, start: number): Region | undefined {
  const district = matchAt(text, start, nationalDistrictIndex(), true);
  if (!district) return undefined;
  const [city, province] = district.entry.parents as [Division, Division];
  return { start, end: district.end, province, city, district: district.entry.division };
}

/** How much of the region was found: a district beats a city beats a province alone; then the earlier one. */
const depth = (r: Region) => (r.district ? 3 : r.city ? 2 : 1);

/** The region the text most likely names, or undefined when it names none. */
export function findRegion(text: string): Region | undefined {
  let best: Region | undefined;
  for (let start = 0; start < text.length; start++) {
    for (const found of [fromProvince(text, start), fromCity(text, start)]) {
      if (found && (!best || depth(found) > depth(best))) best = found;
    }
  }
  if (best) return best;
  for (let start = 0; start < text.length; start++) {
    const found = fromDistrict(text, start);
    if (found) return found;
  }
  return best;
}
