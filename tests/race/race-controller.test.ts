/**
 * The race controller, without a browser: every worker is the real RaceWorker running
 * in-process behind the same TrainerApi (arguments cloned, buffers transferred). Racers
 * share workers and race in lockstep, on one worker or several.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/core/config/errors.ts';
import type { RaceConfigSpec, RacerSpec } from '../../src/core/config/schema.ts';
import { validateRace } from '../../src/core/config/validate.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import type { TrainerFactory } from '../../src/race/connection.ts';
import type { WorkerUpdate } from '../../src/race/protocol.ts';
import { inProcessTrainer } from '../../src/race/in-process-trainer.ts';
import { RaceController, type RaceControllerOptions } from '../../src/race/race-controller.ts';
import { recordsOf } from '../../src/race/record-batch.ts';
import { runJobs } from '../../src/cli/jobs.ts';
import { summaryCsv, summaryCsvHeader } from '../../src/core/export/summary-csv.ts';
import { CountingFactory, DIVERGING_RACE, MIXED_RACE, asStreamed, collect, engineRecords, lines, raceOf, sleep, until } from './helpers.ts';

// Up to 100 racers in this one thread: a loaded 2-core CI machine needs more than the default 5 s.
vi.setConfig({ testTimeout: 60_000 });

const controllers: RaceController[] = [];

function controller(factory: TrainerFactory, options: RaceControllerOptions = {}): RaceController {
  const c = new RaceController({ createTrainer: factory, workers: 2, timing: false, ...options });
  controllers.push(c);
  return c;
}

afterEach(() => {
  for (const c of controllers.splice(0)) c.dispose();
});

/** `count` racers on crops15 (normalized), cycling through the seed lesson's optimizers. */
function raceWith(count: number, epochs: number): RaceConfigSpec {
  const kinds: Omit<RacerSpec, 'id'>[] = [
    { optimizer: 'sgd', lr: 0.05, batchSize: 'full' },
    { optimizer: 'sgd', lr: 0.01, batchSize: 1 },
    { optimizer: 'sgd', lr: 0.01, batchSize: 4 },
    { optimizer: 'sgd', lr: 0.01, momentum: 0.9, batchSize: 4 },
    { optimizer: 'sgd', lr: 0.01, momentum: 0.9, nesterov: true, batchSize: 4 },
    { optimizer: 'adam', lr: 0.1, batchSize: 4 },
  ];
  return {
    data: 'crops15',
    normalize: true,
    epochs,
    seed: 3,
    racers: Array.from({ length: count }, (_, i) => ({ ...kinds[i % kinds.length], id: `r${i}` }) as RacerSpec),
  };
}

/** Waits for every racer's epoch 0. */
async function loaded(c: RaceController): Promise<void> {
  await until(() => c.racers().every((r) => r.epoch === 0), 30_000, 'epoch 0 of every racer');
}

const SIZES = [
  { workers: 1, racers: 6 },
  { workers: 2, racers: 6 },
  { workers: 1, racers: 12 },
  { workers: 2, racers: 12 },
  { workers: 1, racers: 100 },
  { workers: 2, racers: 100 },
];

