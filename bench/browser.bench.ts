/**
 * `npm run bench:browser`: the browser benchmark (not a timed test). Six racers ×
 * 20,000 epochs on crops15 at batch size 4, at max speed, in headless Chromium on a
 * production build, beside the CLI on the same config. Prints, per setup, the median of a
 * few rounds of: wall time from play (once the race is loaded: every racer's epoch 0 is in)
 * to the last record, CPU time of all Chromium
 * processes, the longest main-thread task (from a Chromium trace) and the page's JS heap
 * after the race. Every round runs every contender once (the CLI, its loop in-process,
 * each browser setup) and ratios are taken within a round, so load from elsewhere on the
 * machine skews the comparison as little as possible; CPU time is immune to it.
 *
 * Targets: with 1 worker, browser wall ≤ 1.2 × the CLI's; faster with more workers where
 * the machine has the cores; no main-thread task over 50 ms; JS heap after the race under
 * 100 MB.
 *
 * Setups: the six racers in lockstep on 1, 2 and 4 race workers. BENCH_RUNS sets the
 * rounds (5); BENCH_ONLY=race, cost or sweep runs one part.
 *
 * Then the cost accuracy: the seed lesson's six racers (GD, SGD at batch 1, mini-batch 4,
 * momentum, Nesterov, Adam) × 50,000 epochs at max speed with timing, over BENCH_LOADS fresh
 * page loads (5), each measuring its second race (the first warms the code up, as the CLI's is):
 * each racer's cost per epoch from its records (median of windows, as the cost panel shows
 * it), as ratios to GD's, against the same ratios from the CLI's loop (which times every
 * epoch with Node's fine clock). Targets: every ratio within 15% of the CLI's; Momentum within
 * 15% of Nesterov.
 *
 * BENCH_ONLY=sweep runs only the sweep against the CLI (sweepInBrowser); BENCH_ONLY=sweep-panel
 * only the Sweep panel's redraw cost (sweepPanel): the playground itself, Sweep tab open,
 * while sweeps of 2,000 and 10,000 runs stream in. Target: no main-thread task over 50 ms.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RaceConfigSpec } from '../src/core/config/schema.ts';
import { parseRace, validateRace } from '../src/core/config/validate.ts';
import { runJobs } from '../src/cli/jobs.ts';
import { SWEEP } from './sweep.ts';
import { prepareRace } from '../src/core/race/prepare.ts';
import { runRace } from '../src/core/race/run-race.ts';
import { defaultRace } from '../src/default-race.ts';
import { CostSampler } from '../src/ui/cost-sampler.ts';
import { inPage, openHarness } from '../tests/browser/support.ts';
import { serveApp } from '../tests/e2e/app-server.ts';
import { encodeRace } from '../src/state/url-state.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const EPOCHS = 20_000;
/**
 * Runs of the engine loop in a bare worker, the last one timed: a fresh worker is JIT-cold,
 * and the race reuses its workers warm, so the floor to compare with is a warm worker.
 */
const WARM_RUNS = 4;

