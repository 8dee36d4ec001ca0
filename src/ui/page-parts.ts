/**
 * The parts of the page that its first screen does not show, loaded when wanted rather than
 * before that screen: the charts under it and the racers, data and sweep column
 * (later-parts.ts, after the first paint; the embed widget loads them at once), the Embed
 * dialog and the PyTorch export (when asked for). Each is loaded once.
 */
const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loading: Promise<T> | null = null;
  return () => (loading ??= load());
};

export const laterParts = once(() => import('./later-parts.ts'));

export const embedDialog = once(async () => (await import('../embed/EmbedDialog.svelte')).default);

export const pytorchExport = once(async () => (await import('../core/export/pytorch-script.ts')).pytorchScript);
