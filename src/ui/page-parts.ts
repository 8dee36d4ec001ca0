/**
 * The parts of the page that its first screen does not show, as chunks of their own: the
 * charts under the leaderboard and the loss chart, the setup, data and sweep column, the
 * Embed dialog and the PyTorch export. The first screen's JavaScript is then only what it
 * draws; these load after its first paint (App.svelte) or when asked for. Each is loaded
 * once; the embed widget imports the charts it shows directly.
 */
const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loading: Promise<T> | null = null;
  return () => (loading ??= load());
};

export const belowTheFold = once(async () => {
  const [path, cost, predictions] = await Promise.all([import('./charts/PathPanel.svelte'), import('./charts/CostPanel.svelte'), import('./charts/PredictionsPanel.svelte')]);
  return { PathPanel: path.default, CostPanel: cost.default, PredictionsPanel: predictions.default };
});

export const sideColumn = once(async () => {
  const [setup, data, sweep] = await Promise.all([import('./setup/SetupPanel.svelte'), import('./data/DataPanel.svelte'), import('./sweep/SweepPanel.svelte')]);
  return { SetupPanel: setup.default, DataPanel: data.default, SweepPanel: sweep.default };
});

export const embedDialog = once(async () => (await import('../embed/EmbedDialog.svelte')).default);

export const pytorchExport = once(async () => (await import('../core/export/pytorch-script.ts')).pytorchScript);
