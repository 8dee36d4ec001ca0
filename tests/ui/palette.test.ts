import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrast } from '../../src/ui/contrast.ts';
import { PALETTE } from '../../src/ui/palette.ts';

/** The theme colours as app.css sets them: the first block is the light theme, the next the dark. */
const css = readFileSync(new URL('../../src/app.css', import.meta.url), 'utf8');
const values = (name: string) => [...css.matchAll(new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`, 'g'))].map((m) => m[1]);
const THEMES = { light: { bg: values('bg')[0], panel: values('panel')[0] }, dark: { bg: values('bg')[1], panel: values('panel')[1] } };

describe('contrast', () => {
  it.each([
    { a: '#000000', b: '#ffffff', expected: 21 },
    { a: '#ffffff', b: '#ffffff', expected: 1 },
    // WCAG's example: #767676 on white is 4.54:1
    { a: '#767676', b: 'rgb(255, 255, 255)', expected: 4.54 },
  ])('$a on $b', ({ a, b, expected }) => expect(contrast(a, b)).toBeCloseTo(expected, 2));
});

describe('every racer colour stands out at 3:1 from both themes', () => {
  it('reads the themes from app.css', () => {
    expect(THEMES).toEqual({ light: { bg: '#ffffff', panel: '#f6f7f9' }, dark: { bg: '#15171b', panel: '#1e2127' } });
  });
  const cases = PALETTE.flatMap((colour) => Object.entries(THEMES).flatMap(([theme, t]) => Object.entries(t).map(([where, bg]) => ({ colour, theme, where, bg }))));
  it.each(cases)('$colour on the $theme $where ($bg)', ({ colour, bg }) => {
    expect(contrast(colour, bg)).toBeGreaterThanOrEqual(3);
  });
});
