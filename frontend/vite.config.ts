import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';

// The backend serves dist/ at `/` and the API under `/api` on the same origin, so the app only
// ever uses relative `/api/...` URLs; in `npm run dev` Vite forwards them to the local backend.
export default defineConfig({
  // .br and .gz beside every text file of the build: the backend (eventconnect/frontend.py) sends
  // the one the browser accepts, so nothing is compressed per request.
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'] })],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      // ws: the live WebSocket (/api/live) goes through the same proxy.
      '/api': { target: 'http://127.0.0.1:8000', changeOrigin: false, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No maps in dist/: whatever is in dist/ is public (issue 13: a 2 MB map was).
    sourcemap: false,
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