describe.each(SIZES)('$racers racers on $workers worker(s)', ({ workers, racers }) => {
  const spec = raceWith(racers, 400);

  it('spreads the racers over min(workers, racers) workers, each racer on exactly one', () => {
    const factory = new CountingFactory();
    const c = controller(factory.create, { workers });
    expect(c.load(spec).workers).toBe(workers);
    expect(factory.created).toBe(workers);
    expect(factory.started.flat().sort()).toEqual(spec.racers.map((r) => r.id).sort());
  });

  it('has every racer running after play, none waiting for a turn', async () => {
    const c = controller(new CountingFactory().create, { workers, speed: 100 });
    c.load(spec);
    await loaded(c);
    c.play();
    expect(c.racers().every((r) => r.status === 'running')).toBe(true);
    await until(() => c.racers().every((r) => r.epoch >= 3), 10_000, 'three epochs each');
    expect(c.racers().every((r) => r.status === 'running')).toBe(true);
  });

  it('keeps every running racer within one epoch of the others at a paced speed', async () => {
    const c = controller(new CountingFactory().create, { workers, speed: 200 });
    c.load(spec);
    await loaded(c);
    let widest = 0;
    let samples = 0;
    // Sample as a page's frames would, between the controller's events.
    const frame = setInterval(() => {
      const epochs = c.racers().map((r) => r.epoch);
      widest = Math.max(widest, Math.max(...epochs) - Math.min(...epochs));
      samples++;
    }, 3);
    c.play();
    await until(() => c.racers().every((r) => r.epoch >= 40), 20_000, 'epoch 40');
    clearInterval(frame);
    expect(samples).toBeGreaterThan(10);
    expect(widest).toBeLessThanOrEqual(1);
  });

  it('step(1) moves every racer by exactly one epoch, and leaves them paused', async () => {
    const c = controller(new CountingFactory().create, { workers });
    c.load(spec);
    await loaded(c);
    await c.step(1);
    expect(c.racers().map((r) => [r.epoch, r.status])).toEqual(spec.racers.map(() => [1, 'paused']));
    await c.step(1);
    expect(c.racers().every((r) => r.epoch === 2)).toBe(true);
    expect(c.epoch).toBe(2);
  });

  it('pause, reset and stop reach every racer', async () => {
    const factory = new CountingFactory();
    const c = controller(factory.create, { workers, speed: 'max' });
    c.load(raceWith(racers, 100_000));
    await loaded(c);
    c.play();
    await until(() => c.racers().every((r) => r.epoch >= 5), 10_000, 'epoch 5');
    c.pause();
    expect(c.racers().every((r) => r.status === 'paused')).toBe(true);
    await sleep(30);
    const held = c.racers().map((r) => r.epoch);
    await sleep(60);
    expect(c.racers().map((r) => r.epoch)).toEqual(held); // nothing moves after the held records arrived
    const used = c.info!.workers;
    c.reset();
    expect(c.racers().every((r) => r.status === 'ready' && r.epoch === -1)).toBe(true);
    await loaded(c);
    expect(factory.created).toBe(used); // the reset race runs on the same (warm) workers
    c.play();
    await until(() => c.racers().every((r) => r.epoch >= 2), 10_000, 'epoch 2 after reset');
    await c.stop();
    expect(c.racers().every((r) => r.status === 'paused')).toBe(true);
    const exported = await c.exportAll();
    expect([...exported.keys()].sort()).toEqual(spec.racers.map((r) => r.id).sort());
    for (const r of c.racers()) expect(exported.get(r.id)!.count).toBeGreaterThanOrEqual(r.epoch + 1);
    expect(factory.open).toBe(used); // stopped workers wait idle for the next race…
    c.dispose();
    expect(factory.open).toBe(0); // …until the controller goes
  });

  it('a worker that dies fails only its own racers, with the message; the others go on', async () => {
    const factory = new CountingFactory();
    const c = controller(factory.create, { workers, speed: 'max' });
    c.load(raceWith(racers, 1_000_000));
    await loaded(c);
    c.play();
    await until(() => c.racers().every((r) => r.epoch >= 2), 30_000, 'epoch 2');
    factory.crash(0, 'boom: out of memory');
    const doomed = new Set(factory.started[0]);
    await until(() => c.racers().every((r) => !doomed.has(r.id) || r.status === 'failed'), 30_000, 'the doomed racers to fail');
    const atCrash = new Map(c.racers().map((r) => [r.id, r.epoch]));
    for (const r of c.racers()) if (doomed.has(r.id)) expect([r.status, r.error]).toEqual(['failed', 'boom: out of memory']);
    const survivors = c.racers().filter((r) => !doomed.has(r.id));
    expect(survivors.length).toBe(workers === 1 ? 0 : racers - doomed.size);
    // The others race on: running, and further along a moment later.
    await until(() => survivors.every((r) => c.racer(r.id).epoch > atCrash.get(r.id)! + 5), 30_000, 'the others to go on');
    expect(survivors.every((r) => c.racer(r.id).status === 'running')).toBe(true);
    await c.stop();
  });
});

