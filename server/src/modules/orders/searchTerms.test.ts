import { describe, expect, it } from 'vitest';
import { createPii } from '../../platform/pii';
import { inSearchMonth, narrowingPieces, nickPieces, nickPiecesOf, phoneTail, recentSearchMonths, searchTermsOf } from './searchTerms';

const pii = createPii('test-secret-for-search-terms-0123456789');

describe('search terms', () => {
  it('cuts a nick into its distinct lower-cased 2-character pieces, by character', () => {
    expect(nickPieces('KiKi小熊')).toEqual(['ki', 'ik', 'i小', '小熊']);
    expect(nickPieces('a')).toEqual([]);
    expect(nickPieces('😀😀x')).toEqual(['😀😀', '😀x']);
  });

  it('narrows a search by all its pieces, or by 4 spread from the first to the last', () => {
    expect(narrowingPieces('7927')).toEqual(['79', '92', '27']);
    expect(narrowingPieces('13812345678')).toEqual(['13', '12', '45', '78']);
    expect(narrowingPieces('KiKi')).toEqual(['ki', 'ik']);
    expect(narrowingPieces('小熊')).toEqual(['小熊']);
    expect(narrowingPieces('abc')).toEqual(['ab', 'bc']);
  });

  it('searches nicks by part, short words as broad, but a number of 4+ digits only as a whole nick', () => {
    expect(searchTermsOf(pii, '柚子', true).nickPart).toEqual({ text: '柚子', pieces: ['柚子'], broad: true });
    expect(searchTermsOf(pii, 'kiki', true).nickPart?.broad).toBe(true);
    expect(searchTermsOf(pii, '小熊2024', true).nickPart?.broad).toBe(false);
    expect(searchTermsOf(pii, '79', true).nickPart?.broad).toBe(true);
    for (const number of ['7927', '13512347927', '000012']) expect(searchTermsOf(pii, number, true).nickPart, number).toBeNull();
  });

  it('stores the order\'s month among its nick\'s pieces, moved with a reissue, and looks in this month and the last first', () => {
    expect(nickPiecesOf('am:x', new Date('2026-12-03T10:00:00Z'))).toEqual(['am', 'm:', ':x', 'm:2026-12']);
    expect(nickPiecesOf(null, new Date())).toBeNull();
    expect(inSearchMonth(['am', 'm:', ':x', 'm:2026-12'], new Date('2027-01-05T00:00:00Z'))).toEqual(['am', 'm:', ':x', 'm:2027-01']);
    expect(recentSearchMonths(new Date('2027-01-05T08:00:00Z'))).toEqual({ months: ['m:2027-02', 'm:2027-01', 'm:2026-12'], from: new Date('2026-12-01T00:00:00Z') });
  });

  it('takes a phone tail only where the last 4 digits are the buyer’s', () => {
    expect(phoneTail('mobile', '13512347927')).toBe('7927');
    expect(phoneTail('masked', '138****7927')).toBe('7927');
    expect(phoneTail('landline', '0571-88887927')).toBe('7927');
    expect(phoneTail('privacy', '13800138000-1234')).toBeNull();
    expect(phoneTail('masked', '138****')).toBeNull();
  });

  it('looks a phone or a name up only for callers who may read customers', () => {
    expect(searchTermsOf(pii, '7927', true).phoneTailIndex).not.toBeNull();
    expect(searchTermsOf(pii, '7927', false).phoneTailIndex).toBeNull();
    expect(searchTermsOf(pii, '+86 135-1234-7927', true).phoneIndex).toBe(pii.blindIndex('13512347927'));
    expect(searchTermsOf(pii, '欧阳娜娜', false).nameIndex).toBeNull();
    expect(searchTermsOf(pii, 'so20261203000012', true)).toMatchObject({ orderNo: 'SO20261203000012', orderNoTailReversed: '21000030216202OS' });
  });
});
