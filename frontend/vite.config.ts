import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { writeFileSync } from 'node:fs';

// The Go binary embeds frontend/dist; git keeps an empty dist/.gitkeep so a
// fresh clone compiles before the UI is built. vite empties dist on every
// build, so put the marker back.
const keepDist = (): Plugin => ({
  name: 'keep-dist',
  closeBundle() {
    writeFileSync('dist/.gitkeep', '');
  },
});

export default defineConfig({
  plugins: [svelte(), keepDist()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
