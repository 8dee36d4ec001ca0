import { describe, expect, it } from 'vitest';
import { validateRace } from '../../src/core/config/validate.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import { runRace } from '../../src/core/race/run-race.ts';
import { startPoint } from '../../src/ui/start-point.ts';

describe('startPoint', () => {
  it.each([
    { name: 'raw crop data', holdout: undefined, normalize: false },
    { name: 'normalized, with hold-out rows', holdout: { fraction: 0.2 }, normalize: true },
  ])('is the epoch-0 record every racer will send ($name)', ({ holdout, normalize }) => {
    const prepared = prepareRace(
      validateRace({ data: 'crops15', epochs: 1, seed: 7, normalize, ...(holdout ? { holdout } : {}), racers: [{ id: 'gd', optimizer: 'sgd', lr: 1e-5, batchSize: 'full' }] }),
    );
    const record = runRace(prepared, { timing: false }).next().value!;
    expect(record.epoch).toBe(0);
    const start = startPoint(prepared);
    expect(start).toMatchObject({ epoch: 0, steps: 0, ms: 0, cumulativeMs: 0, w: record.w, b: record.b });
    expect(start.loss).toBeCloseTo(record.loss, 9);
    if (holdout) expect(start.holdoutLoss).toBeCloseTo(record.holdoutLoss!, 9);
    else expect(start).not.toHaveProperty('holdoutLoss');
  });
});