describe('the records', () => {
  it.each([1, 2, 3])('are the engine’s, every epoch once and in order, on %i worker(s)', async (workers) => {
    const c = controller(() => inProcessTrainer(), { workers });
    const streamed = collect(c);
    c.load(MIXED_RACE);
    c.play();
    await c.finished();
    for (const [racer, records] of engineRecords(MIXED_RACE)) expect(lines(streamed.get(racer) ?? []), racer).toEqual(lines(records));
    const exported = await c.exportAll();
    for (const [racer, records] of engineRecords(MIXED_RACE)) expect(lines(recordsOf(exported.get(racer)!)), racer).toEqual(lines(records));
  });

  it('are the same numbers under the compute clock, which only changes the schedule', async () => {
    const spec = raceOf(MIXED_RACE, { clock: 'compute' });
    const c = controller(() => inProcessTrainer(), { workers: 2 });
    const streamed = collect(c);
    c.load(spec);
    c.play();
    await c.finished();
    for (const [racer, records] of engineRecords(MIXED_RACE)) expect(lines(streamed.get(racer) ?? []), racer).toEqual(lines(records));
  });

  it('stop a diverging racer at its epoch while the others go on', async () => {
    const c = controller(() => inProcessTrainer());
    c.load(DIVERGING_RACE);
    c.play();
    const end = await c.finished();
    const expected = engineRecords(DIVERGING_RACE).get('hot')!;
    expect(end.find((r) => r.id === 'hot')).toMatchObject({ status: 'diverged', divergedAt: expected.at(-1)!.epoch });
    expect(end.find((r) => r.id === 'calm')).toMatchObject({ status: 'finished', epoch: 40 });
  });

  it('mark a racer whose start is not finite as diverged at epoch 0', async () => {
    // Predictions of 1e200 square to Infinity: the epoch-0 loss overflows.
    const config = { data: { inputs: [[1e200], [2e200]], targets: [[1], [2]] }, init: { w: [[1]], b: [0] }, epochs: 5, racers: [{ id: 'r', optimizer: 'sgd', lr: 0.1 }] };
    const c = controller(() => inProcessTrainer());
    const streamed = collect(c);
    c.load(config);
    const end = await c.finished();
    expect(end.map((r) => [r.status, r.epoch, r.divergedAt])).toEqual([['diverged', 0, 0]]);
    expect(streamed.get('r')!.map((r) => [r.epoch, r.diverged])).toEqual([[0, true]]);
  });

  it('carry a range test’s lr every epoch and end it as stopped, where and as the engine does', async () => {
    // On raw crops15 in row order the range test's loss passes 4 × its lowest at epoch 38 of 40.
    const spec: RaceConfigSpec = { data: 'crops15', epochs: 40, shuffle: false, seed: 3, racers: [{ id: 'gd', optimizer: 'sgd', lr: 1e-5 }], sweeps: [{ racer: 'gd', rangeTest: { from: 1e-7, to: 1e-3 } }] };
    const id = 'gd lr range 1e-7..0.001';
    const expected = engineRecords(spec);
    const last = expected.get(id)!.at(-1)!;
    expect([last.epoch, last.stopped]).toEqual([38, true]);
    const c = controller(() => inProcessTrainer(), { workers: 2 });
    const streamed = collect(c);
    c.load(spec);
    c.play();
    const end = await c.finished();
    for (const [racer, records] of expected) expect(lines(streamed.get(racer) ?? []), racer).toEqual(lines(asStreamed(records, streamed.get(racer) ?? [])));
    expect(streamed.get(id)!.every((r) => typeof r.lr === 'number')).toBe(true);
    expect(streamed.get('gd')!.some((r) => 'lr' in r)).toBe(false);
    // The range test is a sweep's run: it keeps no records to export, and its summary says where it stopped.
    const exported = await c.exportAll();
    expect([...exported.keys()]).toEqual(['gd']);
    expect(lines(recordsOf(exported.get('gd')!))).toEqual(lines(expected.get('gd')!));
    expect((await c.summaries()).get(id)).toMatchObject({ epochs: 38, stopped: 38, diverged: false });
    expect(end.find((r) => r.id === id)).toMatchObject({ status: 'stopped', epoch: 38, stoppedAt: 38 });
    expect(end.find((r) => r.id === 'gd')).toMatchObject({ status: 'finished', epoch: 40 });
  });

  it('carry each epoch’s measured ms when timing is on, a chunk’s time shared by its epochs', async () => {
    const c = controller(() => inProcessTrainer(), { timing: true });
    const streamed = collect(c);
    c.load(raceOf(MIXED_RACE, { epochs: 300 }));
    c.play();
    await c.finished();
    const sgd = streamed.get('sgd')!;
    expect(sgd[0].ms).toBe(0);
    expect(sgd.slice(1).every((r) => typeof r.ms === 'number' && r.ms >= 0)).toBe(true);
    const total = sgd.reduce((s, r) => s + (r.ms ?? 0), 0);
    expect(total).toBeCloseTo(c.racer('sgd').spentMs, 6);
  });
});

