import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { defaultRace } from './default-race.ts';
import { isEmbed } from './embed/embed-options.ts';
import { memoryBudgetFromQuery } from './race/memory-budget.ts';
import { decodeRace, tokenFromHash } from './state/url-state.ts';

// User Timing marks, read by `npm run bench:app` (and any browser's performance panel).
performance.mark('optirace:start');
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

/** The race in the link, or the seed lesson's race with a notice when the link is unusable. */
async function initialRace() {
  const token = tokenFromHash(location.hash);
  if (token === null) return { spec: defaultRace, notice: null };
  const decoded = await decodeRace(token);
  return decoded.ok ? { spec: decoded.spec, notice: null } : { spec: defaultRace, notice: decoded.notice };
}

const race = await initialRace();
const { spec } = race;
const memory = memoryBudgetFromQuery(location.search);
const notice = race.notice ?? memory.notice;

// The widget is this page with `?embed=1`, not a second embed.html entry: one build entry and
// one CSP to keep right, and the embed snippet is the share link plus a query, reading the
// same `#race=` state. Its code is a separate chunk the full page never loads.
const app = isEmbed(location.search)
  ? (await import('./embed/mount-embed.ts')).mountEmbed(target, spec, notice)
  : mount(App, { target, props: { initialSpec: spec, notice, memoryBudget: memory.budget } });
performance.mark('optirace:mounted');
export default app;
