/**
 * Seeded randomness. One generator per purpose (init, split, shuffle, synthetic data), each
 * derived from the race seed and a stream name, so adding a racer or changing the hold-out
 * never changes another stream. Nothing here touches Math.random.
 */

/** splitmix32: turns any 32-bit integer into a well-mixed one; used to seed and to hash. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A small fast PRNG (sfc32) with a normal sampler. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  /** `seed` is the user's seed; `stream` and `index` pick an independent sequence from it. */
  constructor(seed: number, stream = '', index = 0) {
    const s = mix32(seed >>> 0);
    this.a = mix32(s ^ hashString(stream));
    this.b = mix32(this.a ^ (index >>> 0));
    this.c = mix32(this.b ^ Math.floor(seed / 0x100000000));
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n), without modulo bias. */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal (mean 0, sd 1), Box–Muller. */
  normal(): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return z;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

/** Fisher–Yates shuffle of 0..n-1 into `out` (allocated when not given). */
export function permutation(n: number, rng: Rng, out: Int32Array = new Int32Array(n)): Int32Array {
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/**
 * The row order of one epoch. Every racer (and every worker) computes it from the race seed
 * and the epoch alone, so all racers see the same batches without sharing any state.
 */
export function epochPermutation(seed: number, epoch: number, n: number, out?: Int32Array): Int32Array {
  return permutation(n, new Rng(seed, 'shuffle', epoch), out);
}