describe('the compute clock', () => {
  it('gives every racer about the same training time, so costly epochs fall behind', async () => {
    // SGD at batch 1 takes 15 steps an epoch on crops15; GD one (of 15 rows, and each epoch also
    // evaluates the full loss and builds a record, which both pay).
    const spec: RaceConfigSpec = {
      data: 'crops15',
      normalize: true,
      epochs: 1_000_000,
      clock: 'compute',
      racers: [
        { id: 'gd', optimizer: 'sgd', lr: 0.05 },
        { id: 'sgd', optimizer: 'sgd', lr: 0.01, batchSize: 1 },
      ],
    };
    const c = controller(() => inProcessTrainer(), { workers: 1, timing: true });
    c.load(spec);
    await loaded(c);
    c.play();
    // Long enough that one chunk stretched by a busy machine (tens of ms) is a small part.
    await until(() => c.racers().every((r) => r.spentMs > 150), 30_000, '150 ms each');
    c.pause();
    const [gd, sgd] = c.racers();
    // Within a chunk (about 1 ms) and a slice of each other, far from GD's epochs-clock share.
    expect(Math.abs(gd.spentMs - sgd.spentMs)).toBeLessThan(0.25 * Math.max(gd.spentMs, sgd.spentMs));
    expect(gd.epoch).toBeGreaterThan(1.3 * sgd.epoch);
  });
});

/** In-process workers whose every update is shown to `see` on its way to the controller. */
function watchedTrainer(see: (update: WorkerUpdate) => void): TrainerFactory {
  return () => {
    const conn = inProcessTrainer();
    const take = conn.api.take;
    conn.api.take = async () => {
      const update = await take();
      see(update);
      return update;
    };
    return conn;
  };
}

describe('a worker hosting thousands of racers', () => {
  it('hands them over a few hundred an update, in turn, every record once and in order, the engine’s', async () => {
    // GD and a sweep of 600 learning rates: 601 racers on one worker; each update may carry 64 of them.
    const spec: RaceConfigSpec = {
      data: 'crops15',
      normalize: true,
      epochs: 12,
      racers: [{ id: 'gd', optimizer: 'sgd', lr: 0.01 }],
      sweeps: [{ racer: 'gd', lr: { from: 1e-4, to: 0.1, points: 600, scale: 'log' } }],
    };
    const sizes: number[] = [];
    const c = controller(watchedTrainer((update) => sizes.push(update.racers.length)), { workers: 1 });
    const streamed = collect(c);
    c.load(spec);
    c.play();
    const end = await c.finished();
    expect(end).toHaveLength(601);
    expect(end.every((r) => r.status === 'finished' && r.epoch === 12)).toBe(true);
    expect(Math.max(...sizes)).toBe(64);
    // Epoch 0 of 601 racers alone takes ten updates.
    expect(sizes.length).toBeGreaterThanOrEqual(10);
    const engine = engineRecords(spec);
    expect(engine.size).toBe(601);
    for (const [id, records] of engine) expect(lines(streamed.get(id)!), id).toEqual(lines(asStreamed(records, streamed.get(id)!)));
  });

  it('stops a round that outlasts its slice and goes on with the racers it did not reach: the same records', async () => {
    // A slice of 0 ms ends after its first chunk: a round of 3 racers takes three slices.
    const spec = raceWith(3, 20);
    const moved: number[] = [];
    const c = controller(watchedTrainer((update) => moved.push(update.batches.filter((b) => b.from > 0).length)), { workers: 1, batchMs: 0 });
    const streamed = collect(c);
    c.load(spec);
    c.play();
    const end = await c.finished();
    expect(end.every((r) => r.status === 'finished' && r.epoch === 20)).toBe(true);
    // The first records after epoch 0 are one racer's: its slice ended before the others' turn.
    expect(moved.find((n) => n > 0)).toBe(1);
    for (const [id, records] of engineRecords(spec)) expect(lines(streamed.get(id)!), id).toEqual(lines(asStreamed(records, streamed.get(id)!)));
  });
});

