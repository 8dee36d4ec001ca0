/**
 * The page's parts that load after its first screen has been painted (page-parts.ts), in
 * one chunk: the charts under the leaderboard and the loss chart, and the racers, data and
 * sweep column. One module, so that the build makes one chunk of them, not one per panel
 * and per helper they share: each chunk is compressed on its own, and split that finely the
 * page's JavaScript went over its 150 KB budget (`npm run bench:app` reports the sizes).
 */
export { default as PathPanel } from './charts/PathPanel.svelte';
export { default as CostPanel } from './charts/CostPanel.svelte';
export { default as PredictionsPanel } from './charts/PredictionsPanel.svelte';
export { default as SetupPanel } from './setup/SetupPanel.svelte';
export { default as DataPanel } from './data/DataPanel.svelte';
export { default as SweepPanel } from './sweep/SweepPanel.svelte';
