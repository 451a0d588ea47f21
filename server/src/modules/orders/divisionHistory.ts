import { readFileSync } from 'node:fs';
import {
  childrenOf,
  CITY_SUFFIXES,
  DISTRICT_SUFFIXES,
  divisionByCode,
  findProvince,
  namesMunicipality,
  PROVINCE_SUFFIXES,
  stripSuffix,
  type Division,
  type ResolvedDivision,
  type WrittenDivision,
} from './divisions';

/**
 * Division names that are no longer current but that buyers' saved addresses and platform exports
 * still carry: districts revoked, renamed or moved since 2015, mapped to their successors
 * (server/reference/division-successors.json, curated from the official notices it names), and
 * development zones that older statistical codes listed as districts (server/reference/division-zones.json,
 * extracted by scripts/extract-division-zones.ts).
 */

export type ChangeKind = 'renamed' | 'merged' | 'split' | 'moved';

interface ChangeEntry {
  /** 省/市/区县 as the old codes named them. */
  was: string;
  /** The successor's current code; for a split, where everything not listed under `parts` went. */
  now: string;
  how: ChangeKind;
  parts?: { now: string; streets: string[] }[];
  /** The area was divided in a way the street cannot tell: a person must check. */
  review?: true;
  year: number;
  source: string;
}

export interface Succession {
  /** The old district's name as the notices write it. */
  was: string;
  how: ChangeKind;
  year: number;
  /** The successor that serves this address. */
  successor: ResolvedDivision;
  /** Every successor of a split, the one serving the address included. */
  successors: ResolvedDivision[];
  /** A person must check which successor serves the address. */
  needsReview: boolean;
}

const referenceJson = <T>(file: string): T => JSON.parse(readFileSync(new URL(`../../../reference/${file}`, import.meta.url), 'utf8')) as T;

let changes: ChangeEntry[] | undefined;
const loadChanges = () => (changes ??= referenceJson<{ changes: ChangeEntry[] }>('division-successors.json').changes);

const current = (code: string): ResolvedDivision => {
  const division = divisionByCode(code);
  if (!division) throw new Error(`division-successors.json names ${code}, which server/reference/divisions.json does not list`);
  return division;
};

function sameCity(province: Division, entryCity: string, cityName: string): boolean {
  if (namesMunicipality(province, entryCity)) return namesMunicipality(province, cityName);
  return stripSuffix(entryCity, CITY_SUFFIXES) === stripSuffix(cityName, CITY_SUFFIXES);
}

/** A street named in full, or without its 街道/镇/乡 suffix, anywhere in the street address. */
function namesStreet(detail: string, street: string): boolean {
  const root = street.replace(/(街道|镇|乡)$/, '');
  return detail.includes(street) || (root.length >= 2 && detail.includes(root));
}

/** The successor of a district name that was current once, or undefined when it never was (or still is). */
export function findSuccession(input: WrittenDivision & { detail: string }): Succession | undefined {
  const province = findProvince(input.province);
  if (!province) return undefined;
  const [city, district] = [input.city.trim(), input.district.trim()];
  const entry = loadChanges().find((c) => {
    const [entryProvince, entryCity, entryDistrict] = c.was.split('/') as [string, string, string];
    return (
      entryProvince === province[1] &&
      sameCity(province, entryCity, city) &&
      stripSuffix(entryDistrict, DISTRICT_SUFFIXES) === stripSuffix(district, DISTRICT_SUFFIXES)
    );
  });
  if (!entry) return undefined;
  const part = entry.parts?.find((p) => p.streets.some((street) => namesStreet(input.detail, street)));
  return {
    was: entry.was.split('/')[2]!,
    how: entry.how,
    year: entry.year,
    successor: current(part?.now ?? entry.now),
    successors: [entry.now, ...(entry.parts ?? []).map((p) => p.now)].map(current),
    needsReview: entry.review === true,
  };
}

/** "下城区已并入拱墅区": what became of the district, in a sentence staff read. */
export function successionText(s: Succession): string {
  const names = s.successors.map((d) => d.district).join('、');
  switch (s.how) {
    case 'renamed':
      return `${s.was}已更名为${s.successor.district}`;
    case 'merged':
      return `${s.was}已并入${s.successor.district}`;
    case 'moved':
      return `${s.was}已划归${s.successor.city}，现为${s.successor.city}${s.successor.district}`;
    case 'split':
      return `${s.was}已撤销，区域分属${names}`;
  }
}

// ---- development zones ----

/** [cityCode, zone name, its code in the older statistical codes]. */
type ZoneRow = [string, string, string];

let zonesByCity: Map<string, ZoneRow[]> | undefined;

function historicZones(cityCode: string): ZoneRow[] {
  if (!zonesByCity) {
    zonesByCity = new Map();
    for (const zone of referenceJson<{ zones: ZoneRow[] }>('division-zones.json').zones) zonesByCity.set(zone[0], [...(zonesByCity.get(zone[0]) ?? []), zone]);
  }
  return zonesByCity.get(cityCode) ?? [];
}

/** Statistical codes number a city's development zones 71–79 at the district level. */
const isZoneCode = (code: string) => /^\d{4}7\d$/.test(code);

/**
 * A zone's name with what varies between spellings taken off: the province and city it sits in
 * ("山西长治高新技术产业园区" → "高新区"), and the long forms of 高新区 and 经开区.
 */
function zoneKey(name: string, province: Division, city: Division): string {
  let key = name.trim();
  for (const prefix of [province[1], stripSuffix(province[1], PROVINCE_SUFFIXES), city[1], stripSuffix(city[1], CITY_SUFFIXES)]) {
    if (key.startsWith(prefix) && key.length > prefix.length) key = key.slice(prefix.length);
  }
  return key
    .replace(/^市/, '')
    .replace(/高新技术产业(开发|园)区$/, '高新区')
    .replace(/高新技术开发区$/, '高新区')
    .replace(/经济技术开发区$/, '经开区');
}

/**
 * The development zone of this city the district field names, whether the current codes list it
 * (then with its code) or only older ones did (then with the code they gave it): undefined unless
 * exactly one zone matches.
 */
export function findZone(input: WrittenDivision): ResolvedDivision | undefined {
  const province = findProvince(input.province);
  if (!province) return undefined;
  const city = childrenOf(province).find((c) => stripSuffix(c[1], CITY_SUFFIXES) === stripSuffix(input.city.trim(), CITY_SUFFIXES));
  if (!city) return undefined;
  const zones: [name: string, code: string][] = [
    ...childrenOf(city)
      .filter((d) => isZoneCode(d[0]))
      .map((d) => [d[1], d[0]] as [string, string]),
    ...historicZones(city[0]).map(([, name, code]) => [name, code] as [string, string]),
  ];
  const wanted = zoneKey(input.district, province, city);
  const hits = zones.filter(([name]) => zoneKey(name, province, city) === wanted);
  if (hits.length !== 1) return undefined;
  const [name, code] = hits[0]!;
  return { province: province[1], city: city[1], district: name, code };
}