describe('a sweep’s runs', () => {
  // Two sweeps on two workers, shuffled batches and a hold-out set; mini-batch SGD at lr 3 diverges.
  const spec: RaceConfigSpec = {
    data: 'crops15',
    holdout: { fraction: 0.2 },
    normalize: true,
    epochs: 60,
    seed: 5,
    racers: [
      { id: 'mini', optimizer: 'sgd', lr: 0.01, batchSize: 4 },
      { id: 'adam', optimizer: 'adam', lr: 0.1, batchSize: 4 },
    ],
    sweeps: [
      { racer: 'mini', lr: { from: 1e-3, to: 3, points: 6, scale: 'log' } },
      { racer: 'adam', lr: { values: [0.01, 0.1, 10] } },
    ],
  };

  it('stream the losses, steps and lr of every epoch of the same racer raced alone, with the weights of each batch’s last epoch', async () => {
    const engine = engineRecords(spec);
    const c = controller(() => inProcessTrainer(), { workers: 2, batchMs: 1 });
    const streamed = collect(c);
    c.load(spec);
    c.play();
    const end = await c.finished();
    expect(end.filter((r) => r.status === 'diverged').map((r) => r.id)).toContain('mini lr=3');
    expect(engine.size).toBe(11);
    for (const [id, records] of engine) {
      const got = streamed.get(id)!;
      expect(lines(got), id).toEqual(lines(asStreamed(records, got)));
      // The last epoch's weights always come, and a sweep's run leaves the others out.
      expect('w' in got.at(-1)!, id).toBe(true);
      const sweepRun = id !== 'mini' && id !== 'adam';
      expect(got.some((r) => !('w' in r)), id).toBe(sweepRun);
    }
  });

  it('keep no records to export, and summarise exactly as the CLI’s --format summary', async () => {
    const c = controller(() => inProcessTrainer(), { workers: 2 });
    c.load(spec);
    c.play();
    await c.finished();
    expect([...(await c.exportAll()).keys()]).toEqual(['mini', 'adam']);
    const prepared = prepareRace(validateRace(spec));
    let cli = summaryCsvHeader(false);
    await runJobs(prepared, 1, { format: 'summary', every: 1, timing: false, hasLr: false }, async (text) => void (cli += text));
    const page = summaryCsv(prepared.config.racers, await c.summaries(), false);
    expect(page.split('\n')).toHaveLength(13);
    expect(page).toBe(cli);
    // Stopped, a race keeps its summaries after its workers are let go.
    const again = controller(() => inProcessTrainer(), { workers: 2 });
    again.load(spec);
    await again.step(20);
    await again.stop();
    const stopped = await again.summaries();
    expect(stopped.size).toBe(11);
    expect([...stopped.values()].every((s) => s.epochs === 20 || s.diverged !== false)).toBe(true);
  });
});

describe('cancel', () => {
  it('ends the chosen racers where they are, as cancelled, keeps their records, and lets the others race on', async () => {
    const long = raceOf(MIXED_RACE, { epochs: 1_000_000 });
    const c = controller(() => inProcessTrainer(), { workers: 2, speed: 'max' });
    const streamed = collect(c);
    const statuses: string[] = [];
    c.on('status', (s) => statuses.push(`${s.id} ${s.status}`));
    c.load(long);
    await loaded(c);
    c.play();
    await until(() => c.racers().every((r) => r.epoch >= 20), 20_000, 'epoch 20');
    await c.cancel(['sgd', 'adam']);
    await until(() => ['sgd', 'adam'].every((id) => c.racer(id).status === 'cancelled'), 5_000, 'cancelled');
    const at = { sgd: c.racer('sgd').epoch, adam: c.racer('adam').epoch };
    const others = Math.min(...['gd', 'nesterov', 'rmsprop'].map((id) => c.racer(id).epoch));
    // The others race on, past where the cancelled ones ended, and those take no more epochs.
    await until(() => ['gd', 'nesterov', 'rmsprop'].every((id) => c.racer(id).epoch >= Math.max(others, at.sgd, at.adam) + 200), 20_000, '200 more epochs');
    expect(c.racers().filter((r) => ['gd', 'nesterov', 'rmsprop'].includes(r.id)).map((r) => r.status)).toEqual(['running', 'running', 'running']);
    expect({ sgd: c.racer('sgd').epoch, adam: c.racer('adam').epoch }).toEqual(at);
    expect(statuses.filter((s) => s.endsWith('cancelled')).sort()).toEqual(['adam cancelled', 'sgd cancelled']);
    // What they trained is the engine's, up to where they stopped, streamed and in their logs.
    const exported = await c.exportAll();
    for (const id of ['sgd', 'adam'] as const) {
      const engine = engineRecords(raceOf(MIXED_RACE, { epochs: at[id] })).get(id)!;
      expect(lines(streamed.get(id)!), id).toEqual(lines(engine));
      expect(lines(recordsOf(exported.get(id)!)), id).toEqual(lines(engine));
    }
    // Cancelling an ended racer again changes nothing.
    await c.cancel(['sgd']);
    expect(c.racer('sgd')).toMatchObject({ status: 'cancelled', epoch: at.sgd });
  });
});

