import { useQuery } from '@tanstack/react-query';

/** GB/T 2260 divisions as the server validates them: [code, name, children?]. */
export type Division = [code: string, name: string, children?: Division[]];

/** Loaded on demand (its own chunk): only the manual order form needs the 86 KB table. */
async function loadDivisions(): Promise<Division[]> {
  const data = (await import('../../../server/data/divisions.json')).default as unknown as { provinces: Division[] };
  return data.provinces;
}

export function useDivisions() {
  return useQuery({ queryKey: ['divisions'], queryFn: loadDivisions, staleTime: Infinity });
}

export function childrenOf(divisions: Division[] | undefined, name: string | undefined): Division[] {
  if (!divisions || !name) return [];
  return divisions.find((d) => d[1] === name)?.[2] ?? [];
}

/** Options for a select; a municipality's pseudo-city "市辖区" reads as the municipality itself. */
export function divisionOptions(divisions: Division[], parentName?: string) {
  return divisions.map(([, name]) => ({ value: name, label: name === '市辖区' && parentName ? parentName : name }));
}
