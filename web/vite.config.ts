import { defineConfig } from 'vite';

// `npm run dev` serves the pages with hot reload and sends /api to a running `make run`.
export default defineConfig({
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
    },
  },
});