/** The seed lesson's six racers, every one at batch size 4. */
const config: RaceConfigSpec = {
  ...defaultRace,
  name: 'bench: 6 racers x 20,000 epochs, crops15, batch size 4',
  epochs: EPOCHS,
  racers: defaultRace.racers.map((r) => ({ ...r, batchSize: 4 })),
};

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const fmt = (ms: number): string => `${ms.toFixed(0)} ms`;
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** `npm run --silent race -- CONFIG --no-timing --quiet > /dev/null`, wall time. */
function cliProcessMs(file: string): number {
  const t0 = performance.now();
  const r = spawnSync('npm', ['run', '--silent', 'race', '--', file, '--no-timing', '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`the CLI failed with status ${r.status}`);
  return performance.now() - t0;
}

/** The CLI's own loop in this process: validate, prepare, run every record; wall and CPU time. */
function engineMs(): { wallMs: number; cpuMs: number } {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let n = 0;
  for (const _ of runRace(prepareRace(validateRace(config)), { timing: false })) n++;
  if (n !== 6 * (EPOCHS + 1)) throw new Error(`the engine gave ${n} records`);
  const cpu = process.cpuUsage(cpu0);
  return { wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** CPU time (user + system) of a process and all its descendants so far, from /proc. */
function treeCpuMs(root: number): number {
  const parents = new Map<number, number>();
  const times = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Fields after the ")" that closes the command: state ppid … utime(14) stime(15).
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(name), Number(fields[1]));
      times.set(Number(name), (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    } catch {
      // the process ended while we looked
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parents.get(p)) if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const [pid, ms] of times) if (inTree(pid)) total += ms;
  return total;
}

let browserPid = 0;

/** The Chromium that playwright launched: a child process of this one. */
function chromiumPid(): number {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      // /usr/bin/chromium is a script that execs /usr/lib/chromium/chromium: match the name.
      if (ppid === process.pid && readFileSync(`/proc/${name}/comm`, 'utf8').trim() === 'chromium') return Number(name);
    } catch {
      // the process ended while we looked
    }
  }
  throw new Error('cannot find the Chromium process');
}

interface BrowserRun {
  wallMs: number;
  /** CPU time of every Chromium process (page, workers, browser, GPU…) during the race. */
  cpuMs: number;
  longestTaskMs: number;
  heapAfter: number;
  heapAfterGc: number;
}

/** Names of a task's trace event: Chromium 156 says ThreadControllerImpl::RunTask, older ones RunTask. */
const TASK_EVENTS = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/** The longest task on the page's main thread (CrRendererMain) in a Chromium trace. */
function longestMainThreadTask(trace: Buffer): number {
  const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: { name: string; ph: string; pid: number; tid: number; dur?: number; args?: { name?: string } }[] };
  const main = new Set(traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  let longest = 0;
  for (const e of traceEvents) {
    if (TASK_EVENTS.has(e.name) && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`)) longest = Math.max(longest, (e.dur ?? 0) / 1000);
  }
  return longest;
}

async function browserRun(page: Page, workers: number, traced: boolean): Promise<BrowserRun> {
  await inPage(page, (h, w) => h.load(h.benchConfig(), { workers: w }), workers);
  await inPage(page, (h) => h.clearLongTasks());
  const browser = page.context().browser()!;
  if (traced) await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
  const cpu0 = treeCpuMs(browserPid);
  const { ms, received, racers } = await inPage(page, (h) => h.race());
  const cpuMs = treeCpuMs(browserPid) - cpu0;
  const trace = traced ? await browser.stopTracing() : null;
  if (received !== 6 * (EPOCHS + 1) || racers.some((r) => r.status !== 'finished')) throw new Error(`the race did not finish: ${received} records`);
  const longTasks = await inPage(page, (h) => h.longTasks());
  const heapAfter = await inPage(page, (h) => h.heapUsed());
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
  const heapAfterGc = await inPage(page, (h) => h.heapUsed());
  const longestTaskMs = trace ? longestMainThreadTask(trace) : Math.max(0, ...longTasks);
  return { wallMs: ms, cpuMs, longestTaskMs, heapAfter, heapAfterGc };
}

interface Setup {
  name: string;
  workers: number;
  runs: BrowserRun[];
  /** This setup's wall time over the CLI's and over the engine loop's, in the same round. */
  vsCli: number[];
  vsEngine: number[];
  cpuVsEngine: number[];
}

async function main(): Promise<void> {
  // BENCH_ONLY=race, cost, sweep or sweep-panel runs only that part.
  const only = process.env.BENCH_ONLY;
  if (only === 'sweep') return sweepInBrowser();
  if (only === 'sweep-panel') return sweepPanel();
  if (only === 'cost') return costAccuracy();
  const dir = mkdtempSync(join(tmpdir(), 'optirace-bench-'));
  const file = join(dir, 'bench.json');
  writeFileSync(file, JSON.stringify(config));
  const session = await openHarness(['--enable-precise-memory-info']);
  try {
    const page = session.page;
    browserPid = chromiumPid();
    await inPage(page, (h, c) => h.setBenchConfig(c), config);
    const cores = await inPage(page, (h) => h.hardwareConcurrency());
    console.log(`${config.name}; navigator.hardwareConcurrency = ${cores}`);
    console.log(`${RUNS} rounds; each runs every contender once, so load from elsewhere hits all alike; medians\n`);

    const setups: Setup[] = [1, 2, 4].map((workers) => ({ name: `6 racers on ${workers} worker${workers > 1 ? 's' : ''}`, workers, runs: [], vsCli: [], vsEngine: [], cpuVsEngine: [] }));
    // Warm-up: the worker script is fetched and compiled once, as on any second race.
    for (const setup of setups) await browserRun(page, setup.workers, false);
    const cli: number[] = [];
    const engine: number[] = [];
    const engineCpu: number[] = [];
    const enginePage: number[] = [];
    const engineWorker: number[] = [];
    for (let round = 0; round < RUNS; round++) {
      const cliMs = cliProcessMs(file);
      const { wallMs: engineLoopMs, cpuMs: engineLoopCpu } = engineMs();
      cli.push(cliMs);
      engine.push(engineLoopMs);
      engineCpu.push(engineLoopCpu);
      enginePage.push(await inPage(page, (h) => h.engineMs(h.benchConfig())));
      engineWorker.push(await inPage(page, (h, runs) => h.engineMsInWorker(h.benchConfig(), false, runs), WARM_RUNS));
      for (const setup of setups) {
        const run = await browserRun(page, setup.workers, false);
        setup.runs.push(run);
        setup.vsCli.push(run.wallMs / cliMs);
        setup.vsEngine.push(run.wallMs / engineLoopMs);
        setup.cpuVsEngine.push(run.cpuMs / engineLoopCpu);
      }
      process.stdout.write(`round ${round + 1}/${RUNS} done\r`);
    }
    console.log(`CLI process, npm run race -- cfg --no-timing --quiet > /dev/null: ${fmt(median(cli))}   [${cli.map(fmt).join(', ')}]`);
    console.log(`CLI's loop in-process (validate, prepare, runRace), Node:        ${fmt(median(engine))}   [${engine.map(fmt).join(', ')}]; CPU ${fmt(median(engineCpu))}`);
    console.log(`the same loop on the page's main thread, Chromium:              ${fmt(median(enginePage))}   [${enginePage.map(fmt).join(', ')}]`);
    console.log(`the same loop in one bare dedicated worker (its ${WARM_RUNS}th run), Chromium: ${fmt(median(engineWorker))}   [${engineWorker.map(fmt).join(', ')}]`);
    for (const setup of setups) {
      const traced = await browserRun(page, setup.workers, true);
      const { runs } = setup;
      const untracedLong = Math.max(...runs.map((r) => r.longestTaskMs));
      console.log(`\nbrowser, ${setup.name}:`);
      console.log(`  wall, play to last record: ${fmt(median(runs.map((r) => r.wallMs)))}   [${runs.map((r) => fmt(r.wallMs)).join(', ')}]`);
      console.log(`  / CLI's loop in-process: ${median(setup.vsEngine).toFixed(2)}x (target with 1 worker <= 1.2x);  / whole CLI process: ${median(setup.vsCli).toFixed(2)}x`);
      console.log(`  CPU time, all Chromium processes: ${fmt(median(runs.map((r) => r.cpuMs)))}, ${median(setup.cpuVsEngine).toFixed(2)}x the loop's (machine load does not change this one)`);
      console.log(`  longest main-thread task: ${traced.longestTaskMs.toFixed(1)} ms in a traced run (target <= 50 ms); tasks >= 50 ms in the untraced runs: ${untracedLong > 0 ? fmt(untracedLong) : 'none'}`);
      console.log(`  JS heap after the race: ${mb(median(runs.map((r) => r.heapAfter)))}, after a GC ${mb(median(runs.map((r) => r.heapAfterGc)))} (target < 100 MB)`);
    }
    await inPage(page, (h) => h.dispose());
    const { alive } = await inPage(page, (h) => h.workers());
    console.log(`\nworkers alive at the end: ${alive}`);
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (only === 'race') return;
  await costAccuracy();
  await sweepInBrowser();
}

/**
 * The engine benchmark's sweep (5 optimizers × 40 learning rates × 1,000 epochs on crops15 at
 * batch 4, 205 runs) in the playground's race layer on one worker, against the CLI's sweep
 * runner on one thread (`--jobs 1`, summary mode, in this process), side by side, medians of
 * SWEEP_RUNS rounds (3). Target: ≤ 1.3× the CLI; no main-thread task over 50 ms.
 */
async function sweepInBrowser(): Promise<void> {
  const rounds = Number(process.env.SWEEP_RUNS ?? 3);
  const text = JSON.stringify(SWEEP);
  const session = await openHarness();
  try {
    const page = session.page;
    const browser: number[] = [];
    const cli: number[] = [];
    const bare: number[] = [];
    let longest = 0;
    for (let round = 0; round <= rounds; round++) {
      const t0 = performance.now();
      await runJobs(prepareRace(parseRace(text)), 1, { format: 'summary', every: 1, timing: false, hasLr: false }, async () => {});
      const cliMs = performance.now() - t0;
      const bareMs = await inPage(page, (h, a) => h.engineMsInWorker(a.config, true, a.runs), { config: SWEEP, runs: WARM_RUNS });
      await inPage(page, (h, c) => h.load(c, { workers: 1, speed: 'max' }), SWEEP);
      await inPage(page, (h) => h.clearLongTasks());
      const { ms, racers } = await inPage(page, (h) => h.race());
      if (racers.some((r) => r.status === 'failed')) throw new Error('a sweep run failed');
      const tasks = await inPage(page, (h) => h.longTasks());
      if (round === 0) continue; // warm-up
      cli.push(cliMs);
      bare.push(bareMs);
      browser.push(ms);
      longest = Math.max(longest, ...tasks, 0);
    }
    const playground = await sweepInPlayground(rounds);
    const ratio = browser.map((b, i) => b / cli[i]);
    console.log(`\nsweep, ${parseRace(text).config.racers.length} runs × 1,000 epochs (crops15, batch 4), 1 worker against the CLI's runner on 1 thread, ${rounds} rounds:`);
    console.log(`  browser ${fmt(median(browser))} [${browser.map(fmt).join(', ')}], CLI ${fmt(median(cli))} [${cli.map(fmt).join(', ')}]: ${median(ratio).toFixed(2)}x (target <= 1.3x)`);
    console.log(`  the CLI's runner in a bare Chromium worker (no records, no Comlink; its ${WARM_RUNS}th run): ${fmt(median(bare))} [${bare.map(fmt).join(', ')}], ${median(bare.map((b, i) => b / cli[i])).toFixed(2)}x the CLI; the page ${median(browser.map((b, i) => b / bare[i])).toFixed(2)}x that`);
    console.log(`  main-thread tasks of 50 ms or more during the sweeps: ${longest > 0 ? fmt(longest) : 'none'}`);
    const pr = playground.walls.map((w, i) => w / playground.cli[i]);
    console.log(`  the playground itself (production build, its own worker count, Sweep tab open, Replay at max speed): ${fmt(median(playground.walls))} [${playground.walls.map(fmt).join(', ')}], CLI ${fmt(median(playground.cli))} [${playground.cli.map(fmt).join(', ')}]: ${median(pr).toFixed(2)}x`);
    console.log(`    longest main-thread task (a traced Replay after each timed one) ${fmt(median(playground.longest))} [${playground.longest.map(fmt).join(', ')}]`);
  } finally {
    await session.close();
  }
}

/**
 * The same sweep in the real playground: its link opened in the production build, the Sweep
 * tab shown, max speed; each round clicks Play (Replay after the first, warm workers) and
 * times, in the page, from the click to the progress line's last run, against the CLI's
 * runner on one thread in the same round. Round 0 warms up. Each round then replays once more
 * under a Chromium trace, for the longest main-thread task: recording the trace slowed the
 * page's sweep by about 9% (8 paired rounds, 1.68× against 1.54× the CLI), so the timed
 * Replay is not traced.
 */
async function sweepInPlayground(rounds: number): Promise<{ walls: number[]; cli: number[]; longest: number[] }> {
  const text = JSON.stringify(SWEEP);
  const app = await serveApp();
  const walls: number[] = [];
  const cli: number[] = [];
  const longest: number[] = [];
  try {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${app.url}#race=${await encodeRace(SWEEP)}`);
    await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Speed').selectOption('max');
    await page.getByRole('tab', { name: 'Sweep' }).click();
    await page.locator('.progress').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1000);
    for (let round = 0; round <= rounds; round++) {
      const t0 = performance.now();
      await runJobs(prepareRace(parseRace(text)), 1, { format: 'summary', every: 1, timing: false, hasLr: false }, async () => {});
      const cliMs = performance.now() - t0;
      const browser = page.context().browser()!;
      const replay = async () => (await page.evaluate(`new Promise((resolve, reject) => {
        const button = [...document.querySelectorAll('.controls button.primary')].find((b) => /^(Play|Replay)$/.test(b.textContent.trim()));
        if (!button) return reject(new Error('no Play or Replay button'));
        const progress = () => document.querySelector('.progress');
        let restarted = false;
        const t0 = performance.now();
        const check = () => {
          const p = progress();
          const done = p && Number(p.getAttribute('data-done'));
          const total = p && Number(p.getAttribute('data-total'));
          if (!restarted && done < total) restarted = true;
          if (restarted && done === total) { observer.disconnect(); resolve(performance.now() - t0); }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { attributes: true, subtree: true, attributeFilter: ['data-done', 'data-total'] });
        button.click();
        check();
        setTimeout(() => reject(new Error('the sweep did not finish within 120 s')), 120000);
      })`)) as number;
      const wall = await replay();
      await page.waitForTimeout(500);
      await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
      await replay();
      await page.waitForTimeout(500);
      const trace = await browser.stopTracing();
      if (round === 0) continue;
      walls.push(wall);
      cli.push(cliMs);
      longest.push(longestMainThreadTask(trace));
    }
    await page.close();
  } finally {
    await app.close();
  }
  return { walls, cli, longest };
}

/** The Sweep panel's cases: an lr sweep (the U-curve) and a two-hyperparameter grid (the heatmap). */
const PANEL_CASES: { name: string; spec: RaceConfigSpec }[] = [
  { name: 'U-curve, 2,000 runs', spec: { ...defaultRace, epochs: 100, sweeps: [{ racer: 'mini', lr: { from: 1e-8, to: 1e-3, points: 2000, scale: 'log' } }] } },
  { name: 'U-curve, 10,000 runs', spec: { ...defaultRace, epochs: 30, sweeps: [{ racer: 'mini', lr: { from: 1e-8, to: 1e-3, points: 10_000, scale: 'log' } }] } },
  {
    name: 'heatmap, 100 × 100 = 10,000 runs',
    spec: { ...defaultRace, epochs: 30, sweeps: [{ racer: 'momentum', lr: { from: 1e-8, to: 1e-3, points: 100, scale: 'log' }, momentum: { from: 0, to: 0.99, points: 100, scale: 'linear' } }] },
  },
];

/**
 * The Sweep panel while a big sweep streams in: the production playground in Chromium, the
 * sweep's link opened, the Sweep tab shown, Play at max speed until every run is done. The
 * page's long tasks (Long Tasks API) and, from a trace, its longest main-thread task of any
 * length; the longest gap between animation frames; wall time. BENCH_PANEL_RUNS rounds (3):
 * the median and every round's longest task.
 */
async function sweepPanel(): Promise<void> {
  const rounds = Number(process.env.BENCH_PANEL_RUNS ?? 3);
  const app = await serveApp();
  try {
    console.log('the Sweep panel while a sweep streams in (production build, Sweep tab open, max speed); target: no main-thread task over 50 ms');
    for (const c of PANEL_CASES) {
      const longest: number[] = [];
      const overs: number[] = [];
      const walls: number[] = [];
      const gaps: number[] = [];
      for (let round = 0; round < rounds; round++) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const page = await app.browser.newPage({ viewport: { width: 1440, height: 1000 } });
        await page.addInitScript(`
          window.__longTasks = [];
          new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
        `);
        await page.goto(`${app.url}#race=${await encodeRace(c.spec)}`);
        await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 60_000 });
        await page.getByLabel('Speed').selectOption('max');
        await page.getByRole('tab', { name: 'Sweep' }).click();
        await page.locator('.progress').waitFor({ timeout: 60_000 });
        // Let the panel's first render and the workers' epoch 0 settle: the measured span is the streaming.
        await page.waitForTimeout(2000);
        const box = (await page.getByRole('button', { name: 'Play' }).boundingBox())!;
        await page.evaluate(`
          window.__longTasks = []; window.__gap = 0;
          let last = performance.now();
          requestAnimationFrame(function frame(t) { window.__gap = Math.max(window.__gap, t - last); last = t; requestAnimationFrame(frame); });
        `);
        const browser = page.context().browser()!;
        await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
        const t0 = Date.now();
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await page.evaluate(`new Promise((resolve, reject) => {
          const timer = setInterval(() => {
            const p = document.querySelector('.progress');
            if (p && p.getAttribute('data-done') === p.getAttribute('data-total')) resolve(clearInterval(timer));
          }, 250);
          setTimeout(() => reject(new Error('the sweep did not finish within 600 s')), 600000);
        })`);
        const wall = Date.now() - t0;
        // A second more: the last records' redraw.
        await page.waitForTimeout(1000);
        const trace = await browser.stopTracing();
        const r = (await page.evaluate('({ longTasks: window.__longTasks, gap: window.__gap })')) as { longTasks: number[]; gap: number };
        longest.push(longestMainThreadTask(trace));
        overs.push(r.longTasks.filter((d) => d > 50).length);
        walls.push(wall);
        gaps.push(r.gap);
        await page.close();
      }
      console.log(
        `  ${c.name}, ${c.spec.epochs} epochs: longest main-thread task ${fmt(median(longest))} [${longest.map(fmt).join(', ')}]; tasks over 50 ms ${overs.join(', ')}; longest gap between frames ${fmt(median(gaps))}; wall ${fmt(median(walls))} (medians of ${rounds})`,
      );
    }
  } finally {
    await app.close();
  }
}

