import { describe, expect, it } from 'vitest';
import { redrawGap } from '../../src/ui/redraw-gap.ts';

describe('redrawGap', () => {
  it.each([
    { cost: 0, gap: 30, why: 'nothing to draw yet: ~30 redraws a second' },
    { cost: 8, gap: 30, why: 'a cheap redraw (a third of 30 ms or less): still 30 ms' },
    { cost: 20, gap: 60, why: 'a 20 ms redraw: three times that, so two thirds of the time stays free' },
    { cost: 70, gap: 210, why: 'a slow machine: fewer redraws, not a stalled page' },
    { cost: 500, gap: 250, why: 'never fewer than four a second' },
  ])('$why', ({ cost, gap }) => {
    expect(redrawGap(cost)).toBe(gap);
  });
});
