/**
 * The web console bundle: src/web → dist/web, served by the API node at `/` (src/server/routes/console.ts).
 * Hashed file names under /assets are cached for a year; the page itself is never cached.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // the editor and the graph view are split into their own chunks and loaded on first use
    chunkSizeWarningLimit: 1200,
    modulePreload: { polyfill: false },
  },
});