const LOADS = Number(process.env.BENCH_LOADS ?? 5);
/** Long enough that a cheap racer's epochs fill many 2 ms windows after the code is warm. */
const COST_EPOCHS = 50_000;
const costConfig: RaceConfigSpec = { ...defaultRace, epochs: COST_EPOCHS };

/** Each racer's cost per epoch, ms: the median of windows of ≥ 2 ms of epochs, as the cost panel takes it. */
function costsOf(msByRacer: Map<string, number[]>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [racer, ms] of msByRacer) {
    const sampler = new CostSampler();
    sampler.add(ms, 1);
    out.set(racer, sampler.cost!.median);
  }
  return out;
}

/** Every racer's per-epoch ms from the CLI's loop (Node's clock, every epoch timed alone). */
function cliEpochMs(): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of runRace(prepareRace(validateRace(costConfig)), { timing: true })) {
    const list = out.get(r.racer) ?? [];
    list.push(r.ms ?? 0);
    out.set(r.racer, list);
  }
  return out;
}

async function costAccuracy(): Promise<void> {
  console.log(`\ncost per epoch: ${costConfig.racers.length} racers x ${COST_EPOCHS} epochs on crops15 at max speed, ${LOADS} page loads`);
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  const rows: string[] = [];
  let worst = 0;
  let worstMomentum = 0;
  for (let load = 0; load < LOADS; load++) {
    const session = await openHarness();
    try {
      const exported = await inPage(session.page, async (h, c) => {
        // A first race warms the page's code up, as a student's second race finds it.
        h.load(c, { speed: 'max' });
        await h.race();
        h.load(c, { speed: 'max' });
        await h.race();
        return h.exported();
      }, costConfig);
      const browserMs = new Map(Object.entries(exported).map(([racer, lines]) => [racer, lines.map((l) => (JSON.parse(l) as { ms: number }).ms)]));
      const browser = costsOf(browserMs);
      const cli = costsOf(cliEpochMs());
      const cells: string[] = [];
      for (const racer of ['sgd', 'mini', 'momentum', 'nesterov', 'adam']) {
        const b = browser.get(racer)! / browser.get('gd')!;
        const c = cli.get(racer)! / cli.get('gd')!;
        worst = Math.max(worst, Math.abs(b / c - 1));
        cells.push(`${racer}/gd ${b.toFixed(2)} (CLI ${c.toFixed(2)})`);
      }
      const momentum = browser.get('momentum')! / browser.get('nesterov')!;
      worstMomentum = Math.max(worstMomentum, Math.abs(momentum - 1));
      rows.push(`  load ${load + 1}: gd ${(1000 * browser.get('gd')!).toFixed(2)} µs/epoch (CLI ${(1000 * cli.get('gd')!).toFixed(2)}); ${cells.join('; ')}; momentum/nesterov ${momentum.toFixed(2)}`);
    } finally {
      await session.close();
    }
  }
  console.log(rows.join('\n'));
  console.log(`  largest deviation of a browser ratio from the CLI's: ${pct(worst)} (target <= 15%); momentum vs nesterov: ${pct(worstMomentum)} (target <= 15%)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