describe('live changes', () => {
  it('apply from the epoch they report, without a reset, exactly as a change schedule in the config', async () => {
    const c = controller(() => inProcessTrainer(), { workers: 2 });
    const streamed = collect(c);
    c.load(MIXED_RACE);
    await loaded(c);
    await c.step(10);
    const change = await c.change('adam', { lr: 0.01, weightDecay: 0.1 });
    const lr = await c.setLr('sgd', 0.002);
    expect(change).toEqual({ epoch: 11, lr: 0.01, weightDecay: 0.1 });
    expect(lr).toEqual({ epoch: 11, lr: 0.002 });
    expect(c.racer('sgd')).toMatchObject({ lr: 0.002, changes: [{ epoch: 11, lr: 0.002 }] });
    c.play();
    await c.finished();
    const scheduled = raceOf(MIXED_RACE, {
      racers: MIXED_RACE.racers.map((r) =>
        r.id === 'adam' ? { ...r, changes: [{ epoch: 11, lr: 0.01, weightDecay: 0.1 }] } : r.id === 'sgd' ? { ...r, changes: [{ epoch: 11, lr: 0.002 }] } : r,
      ),
    });
    for (const [racer, records] of engineRecords(scheduled)) expect(lines(streamed.get(racer) ?? []), racer).toEqual(lines(records));
    expect(lines(streamed.get('adam')!)).not.toEqual(lines(engineRecords(MIXED_RACE).get('adam')!));
    // A reset replays the race with its changes.
    expect(c.prepared!.config.racers.find((r) => r.id === 'sgd')!.changes).toEqual([{ epoch: 11, lr: 0.002 }]);
  });

  it('refuses a value its optimizer refuses, a hyperparameter it cannot change, or an unknown racer, naming it', async () => {
    const c = controller(() => inProcessTrainer());
    c.load(MIXED_RACE);
    await loaded(c);
    await expect(c.setLr('sgd', -1)).rejects.toThrow('the change for racer "sgd".lr must be a non-negative number, got -1');
    await expect(c.change('rmsprop', { momentum: 0.5 })).rejects.toThrow(/"momentum" cannot change during a race for rmsprop/);
    await expect(c.change('nobody', { lr: 1 })).rejects.toThrow('there is no racer "nobody" in the race');
    expect(c.racer('sgd').changes).toEqual([]);
  });
});

