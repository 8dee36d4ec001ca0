/** Epoch events: one per racer per frame, the last epoch never lost, divergence reported. */
import { describe, expect, it } from 'vitest';
import type { EpochRecord } from '../../src/core/race/record.ts';
import { EpochStream } from '../../src/embed/epoch-stream.ts';

const rec = (racer: string, epoch: number, extra: Partial<EpochRecord> = {}): EpochRecord => ({ racer, epoch, loss: 1 / (epoch + 1), w: [[epoch]], b: [0], steps: epoch, ms: 1, ...extra });

describe('EpochStream', () => {
  it('sends only each racer\'s latest record per frame, without steps or ms', () => {
    const s = new EpochStream();
    for (let e = 0; e < 5; e++) s.push(rec('a', e), e === 0);
    s.push(rec('b', 0), true);
    expect(s.take().epochs).toEqual([
      { racer: 'a', epoch: 4, loss: 0.2, w: [[4]], b: [0] },
      { racer: 'b', epoch: 0, loss: 1, w: [[0]], b: [0] },
    ]);
    expect(s.dirty).toBe(false);
    expect(s.take().epochs).toEqual([]);
  });

  it('keeps each racer\'s final record for `finished`, in the order asked', () => {
    const s = new EpochStream();
    s.push(rec('a', 9));
    s.push(rec('b', 3));
    s.take();
    expect(s.finals(['b', 'a', 'c']).map((r) => [r.racer, r.epoch])).toEqual([['b', 3], ['a', 9]]);
  });

  it('reports a divergence once, with its record', () => {
    const s = new EpochStream();
    s.push(rec('a', 7, { loss: null, diverged: true }));
    const frame = s.take();
    expect(frame.diverged).toEqual([{ racer: 'a', epoch: 7, record: { racer: 'a', epoch: 7, loss: null, w: [[7]], b: [0] } }]);
    expect(s.take().diverged).toEqual([]);
  });

  it('carries the hold-out loss when the race has one', () => {
    const s = new EpochStream();
    s.push(rec('a', 1, { holdoutLoss: 0.5 }));
    expect(s.take().epochs[0]).toMatchObject({ holdoutLoss: 0.5 });
  });
});
