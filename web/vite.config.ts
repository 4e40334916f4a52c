import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The collector serves what this writes (collector/src/http/web-routes.ts): hashed files
// under /assets/ cached for good, index.html never. Chromium 86 is the 360 browser's
// engine, the oldest the offices run.
export default defineConfig({
  base: '/',
  resolve: { alias: { '@collector': fileURLToPath(new URL('../collector/src', import.meta.url)) } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../collector/web-dist',
    emptyOutDir: true,
    target: ['chrome86', 'firefox115'],
    // The page's CSP allows 'self' only: no data: URLs.
    assetsInlineLimit: 0,
    // ECharts is a chunk of its own (~530 kB, ~180 kB gzipped), loaded with the first chart.
    chunkSizeWarningLimit: 600,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8470' } },
});
