/** Seeded randomness: streams are reproducible, independent, and shuffles are permutations. */
import { describe, expect, it } from 'vitest';
import { Rng, epochPermutation, permutation } from '../../src/core/random.ts';

const draw = (rng: Rng, n: number, f: (r: Rng) => number = (r) => r.nextUint32()) => Array.from({ length: n }, () => f(rng));
const isPermutation = (p: ArrayLike<number>) => [...Array.from(p)].sort((a, b) => a - b).every((v, i) => v === i);

describe('Rng', () => {
  it('gives the same sequence for the same seed, stream and index', () => {
    expect(draw(new Rng(42, 'init'), 100)).toEqual(draw(new Rng(42, 'init'), 100));
    expect(draw(new Rng(42, 'shuffle', 3), 100, (r) => r.normal())).toEqual(draw(new Rng(42, 'shuffle', 3), 100, (r) => r.normal()));
  });

  const others: { name: string; input: [number, string, number]; expected: string }[] = [
    { name: 'another seed', input: [43, 'init', 0], expected: 'differs' },
    { name: 'seed 0 against seed 42', input: [0, 'init', 0], expected: 'differs' },
    { name: 'another stream', input: [42, 'shuffle', 0], expected: 'differs' },
    { name: 'another index', input: [42, 'init', 1], expected: 'differs' },
    { name: 'the largest seed', input: [0xffffffff, 'init', 0], expected: 'differs' },
  ];

  it.each(others)('gives another sequence for $name', ({ input }) => {
    const reference = draw(new Rng(42, 'init', 0), 20);
    const other = draw(new Rng(...input), 20);
    // 20 independent 32-bit draws: any shared value at the same position would be a 1-in-2^32 coincidence.
    expect(other.filter((v, i) => v === reference[i])).toEqual([]);
  });

  it('does not use Math.random', () => {
    const saved = Math.random;
    Math.random = () => {
      throw new Error('Math.random called');
    };
    try {
      expect(() => draw(new Rng(1), 10, (r) => r.normal())).not.toThrow();
    } finally {
      Math.random = saved;
    }
  });

  it('draws 32-bit unsigned integers', () => {
    for (const v of draw(new Rng(3), 1000)) {
      expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
    }
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const u = draw(new Rng(5), 20_000, (r) => r.uniform());
    expect(u.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = u.reduce((s, v) => s + v, 0) / u.length;
    const variance = u.reduce((s, v) => s + (v - mean) ** 2, 0) / u.length;
    // Standard error of the mean: √(1/12 / 20000) ≈ 0.002.
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });

  it('draws integers in [0, n) hitting every value', () => {
    const v = draw(new Rng(6), 1000, (r) => r.int(7));
    expect(v.every((k) => Number.isInteger(k) && k >= 0 && k < 7)).toBe(true);
    expect(new Set(v).size).toBe(7);
  });

  it('draws standard normals: mean 0, sd 1, symmetric tails', () => {
    const z = draw(new Rng(7), 20_000, (r) => r.normal());
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const sd = Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length);
    expect(Math.abs(mean)).toBeLessThan(0.03); // 4 standard errors (1/√20000 ≈ 0.007)
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    // P(|z| > 1.96) = 5%; with 20000 draws the count is 1000 ± 31.
    const tails = z.filter((v) => Math.abs(v) > 1.96).length;
    expect(tails).toBeGreaterThan(880);
    expect(tails).toBeLessThan(1120);
  });
});

describe('permutation', () => {
  it.each([0, 1, 2, 5, 100])('of %i is a permutation of 0..n-1', (n) => {
    const p = permutation(n, new Rng(1));
    expect(p).toHaveLength(n);
    expect(isPermutation(p)).toBe(true);
  });

  it('writes into the buffer it is given', () => {
    const out = new Int32Array(10).fill(-1);
    const p = permutation(10, new Rng(2), out);
    expect(p).toBe(out);
    expect(isPermutation(out)).toBe(true);
  });

  it('reaches every ordering of 3 items, about equally often', () => {
    const rng = new Rng(8);
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const key = permutation(3, rng).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // Each ordering expects 1000 ± 29.
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });
});

describe('epochPermutation', () => {
  it('is the same for the same seed and epoch', () => {
    expect(epochPermutation(3, 1, 20)).toEqual(epochPermutation(3, 1, 20));
  });

  it('is a permutation', () => {
    expect(isPermutation(epochPermutation(3, 1, 20))).toBe(true);
  });

  it('differs across epochs', () => {
    const orders = [1, 2, 3, 4, 5].map((epoch) => epochPermutation(3, epoch, 20).join(','));
    expect(new Set(orders).size).toBe(5);
  });

  it('differs across seeds', () => {
    const orders = [0, 1, 2, 3, 4].map((seed) => epochPermutation(seed, 1, 20).join(','));
    expect(new Set(orders).size).toBe(5);
  });

  it('is not the identity', () => {
    expect(epochPermutation(0, 1, 20).join(',')).not.toBe(Array.from({ length: 20 }, (_, i) => i).join(','));
  });
});
