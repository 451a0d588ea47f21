import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../app/i18n';
import { useLoadErrorNotice } from '../app/LoadError';

/** GB/T 2260 divisions as the server validates them: [code, name, children?]. */
export type Division = [code: string, name: string, children?: Division[]];

/** Loaded on demand (its own chunk): only the manual order form needs the 86 KB table. */
async function loadDivisions(): Promise<Division[]> {
  const data = (await import('../../../server/reference/divisions.json')).default as unknown as { provinces: Division[] };
  return data.provinces;
}

export function useDivisions() {
  const { t } = useI18n();
  const divisions = useQuery({ queryKey: ['divisions'], queryFn: loadDivisions, staleTime: Infinity });
  useLoadErrorNotice(divisions, t.errors.divisions);
  return divisions;
}

export function childrenOf(divisions: Division[] | undefined, name: string | undefined): Division[] {
  if (!divisions || !name) return [];
  return divisions.find((d) => d[1] === name)?.[2] ?? [];
}

/** Municipalities list their districts under these pseudo-cities. */
const PSEUDO_CITIES = new Set(['市辖区', '县']);

/** Options for a select; a municipality's pseudo-city "市辖区" reads as the municipality itself. */
export function divisionOptions(divisions: Division[], parentName?: string) {
  return divisions.map(([, name]) => ({ value: name, label: name === '市辖区' && parentName ? parentName : name }));
}

/** "北京市 朝阳区" rather than "北京市 市辖区 朝阳区": the pseudo-cities mean nothing to a reader. */
export function regionText(province: string, city: string, district: string): string {
  return [province, PSEUDO_CITIES.has(city) ? '' : city, district].filter(Boolean).join(' ');
}
