/**
 * The race controller, without a browser: every trainer is the worker's own TrainerService
 * running in-process behind the same TrainerApi (arguments cloned, buffers transferred).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/config/errors.ts';
import type { RaceConfigSpec } from '../../src/core/config/schema.ts';
import { parseRace, validateRace } from '../../src/core/config/validate.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import { RacerRun } from '../../src/core/race/racer-run.ts';
import type { EpochRecord } from '../../src/core/race/record.ts';
import { epochOrder } from '../../src/core/race/run-race.ts';
import type { TrainerConnection, TrainerFactory } from '../../src/race/connection.ts';
import { inProcessTrainer } from '../../src/race/in-process-trainer.ts';
import { RaceController } from '../../src/race/race-controller.ts';
import { recordsOf } from '../../src/race/record-batch.ts';
import { SlotPool } from '../../src/race/slot-pool.ts';
import { CountingFactory, DIVERGING_RACE, MIXED_RACE, collect, engineRecords, lines, raceOf, sleep, until } from './helpers.ts';

const controllers: RaceController[] = [];

function controller(factory: TrainerFactory, options: ConstructorParameters<typeof RaceController>[0] = {}): RaceController {
  const c = new RaceController({ createTrainer: factory, concurrency: 8, timing: false, ...options });
  controllers.push(c);
  return c;
}

afterEach(() => {
  for (const c of controllers.splice(0)) c.dispose();
});

describe('loading a race', () => {
  it('announces it before any of its racers speaks, once per load, and not for a refused config', () => {
    const c = controller(new CountingFactory().create);
    const heard: string[] = [];
    c.on('loaded', (info) => heard.push(`loaded ${info.racers.map((r) => r.id).join(',')}`));
    c.on('status', (s) => heard.push(`status ${s.id}`));
    const spec = raceOf(MIXED_RACE, { racers: MIXED_RACE.racers.slice(0, 2) });
    c.load(spec);
    expect(heard[0]).toBe(`loaded ${spec.racers.map((r) => r.id).join(',')}`);
    const before = heard.length;
    expect(() => c.load(raceOf(MIXED_RACE, { epochs: -1 }))).toThrow(ConfigError);
    expect(heard.slice(before).filter((h) => h.startsWith('loaded'))).toEqual([]);
    c.load(spec);
    expect(heard.filter((h) => h.startsWith('loaded'))).toHaveLength(2);
  });
});

describe('a bad config', () => {
  const bad = raceOf(MIXED_RACE, { racers: [{ id: 'a', optimizer: 'sgd', lr: -1 }] });

  it('is refused with the engine validator’s ConfigError before any trainer starts', () => {
    const factory = new CountingFactory();
    const c = controller(factory.create);
    let expected = '';
    try {
      validateRace(bad);
    } catch (e) {
      expected = (e as Error).message;
    }
    expect(expected).toBe('racers[0].lr must be a non-negative number, got -1');
    expect(() => c.load(bad)).toThrow(ConfigError);
    expect(() => c.load(bad)).toThrow(expected);
    expect(() => c.load('{"epochs": 3,')).toThrow(/^the race config is not valid JSON/);
    expect(factory.created).toBe(0);
    expect(c.info).toBeNull();
  });

  it('gets the same message as the CLI gives for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'optirace-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const cli = execFile('node_modules/.bin/tsx', ['src/cli/race.ts', file]);
    const stderr = await new Promise<string>((resolve) => {
      let text = '';
      cli.stderr?.on('data', (d: string) => (text += d));
      cli.on('close', () => resolve(text));
    });
    rmSync(dir, { recursive: true, force: true });
    expect(stderr).toMatch(/^optirace: /);
    const c = controller(new CountingFactory().create);
    expect(() => c.load(bad)).toThrow(stderr.replace(/^optirace: /, '').trim());
  });

  it('leaves the race that was loaded before untouched', () => {
    const factory = new CountingFactory();
    const c = controller(factory.create);
    c.load(MIXED_RACE);
    expect(() => c.load(bad)).toThrow(ConfigError);
    expect(c.info?.name).toBe('mixed');
    expect(factory.closed).toBe(0);
  });
});

describe('a race', () => {
  it('streams every epoch of every racer once, in order, equal to the engine’s records', async () => {
    const c = controller(() => inProcessTrainer());
    const streamed = collect(c);
    c.load(MIXED_RACE);
    c.play();
    await c.finished();
    const expected = engineRecords(MIXED_RACE);
    for (const [racer, records] of expected) expect(lines(streamed.get(racer) ?? []), racer).toEqual(lines(records));
    expect(c.racers().map((r) => [r.id, r.status, r.epoch])).toEqual(MIXED_RACE.racers.map((r) => [r.id, 'finished', 120]));
  });

  it('accepts the config as JSON text too, as the CLI reads it', async () => {
    const c = controller(() => inProcessTrainer());
    const streamed = collect(c);
    c.load(JSON.stringify(DIVERGING_RACE));
    c.play();
    await c.finished();
    expect(lines(streamed.get('calm') ?? [])).toEqual(lines(engineRecords(DIVERGING_RACE).get('calm') ?? []));
  });

  it('measures each epoch’s ms in the trainer when timing is on', async () => {
    const c = controller(() => inProcessTrainer(), { timing: true });
    const streamed = collect(c);
    c.load(raceOf(MIXED_RACE, { epochs: 20 }));
    c.play();
    await c.finished();
    const sgd = streamed.get('sgd') ?? [];
    expect(sgd[0].ms).toBe(0);
    expect(sgd.slice(1).every((r) => typeof r.ms === 'number' && r.ms >= 0)).toBe(true);
    expect(sgd.slice(1).some((r) => (r.ms ?? 0) > 0)).toBe(true);
  });

  it('shows every racer paused at epoch 0 once loaded, and reports the finish line', async () => {
    const c = controller(() => inProcessTrainer());
    const prepared: number[] = [];
    c.on('prepared', (p) => prepared.push(p.optimum.loss));
    c.load(MIXED_RACE);
    expect(c.racers().every((r) => r.status === 'queued' && r.epoch === -1)).toBe(true);
    await until(() => c.racers().every((r) => r.status === 'paused' && r.epoch === 0), 5000, 'epoch 0');
    const race = prepareRace(validateRace(MIXED_RACE));
    expect(prepared).toEqual([race.optimum.loss]);
    expect(c.optimum?.loss).toBe(race.optimum.loss);
    expect(c.history('adam').latest?.loss).toBe(engineRecords(MIXED_RACE).get('adam')?.[0].loss);
  });

  it('exports every record at full resolution, also after the workers were let go', async () => {
    const spec = raceOf(MIXED_RACE, { epochs: 3000, racers: MIXED_RACE.racers.slice(0, 2) });
    const factory = new CountingFactory();
    const c = controller(factory.create, { historyCap: 64 });
    c.load(spec);
    c.play();
    await c.finished();
    await until(() => factory.open === 0, 5000, 'workers to be let go');
    const exported = await c.exportAll();
    const expected = engineRecords(spec);
    expect([...exported.keys()]).toEqual(['gd', 'sgd']);
    for (const [racer, batch] of exported) expect(lines(recordsOf(batch))).toEqual(lines(expected.get(racer) ?? []));
    // …while the chart history stayed bounded.
    expect(c.history('gd').losses.windows).toBeLessThanOrEqual(64);
    expect(c.history('gd').epochs).toBe(3001);
  });

  it('with keepHistory off, still streams every record but keeps no chart history', async () => {
    const spec = raceOf(MIXED_RACE, { epochs: 50, racers: MIXED_RACE.racers.slice(0, 2) });
    const c = controller(() => inProcessTrainer(), { keepHistory: false });
    const streamed = collect(c);
    c.load(spec);
    c.play();
    await c.finished();
    const expected = engineRecords(spec);
    for (const racer of ['gd', 'sgd']) expect(lines(streamed.get(racer) ?? [])).toEqual(lines(expected.get(racer) ?? []));
    expect(() => c.history('gd')).toThrow('this controller keeps no chart history (keepHistory: false)');
  });
});

describe('controls', () => {
  it('step(n) advances every racer n epochs and leaves it paused', async () => {
    const c = controller(() => inProcessTrainer());
    const streamed = collect(c);
    c.load(MIXED_RACE);
    await c.step(3);
    expect(c.racers().map((r) => [r.status, r.epoch])).toEqual(MIXED_RACE.racers.map(() => ['paused', 3]));
    await c.step(4);
    expect(c.racers().map((r) => r.epoch)).toEqual(MIXED_RACE.racers.map(() => 7));
    const expected = engineRecords(MIXED_RACE);
    expect(lines(streamed.get('adam') ?? [])).toEqual(lines(expected.get('adam')?.slice(0, 8) ?? []));
    // Stepping past the end stops at the last epoch.
    await c.step(1000);
    expect(c.racers().every((r) => r.status === 'finished' && r.epoch === 120)).toBe(true);
  });

  it('pause stops every racer, play resumes, and the records are the same as an unbroken race', async () => {
    const spec = raceOf(MIXED_RACE, { epochs: 6000, racers: MIXED_RACE.racers.slice(0, 2) });
    const c = controller(() => inProcessTrainer());
    const streamed = collect(c);
    c.load(spec);
    c.play();
    await until(() => c.racers().every((r) => r.epoch > 50), 5000, 'progress');
    c.pause();
    await until(() => c.racers().every((r) => r.status === 'paused'), 5000, 'pause');
    const at = c.racers().map((r) => r.epoch);
    await sleep(50);
    expect(c.racers().map((r) => r.epoch)).toEqual(at);
    expect(at.every((e) => e < 6000)).toBe(true);
    c.play();
    await c.finished();
    const expected = engineRecords(spec);
    expect(lines(streamed.get('sgd') ?? [])).toEqual(lines(expected.get('sgd') ?? []));
  });

  it('setSpeed paces the racers in epochs per second, and "max" lets them run', async () => {
    const spec = raceOf(MIXED_RACE, { epochs: 5000, racers: MIXED_RACE.racers.slice(0, 1) });
    const c = controller(() => inProcessTrainer(), { speed: 100 });
    c.load(spec);
    await until(() => c.racer('gd').status === 'paused', 5000, 'epoch 0');
    const t0 = performance.now();
    c.play();
    await sleep(300);
    const epoch = c.racer('gd').epoch;
    const elapsed = performance.now() - t0;
    // 100 epochs per second: about 30 by now; far from the thousands at full speed.
    expect(epoch).toBeGreaterThanOrEqual(10);
    expect(epoch).toBeLessThanOrEqual(Math.ceil(elapsed / 10) + 2);
    c.setSpeed('max');
    await c.finished();
    expect(c.racer('gd').epoch).toBe(5000);
  });

  it('setLr changes one racer’s learning rate from its next step, exactly as RacerRun.lr does', async () => {
    const c = controller(() => inProcessTrainer());
    const streamed = collect(c);
    c.load(MIXED_RACE);
    await c.step(5);
    c.setLr('nesterov', 0.002);
    expect(c.racer('nesterov').lr).toBe(0.002);
    c.play();
    await c.finished();

    // The same change made by hand on the engine.
    const race = prepareRace(validateRace(MIXED_RACE));
    const run = new RacerRun(race, race.config.racers[2], false);
    const expected: EpochRecord[] = [run.start()];
    for (let epoch = 1; epoch <= race.config.epochs; epoch++) {
      if (epoch === 6) run.lr = 0.002;
      expected.push(run.next(epochOrder(race, epoch)));
    }
    expect(lines(streamed.get('nesterov') ?? [])).toEqual(lines(expected));
    // The others are untouched.
    expect(lines(streamed.get('gd') ?? [])).toEqual(lines(engineRecords(MIXED_RACE).get('gd') ?? []));
  });

  it('setLr on a racer still queued takes effect from its first step', async () => {
    const c = controller(() => inProcessTrainer(), { concurrency: 1 });
    const streamed = collect(c);
    c.load(raceOf(MIXED_RACE, { racers: MIXED_RACE.racers.slice(0, 2) }));
    expect(c.racer('sgd').status).toBe('queued');
    c.setLr('sgd', 0.02);
    c.play();
    await c.finished();
    const expected = engineRecords(raceOf(MIXED_RACE, { racers: [{ ...MIXED_RACE.racers[1], lr: 0.02 }] }));
    expect(lines(streamed.get('sgd') ?? [])).toEqual(lines(expected.get('sgd') ?? []));
  });

  it('refuses a bad speed, learning rate, step or racer id', async () => {
    const c = controller(() => inProcessTrainer());
    c.load(MIXED_RACE);
    expect(() => c.setSpeed(0)).toThrow('speed must be a positive number of epochs per second or "max", got 0');
    expect(() => c.setLr('gd', -1)).toThrow('lr must be a non-negative number, got -1');
    expect(() => c.setLr('nobody', 1)).toThrow('no racer "nobody" in the race');
    await expect(c.step(0)).rejects.toThrow('step needs a positive whole number of epochs, got 0');
  });
});

describe('concurrency', () => {
  it('runs at most `concurrency` racers at once; queued racers start in config order as slots free, on the freed workers', async () => {
    const factory = new CountingFactory();
    const c = controller(factory.create, { concurrency: 2 });
    const streamed = collect(c);
    const started: string[] = [];
    c.on('status', (s) => {
      if (s.status === 'running' && !started.includes(s.id)) started.push(s.id);
    });
    let maxRunning = 0;
    c.on('records', () => (maxRunning = Math.max(maxRunning, c.racers().filter((r) => r.status === 'running').length)));
    c.load(MIXED_RACE);
    expect(c.racers().map((r) => r.status)).toEqual(['queued', 'queued', 'queued', 'queued', 'queued']);
    expect(factory.created).toBe(2);
    c.play();
    await c.finished();
    expect(started).toEqual(MIXED_RACE.racers.map((r) => r.id));
    expect(maxRunning).toBeLessThanOrEqual(2);
    // A finished racer's worker took the next one: two workers served five racers.
    expect(factory.created).toBe(2);
    expect(factory.maxOpen).toBe(2);
    await until(() => factory.open === 0, 5000, 'the last workers to be let go');
    const expected = engineRecords(MIXED_RACE);
    for (const [racer, records] of expected) expect(lines(streamed.get(racer) ?? []), racer).toEqual(lines(records));
  });

  it('gives every racer a worker of its own when reuse is off', async () => {
    const factory = new CountingFactory();
    const c = controller(factory.create, { concurrency: 2, reuseWorkers: false });
    c.load(MIXED_RACE);
    c.play();
    await c.finished();
    expect(factory.started).toEqual(MIXED_RACE.racers.map((r) => r.id));
    expect(factory.maxOpen).toBe(2);
    await until(() => factory.open === 0, 5000, 'the last workers to be let go');
  });

  it('shares one pool fairly between two races: slots alternate between them', async () => {
    const pool = new SlotPool(1);
    const factory = new CountingFactory();
    const a = controller(factory.create, { pool });
    const b = controller((id) => factory.create(`b.${id}`), { pool });
    const spec = raceOf(MIXED_RACE, { epochs: 10, racers: MIXED_RACE.racers.slice(0, 3) });
    a.load(spec);
    b.load(spec);
    a.play();
    b.play();
    await Promise.all([a.finished(), b.finished()]);
    expect(factory.started).toEqual(['gd', 'b.gd', 'sgd', 'b.sgd', 'nesterov', 'b.nesterov']);
    expect(factory.maxOpen).toBe(1);
  });
});

/** In-process trainers where one racer's connection can be made to fail. */
function faultyFactory(victim: string, fault: (conn: TrainerConnection, crash: (message: string) => void) => TrainerConnection): TrainerFactory {
  return (racerId) => {
    const conn = inProcessTrainer();
    if (racerId !== victim) return conn;
    let listener: ((message: string) => void) | null = null;
    const crash = (message: string): void => {
      conn.close(); // a dead worker answers nothing more
      listener?.(message);
    };
    return fault({ ...conn, onCrash: (l) => (listener = l) }, crash);
  };
}

