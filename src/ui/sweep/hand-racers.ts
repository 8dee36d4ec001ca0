/**
 * The race as the main charts and the leaderboard draw it: the racers the config names,
 * without a sweep's runs (which could be thousands; the Sweep panel shows them). The same
 * view object comes back for the same view, so a chart's derivations rerun only when the
 * race does.
 */
import type { RaceView } from '../view-model.ts';

const cache = new WeakMap<RaceView, RaceView>();

export function handRacers(view: RaceView): RaceView {
  if (!view.racers.some((r) => r.sweep)) return view;
  let hand = cache.get(view);
  if (!hand) {
    hand = { ...view, racers: view.racers.filter((r) => !r.sweep) };
    cache.set(view, hand);
  }
  return hand;
}
