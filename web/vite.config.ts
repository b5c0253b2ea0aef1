// Vite for the web console: `npm run dev:web` (dev server proxying /api to the platform) and `npm run build:web`
// (static files into dist/web, which the platform serves). The console imports the project validator from the
// repo's own projects/ and catalog/ folders (the same code the server runs), the machine tables (projects/, catalog/,
// migration/, provisioners/), the provisioner kinds' words and the accounts' vocabulary (accounts/), so the dev
// server may read them.
import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = import.meta.dirname;
const repoRoot = path.resolve(webRoot, '..');
const apiTarget = process.env.ZY_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      '@projects': path.join(repoRoot, 'projects'),
      '@catalog': path.join(repoRoot, 'catalog'),
      '@migration': path.join(repoRoot, 'migration'),
      '@provisioners': path.join(repoRoot, 'provisioners'),
      '@accounts': path.join(repoRoot, 'accounts'),
      '@evaluations': path.join(repoRoot, 'evaluations'),
      '@security': path.join(repoRoot, 'security'),
      '@survey': path.join(repoRoot, 'survey'),
    },
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    fs: { allow: [webRoot, path.join(repoRoot, 'projects'), path.join(repoRoot, 'catalog'), path.join(repoRoot, 'migration'), path.join(repoRoot, 'provisioners'), path.join(repoRoot, 'accounts'), path.join(repoRoot, 'security'), path.join(repoRoot, 'evaluations'), path.join(repoRoot, 'survey'), path.join(repoRoot, 'core'), path.join(repoRoot, 'node_modules')] },
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget },
    },
  },
  build: {
    outDir: path.join(repoRoot, 'dist', 'web'),
    // the browser tests rebuild while other test files may still be serving the old build: keep its files then
    emptyOutDir: process.env.ZY_WEB_KEEP_OLD_ASSETS !== '1',
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // libraries in their own long-lived chunks (a release that changes only our pages leaves them cached);
        // each area's pages are loaded when first opened (React.lazy in App.tsx)
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/, priority: 20 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
