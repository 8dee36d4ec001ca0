/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

export default defineConfig({
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
