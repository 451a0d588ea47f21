import { describe, expect, it } from 'vitest';
import { readScale } from './scaleReading';

describe('a scale reading', () => {
  it('takes a whole number as grams and a unit as written, rounded to the gram', () => {
    expect(readScale('812')).toEqual({ ok: true, grams: 812 });
    expect(readScale(' 812 g ')).toEqual({ ok: true, grams: 812 });
    expect(readScale('812克')).toEqual({ ok: true, grams: 812 });
    expect(readScale('812.6G')).toEqual({ ok: true, grams: 813 });
    expect(readScale('0.812kg')).toEqual({ ok: true, grams: 812 });
    expect(readScale('+1.2345KG')).toEqual({ ok: true, grams: 1235 });
    expect(readScale('2公斤')).toEqual({ ok: true, grams: 2000 });
    expect(readScale('0.05千克')).toEqual({ ok: true, grams: 50 });
  });

  it('refuses a decimal without a unit instead of guessing grams or kilograms', () => {
    expect(readScale('0.812')).toEqual({ ok: false, problem: 'decimal' });
    expect(readScale('50.5')).toEqual({ ok: false, problem: 'decimal' });
  });

  it('refuses what is no weight, and a weight no parcel has', () => {
    for (const typed of ['', 'SO20240101000001', '773012345678x', '-5', '1,2kg', '0.8 lb']) expect(readScale(typed)).toEqual({ ok: false, problem: 'format' });
    expect(readScale('0')).toEqual({ ok: false, problem: 'range' });
    expect(readScale('0.0004kg')).toEqual({ ok: false, problem: 'range' });
    expect(readScale('100000')).toEqual({ ok: true, grams: 100_000 });
    expect(readScale('100001')).toEqual({ ok: false, problem: 'range' });
    expect(readScale('773012345678')).toEqual({ ok: false, problem: 'range' });
  });
});
