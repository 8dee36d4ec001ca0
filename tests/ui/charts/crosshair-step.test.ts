import { describe, expect, it } from 'vitest';
import { crosshairStep } from '../../../src/ui/charts/crosshair-step.ts';

describe('crosshairStep', () => {
  const positions = Array.from({ length: 15 }, (_, i) => i * 2); // 0, 2, …, 28

  it.each([
    { name: 'right from nowhere starts at the first', current: null, key: 'ArrowRight', expected: 0 },
    { name: 'left from nowhere starts at the last', current: null, key: 'ArrowLeft', expected: 28 },
    { name: 'right to the next', current: 4, key: 'ArrowRight', expected: 6 },
    { name: 'up is right', current: 4, key: 'ArrowUp', expected: 6 },
    { name: 'left to the previous', current: 4, key: 'ArrowLeft', expected: 2 },
    { name: 'right from between points: the next one after', current: 5, key: 'ArrowRight', expected: 6 },
    { name: 'left from between points: the one before', current: 5, key: 'ArrowLeft', expected: 4 },
    { name: 'right stops at the end', current: 28, key: 'ArrowRight', expected: 28 },
    { name: 'left stops at the start', current: 0, key: 'ArrowLeft', expected: 0 },
    { name: 'page up: ten positions on', current: 2, key: 'PageUp', expected: 22 },
    { name: 'page down: ten back, clamped', current: 6, key: 'PageDown', expected: 0 },
    { name: 'home', current: 10, key: 'Home', expected: 0 },
    { name: 'end', current: 10, key: 'End', expected: 28 },
    { name: 'escape hides it', current: 10, key: 'Escape', expected: null },
    { name: 'other keys are not its business', current: 10, key: 'a', expected: undefined },
  ])('$name', ({ current, key, expected }) => {
    expect(crosshairStep(positions, current, key)).toBe(expected);
  });

  it('ignores movement keys when nothing is recorded', () => {
    expect(crosshairStep([], null, 'ArrowRight')).toBeUndefined();
  });
});
