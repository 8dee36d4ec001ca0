/** The worker's TrainerService on its own: the protocol the controller relies on. */
import { afterEach, describe, expect, it } from 'vitest';
import type { RacerRun } from '../../src/core/race/racer-run.ts';
import { TrainerService } from '../../workers/trainer-service.ts';
import type { RecordBatch, TrainerUpdate } from '../../src/race/protocol.ts';
import { recordsOf } from '../../src/race/record-batch.ts';
import { MIXED_RACE, engineRecords, lines, raceOf, sleep } from './helpers.ts';

const services: TrainerService[] = [];
function service(): TrainerService {
  const s = new TrainerService();
  services.push(s);
  return s;
}
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
});

const LONG = raceOf(MIXED_RACE, { epochs: 200_000 });

async function takeUntil(s: TrainerService, done: (u: TrainerUpdate) => boolean): Promise<RecordBatch[]> {
  const batches: RecordBatch[] = [];
  for (;;) {
    const u = await s.take();
    if (u.batch) batches.push(u.batch);
    if (done(u)) return batches;
  }
}

describe('TrainerService', () => {
  it('computes epoch 0 at init and waits, paused', async () => {
    const s = service();
    const info = await s.init(JSON.stringify(MIXED_RACE), 'adam', { speed: 'max', timing: false });
    expect(info).toMatchObject({ rows: 12, inputs: 3, outputs: 2, hasHoldout: true, epochs: 120 });
    const u = await s.take();
    expect(u.state).toBe('paused');
    expect(lines(recordsOf(u.batch!))).toEqual(lines(engineRecords(MIXED_RACE).get('adam')!.slice(0, 1)));
  });

  it('reports a racer whose start is not finite as diverged at epoch 0, not paused', async () => {
    // Predictions of 1e200 square to Infinity: the epoch-0 loss overflows.
    const config = { data: { inputs: [[1e200], [2e200]], targets: [[1], [2]] }, init: { w: [[1]], b: [0] }, epochs: 5, racers: [{ id: 'r', optimizer: 'sgd', lr: 0.1 }] };
    const s = service();
    await s.init(JSON.stringify(config), 'r', { speed: 'max', timing: false });
    const u = await s.take();
    expect(u.state).toBe('diverged');
    expect([u.batch!.from, u.batch!.count, u.batch!.diverged]).toEqual([0, 1, true]);
  });

  it('refuses a bad config with the validator’s message, and an unknown racer', async () => {
    await expect(service().init('{"epochs": 0}', 'a', { speed: 'max' })).rejects.toThrow('epochs must be an integer from 1 to 1000000, got 0');
    await expect(service().init(JSON.stringify(MIXED_RACE), 'nobody', { speed: 'max' })).rejects.toThrow('the race has no racer "nobody"');
  });

  it('coalesces records into batches of about batchMs', async () => {
    const s = service();
    await s.init(JSON.stringify(raceOf(MIXED_RACE, { epochs: 20_000 })), 'gd', { speed: 'max', timing: false, batchMs: 16 });
    await s.play();
    const batches = await takeUntil(s, (u) => u.state === 'finished');
    const count = batches.reduce((n, b) => n + b.count, 0);
    expect(count).toBe(20_001);
    // Thousands of epochs, a few dozen messages.
    expect(batches.length).toBeLessThan(count / 50);
    expect(batches.map((b) => b.from)).toEqual(batches.map((_, i) => batches.slice(0, i).reduce((n, b) => n + b.count, 0)));
  });

  it('stops computing while maxAhead batches wait to be taken (backpressure), and goes on after a take', async () => {
    const s = service();
    await s.init(JSON.stringify(LONG), 'gd', { speed: 'max', timing: false, batchMs: 1, maxAhead: 2 });
    await s.play();
    await sleep(150);
    const stalled = (await s.exportRecords()).count;
    await sleep(100);
    expect((await s.exportRecords()).count).toBe(stalled);
    // About two batches of 1 ms; unchecked it would have run thousands of epochs by now.
    expect(stalled).toBeLessThan(3000);
    const taken = await s.take();
    expect(taken.batch?.count).toBe(stalled);
    await sleep(50);
    expect((await s.exportRecords()).count).toBeGreaterThan(stalled);
  });

  it('pause answers with every record up to the pause; step runs exactly n epochs', async () => {
    const s = service();
    await s.init(JSON.stringify(LONG), 'sgd', { speed: 'max', timing: false });
    await s.take();
    expect(await s.step(7)).toBe(7);
    const stepped = await takeUntil(s, (u) => u.state === 'paused');
    expect(stepped.reduce((n, b) => n + b.count, 0)).toBe(7);
    // A step asked while stepping extends the target.
    expect(await s.step(5)).toBe(12);
    expect(await s.step(5)).toBe(17);
    await takeUntil(s, (u) => u.state === 'paused');
    expect((await s.exportRecords()).count).toBe(18);
    await s.play();
    await sleep(30);
    await s.pause();
    const all = await takeUntil(s, (u) => u.state === 'paused');
    const last = all.at(-1)!;
    expect(last.from + last.count).toBe((await s.exportRecords()).count);
  });

  it('paces epochs at a finite speed and changes speed mid-run', async () => {
    const s = service();
    await s.init(JSON.stringify(LONG), 'gd', { speed: 200 });
    let received = 0;
    let taking = true;
    const taker = (async () => {
      while (taking) received += (await s.take()).batch?.count ?? 0;
    })();
    const t0 = performance.now();
    await s.play();
    await sleep(250);
    // 200 epochs per second: about 50 by now, each sent as soon as it is done.
    const paced = (await s.exportRecords()).count;
    const due = ((performance.now() - t0) / 1000) * 200;
    expect(paced).toBeGreaterThan(20);
    expect(paced).toBeLessThanOrEqual(Math.ceil(due) + 2);
    expect(received).toBeGreaterThanOrEqual(paced - 1);
    await s.setSpeed('max');
    await sleep(100);
    expect((await s.exportRecords()).count).toBeGreaterThan(paced + 500);
    taking = false;
    await s.pause();
    await taker;
  });

  it('rejects take with the error that stopped the racer, after handing over its records', async () => {
    const s = service();
    await s.init(JSON.stringify(MIXED_RACE), 'gd', { speed: 'max', timing: false });
    // Sabotage the engine: epoch 50 throws.
    const run = (s as unknown as { prepared: { run: RacerRun } }).prepared.run;
    const next = run.next.bind(run);
    run.next = (order) => {
      if (run.epoch === 49) throw new Error('engine exploded');
      return next(order);
    };
    await s.play();
    const received: RecordBatch[] = [];
    let error: unknown = null;
    try {
      for (;;) {
        const u = await s.take();
        if (u.batch) received.push(u.batch);
      }
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toBe('engine exploded');
    expect(received.reduce((n, b) => n + b.count, 0)).toBe(50);
    expect(lines(received.flatMap((b) => [...recordsOf(b)]))).toEqual(lines(engineRecords(MIXED_RACE).get('gd')!.slice(0, 50)));
  });

  it('takes another racer when initialized again, as a reused worker does', async () => {
    const s = service();
    await s.init(JSON.stringify(MIXED_RACE), 'adam', { speed: 'max', timing: false });
    await s.play();
    await takeUntil(s, (u) => u.state === 'finished');
    await s.init(JSON.stringify(MIXED_RACE), 'sgd', { speed: 'max', timing: false });
    await s.play();
    const batches = await takeUntil(s, (u) => u.state === 'finished');
    expect(lines(batches.flatMap((b) => [...recordsOf(b)]))).toEqual(lines(engineRecords(MIXED_RACE).get('sgd')!));
    expect(lines(recordsOf(await s.exportRecords()))).toEqual(lines(engineRecords(MIXED_RACE).get('sgd')!));
  });

  it('refuses a bad learning rate, speed or step', async () => {
    const s = service();
    await s.init(JSON.stringify(MIXED_RACE), 'gd', { speed: 'max' });
    await expect(s.setLr(-1)).rejects.toThrow('lr must be a non-negative number, got -1');
    await expect(s.setSpeed(0)).rejects.toThrow('speed must be a positive number of epochs per second or "max", got 0');
    await expect(s.step(1.5)).rejects.toThrow('step needs a positive whole number of epochs, got 1.5');
  });
});
