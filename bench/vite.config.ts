// Builds the bench page (bench/browser/) that runs the app's real data layer in Chromium.
// Only the '@/' alias of the app's config: no PWA plugin, no Vue, nothing the bench
// does not measure. Output: bench/.dist (git-ignored).
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./browser', import.meta.url)),
  base: './',
  logLevel: 'warn',
  resolve: {
    alias: { '@': fileURLToPath(new URL('../src', import.meta.url)) },
  },
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('./.dist', import.meta.url)),
    emptyOutDir: true,
    // Minified as the app ships it; BENCH_MINIFY=0 keeps names readable in CPU profiles.
    minify: process.env.BENCH_MINIFY !== '0',
    sourcemap: false,
  },
});