describe('fault isolation', () => {
  it('a worker that dies marks only its racer failed, with the message; the others finish', async () => {
    let crash: (message: string) => void = () => {};
    const factory = new CountingFactory(
      faultyFactory('sgd', (conn, kill) => {
        crash = kill;
        return conn;
      }),
    );
    const spec = raceOf(MIXED_RACE, { epochs: 20_000, racers: MIXED_RACE.racers.slice(0, 4) });
    const c = controller(factory.create, { concurrency: 3, reuseWorkers: false });
    const statuses: string[] = [];
    c.on('status', (s) => statuses.push(`${s.id}:${s.status}`));
    c.load(spec);
    c.play();
    await until(() => c.racer('sgd').epoch > 10, 5000, 'sgd to start');
    crash('Uncaught Error: out of memory');
    const final = await c.finished();
    expect(final.map((r) => [r.id, r.status])).toEqual([
      ['gd', 'finished'],
      ['sgd', 'failed'],
      ['nesterov', 'finished'],
      ['adam', 'finished'],
    ]);
    expect(c.racer('sgd').error).toBe('Uncaught Error: out of memory');
    expect(c.racer('sgd').epoch).toBeLessThan(20_000);
    expect(statuses).toContain('sgd:failed');
    // Its slot went to the queued racer, and no worker is left.
    expect(factory.started).toEqual(['gd', 'sgd', 'nesterov', 'adam']);
    await until(() => factory.open === 0, 5000, 'workers to be let go');
  });

  it('a call that fails marks only its racer failed and keeps what it computed', async () => {
    const spec = raceOf(MIXED_RACE, { epochs: 2000, racers: MIXED_RACE.racers.slice(0, 3) });
    const factory = faultyFactory('nesterov', (conn) => {
      let taken = 0;
      const take = async () => {
        const update = await conn.api.take();
        taken += update.batch?.count ?? 0;
        if (taken > 100) throw new Error('engine exploded');
        return update;
      };
      return { ...conn, api: { ...conn.api, take } };
    });
    const c = controller(factory);
    const streamed = collect(c);
    c.load(spec);
    c.play();
    const final = await c.finished();
    expect(final.map((r) => r.status)).toEqual(['finished', 'finished', 'failed']);
    expect(c.racer('nesterov').error).toBe('engine exploded');
    const exported = await c.exportAll();
    expect(exported.get('nesterov')?.count).toBeGreaterThan(streamed.get('nesterov')?.length ?? 0);
    expect(lines(recordsOf(exported.get('gd')!))).toEqual(lines(engineRecords(spec).get('gd') ?? []));
  });

  it('a trainer that cannot even start fails its racer with the reason', async () => {
    const factory: TrainerFactory = (id) => {
      if (id === 'sgd') throw new Error('Worker is not defined');
      return inProcessTrainer();
    };
    const c = controller(factory, { concurrency: 1, reuseWorkers: false });
    c.load(raceOf(MIXED_RACE, { racers: MIXED_RACE.racers.slice(0, 3) }));
    c.play();
    const final = await c.finished();
    expect(final.map((r) => [r.status, r.error])).toEqual([
      ['finished', undefined],
      ['failed', 'Worker is not defined'],
      ['finished', undefined],
    ]);
  });

  it('a diverging racer stops at its epoch with a diverged record; the others go on', async () => {
    const c = controller(() => inProcessTrainer());
    const streamed = collect(c);
    c.load(DIVERGING_RACE);
    c.play();
    const final = await c.finished();
    expect(final.map((r) => [r.id, r.status, r.epoch])).toEqual([
      ['hot', 'diverged', 5],
      ['calm', 'finished', 40],
    ]);
    expect(c.racer('hot').divergedAt).toBe(5);
    const hot = streamed.get('hot') ?? [];
    expect(hot.at(-1)?.diverged).toBe(true);
    expect(lines(hot)).toEqual(lines(engineRecords(DIVERGING_RACE).get('hot') ?? []));
  });
});

