import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react-swc';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
/** The service the dev server passes API calls to (npm start, or npm run start:dev). */
const api = 'http://127.0.0.1:3000';

// Built into dist/admin-web beside the service's own build: the service serves it at / (CONSOLE_DIR).
export default defineConfig({
  root,
  plugins: [react()],
  resolve: { alias: { '@': `${root}src` } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/admin-web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5173,
    proxy: { '/v1': api, '/api/docs': api, '/health': api },
  },
});