describe('loading', () => {
  it('refuses a bad config with the validator’s message before any worker starts, and keeps the old race', () => {
    const factory = new CountingFactory();
    const c = controller(factory.create);
    c.load(MIXED_RACE);
    const created = factory.created;
    const bad = raceOf(MIXED_RACE, { racers: [{ id: 'a', optimizer: 'sgd', lr: -1 }] });
    expect(() => c.load(bad)).toThrow(new ConfigError('racers[0].lr must be a non-negative number, got -1'));
    expect(() => c.load('{"epochs": 3,')).toThrow(/^the race config is not valid JSON/);
    expect(factory.created).toBe(created);
    expect(factory.closed).toBe(0);
    expect(c.info?.name).toBe('mixed');
  });

  it('announces a race before any of its racers speaks', () => {
    const c = controller(new CountingFactory().create);
    const heard: string[] = [];
    c.on('loaded', () => heard.push('loaded'));
    c.on('status', (s) => heard.push(`status ${s.id}`));
    c.load(MIXED_RACE);
    expect(heard[0]).toBe('loaded');
  });

  it('refuses up front a race whose records cannot fit the memory budget even thinned', () => {
    const factory = new CountingFactory();
    const c = controller(factory.create, { memoryBudget: 64 * 2 ** 20 });
    const huge: RaceConfigSpec = {
      data: { synthetic: { n: 100, features: 64, outputs: 64 } },
      epochs: 1_000_000,
      racers: Array.from({ length: 100 }, (_, i) => ({ id: `r${i}`, optimizer: 'adam' })),
    };
    expect(() => c.load(huge)).toThrow(/^the race keeps too many records: 100 racers × 4160 weights need \d+ MB for even 1024 epochs each, and the page keeps at most 64 MB/);
    expect(factory.created).toBe(0);
  });

  it('thins a log that passes its share of the budget, and says so in the racer’s stride', async () => {
    const c = controller(() => inProcessTrainer(), { memoryBudget: 2 * 1024 * 64 * 2, workers: 1 });
    const spec = raceOf(MIXED_RACE, { epochs: 5000, racers: MIXED_RACE.racers.slice(0, 2) });
    const streamed = collect(c);
    c.load(spec);
    c.play();
    await c.finished();
    const exported = await c.exportAll();
    const gd = exported.get('gd')!;
    const stride = c.racer('gd').stride;
    expect(stride).toBeGreaterThan(1);
    const epochs = [...recordsOf(gd)].map((r) => r.epoch);
    expect(epochs[0]).toBe(0);
    expect(epochs.at(-1)).toBe(5000);
    expect(epochs.slice(0, -1).every((e) => e % stride === 0)).toBe(true);
    // Streamed records are never thinned: the page saw every epoch.
    expect(streamed.get('gd')!.length).toBe(5001);
    const full = new Map(lines(engineRecords(spec).get('gd')!).map((l) => [JSON.parse(l).epoch as number, l]));
    for (const r of recordsOf(gd)) expect(lines([r])[0]).toBe(full.get(r.epoch));
  });

  it('prepares the race once, on this thread', () => {
    const c = controller(new CountingFactory().create);
    const prepared = prepareRace(validateRace(MIXED_RACE));
    c.loadPrepared(prepared);
    expect(c.prepared!.optimum).toBe(prepared.optimum);
  });
});

describe('workers kept from one race for the next', () => {
  it.each([
    // A running worker still has records on the way; a finished one has nothing new, its
    // take() waits, and the next race's init must answer it.
    ['still ran', 1_000_000],
    ['had finished', 20],
  ])('run a race loaded when the last one %s, with exactly the engine’s records', async (_when, epochs) => {
    const factory = new CountingFactory();
    const c = controller(factory.create, { workers: 2, speed: 'max' });
    c.load(raceWith(6, epochs));
    c.play();
    await until(() => c.racers().every((r) => r.epoch >= 5), 10_000, 'epoch 5');
    if (epochs === 20) await c.finished();
    c.load(MIXED_RACE); // other racers, a hold-out set: nothing of the last race may leak in
    const streamed = collect(c);
    c.play();
    await c.finished();
    expect(factory.created).toBe(2);
    for (const [racer, records] of engineRecords(MIXED_RACE)) expect(lines(streamed.get(racer) ?? []), racer).toEqual(lines(records));
  });

  it('grow with a race that needs more, and the ones a smaller race does not need end', async () => {
    const factory = new CountingFactory();
    const c = controller(factory.create, { workers: 3 });
    c.load(raceWith(1, 50));
    expect([factory.created, factory.open]).toEqual([1, 1]);
    c.load(raceWith(6, 50));
    expect([factory.created, factory.open]).toEqual([3, 3]);
    c.load(raceWith(2, 50));
    expect([factory.created, factory.open]).toEqual([3, 2]);
    c.play();
    expect((await c.finished()).map((r) => r.status)).toEqual(['finished', 'finished']);
  });

  it('never hand a race a worker that died while it waited idle', async () => {
    const factory = new CountingFactory();
    const c = controller(factory.create, { workers: 1 });
    c.load(raceWith(2, 50));
    await c.stop();
    factory.crash(0, 'died while idle');
    c.load(raceWith(2, 50));
    expect(factory.created).toBe(2);
    c.play();
    expect((await c.finished()).map((r) => r.status)).toEqual(['finished', 'finished']);
  });
});
