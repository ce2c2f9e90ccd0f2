// Vite build + dev server + Vitest configuration for the simreg web UI.
// esbuild compiles TSX directly (no React plugin); the output in dist/ must satisfy the server's
// strict CSP, so nothing is inlined: no data: assets, no inline module-preload polyfill.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    reporters: ['default', 'junit'],
    outputFile: { junit: '../test-results/web-unit-junit.xml' },
    restoreMocks: true,
  },
});
