// Two pages from one build: the officials' console (/console/, behind login) and the public tip
// page (/tip/, no login, mobile-first). Served by the standalone host in embedded mode, or as
// static files behind the ingress in distributed mode (same origin as the services' /<svc>/ APIs).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: { console: here('console/index.html'), tip: here('tip/index.html') },
      // antd marks its modules "use client" for React Server Components; meaningless in a bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
