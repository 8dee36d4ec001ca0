import { describe, expect, it } from 'vitest';
import { raceEpoch, type RacerStatus } from '../../src/race/index.ts';

const at = (status: RacerStatus, epoch: number) => ({ status, epoch });

describe('raceEpoch', () => {
  it.each([
    { states: [], epoch: 0, why: 'no racers: 0' },
    { states: [at('ready', -1), at('ready', -1)], epoch: 0, why: 'before any epoch: 0, not −1' },
    { states: [at('running', 3), at('running', 5)], epoch: 3, why: 'racing in lockstep: the slowest running racer' },
    { states: [at('running', 3), at('finished', 10), at('diverged', 1)], epoch: 3, why: 'ended racers do not hold the race back or carry it on' },
    { states: [at('finished', 10), at('diverged', 4), at('cancelled', 7)], epoch: 10, why: 'all ended: the furthest' },
    { states: [at('stopped', 6), at('failed', 0)], epoch: 6, why: 'a stopped range test and a failed racer end too' },
  ])('$why', ({ states, epoch }) => {
    expect(raceEpoch(states)).toBe(epoch);
    // Any iterable: the page hands it a Map's values.
    expect(raceEpoch(new Map(states.map((s, i) => [i, s])).values())).toBe(epoch);
  });
});
