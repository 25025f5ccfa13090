import { defineConfig } from 'vite';

// `npm run dev` serves the pages with hot reload and sends /api to a running `make run`.
export default defineConfig({
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    // The dashboard's chart chunk (ECharts core with the bar and line charts, ~540 kB, 185 kB
    // gzipped) is loaded by the dashboard alone; the pages themselves stay far below this.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
    },
  },
});