describe('teardown', () => {
  it('50 rapid restarts leave no trainer behind', async () => {
    const factory = new CountingFactory();
    const c = controller(factory.create, { concurrency: 2 });
    const spec = raceOf(MIXED_RACE, { epochs: 100_000 });
    for (let i = 0; i < 50; i++) {
      if (i % 3 === 0) c.load(spec);
      else c.reset();
      c.play();
      if (i % 5 === 0) await sleep(1);
      expect(factory.open).toBeLessThanOrEqual(2);
    }
    expect(factory.created).toBeGreaterThanOrEqual(100);
    c.dispose();
    expect(factory.open).toBe(0);
    expect(factory.maxOpen).toBe(2);
  });

  it('reset goes back to epoch 0 of the same race, paused, on new workers', async () => {
    const factory = new CountingFactory();
    const c = controller(factory.create);
    c.load(MIXED_RACE);
    await c.step(10);
    c.reset();
    expect(factory.closed).toBe(5);
    expect(c.racers().every((r) => r.status === 'queued' && r.epoch === -1)).toBe(true);
    await c.step(2);
    expect(c.racers().every((r) => r.epoch === 2)).toBe(true);
    expect(c.history('gd').epochs).toBe(3);
  });

  it('stop halts every racer where it is, keeps its records for export and ends its worker', async () => {
    const factory = new CountingFactory();
    const c = controller(factory.create, { concurrency: 2 });
    const streamed = collect(c);
    const spec = raceOf(MIXED_RACE, { epochs: 100_000, racers: MIXED_RACE.racers.slice(0, 3) });
    c.load(spec);
    c.play();
    await until(() => c.racer('sgd').epoch > 100, 5000, 'progress');
    await c.stop();
    expect(factory.open).toBe(0);
    expect(c.racers().map((r) => r.status)).toEqual(['paused', 'paused', 'queued']);
    const exported = await c.exportAll();
    for (const id of ['gd', 'sgd']) {
      expect(exported.get(id)?.count).toBe(c.racer(id).epoch + 1);
      expect(exported.get(id)?.count).toBe(streamed.get(id)?.length);
    }
    expect(exported.has('nesterov')).toBe(false);
    expect(() => c.play()).toThrow('the race was stopped');
  });
});

describe('parseRace and the controller agree', () => {
  it('on what the worker validates: the text it is sent', () => {
    const spec: RaceConfigSpec = raceOf(MIXED_RACE, { name: 'x' });
    expect(parseRace(JSON.stringify(spec)).config).toEqual(validateRace(spec).config);
  });
});
