/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

/**
 * Cross-origin isolation: with these two headers the workers' performance.now() ticks every
 * 5 µs instead of 100 µs (Chromium), so per-epoch costs are measured finely. The page loads
 * nothing from other origins, so nothing breaks. A static host should send the same two
 * headers (see SECURITY.md and the README); without them the race still aggregates its
 * timing over chunks of epochs.
 */
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  // The page is an embeddable widget: other origins may frame it (and must be allowed to load it under their own COEP).
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

export default defineConfig({
  server: { headers: ISOLATION },
  preview: { headers: ISOLATION },
  plugins: [svelte(), svelteTesting()],
  // Relative URLs: the built playground works from any folder a teacher hosts it in.
  base: './',
  publicDir: 'static',
  worker: { format: 'es' },
  test: {
    include: ['tests/**/*.test.ts'],
    // Node by default; component tests opt into jsdom with `// @vitest-environment jsdom`.
    environment: 'node',
  },
});
