/** Mounts the widget: theme and the `data-embed` marker on <html>, then the Embed component. */
import { mount } from 'svelte';
import type { RaceConfigSpec } from '../core/config/schema.ts';
import Embed from './Embed.svelte';
import { parseEmbedOptions } from './embed-options.ts';

export function mountEmbed(target: HTMLElement, spec: RaceConfigSpec, notice: string | null) {
  const { options, notices } = parseEmbedOptions(location.search);
  document.documentElement.dataset.theme = options.theme;
  document.documentElement.dataset.embed = '';
  return mount(Embed, { target, props: { initialSpec: spec, options, notices: notice ? [notice, ...notices] : notices } });
}
