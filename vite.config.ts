import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { parseKeyList } from './src/data/feed-signature.ts';

// The publishing keys the app trusts (signed feeds, docs/security.md): a malformed list fails the build, not the residents.
const trustedKeys = parseKeyList(process.env.VITE_FEED_KEYS);
if (!trustedKeys.ok) throw new Error(`VITE_FEED_KEYS: ${trustedKeys.reason}`);

// injectManifest (not generateSW): the service worker is our own typed module (src/sw/sw.ts, own tsconfig with the
// webworker lib), so routing rules such as the deep-link fallback and the opt-in map-tile cache are code we test.
/** Chunks only the operator page loads; kept out of every resident's precache (src/sw/sw.ts caches them on use). */
const OPERATOR_TOOL_ASSETS = ['assets/opencc-*.js', 'assets/pinyin-*.js', 'assets/import-api-*.js', 'assets/import.worker-*.js'];
const DICTIONARY_CHUNKS = [
  { name: 'opencc', test: /[\\/]node_modules[\\/]opencc-js[\\/]/ },
  { name: 'pinyin', test: /[\\/]node_modules[\\/]pinyin-pro[\\/]/ },
];

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: null, // registered by src/pwa/register-service-worker.ts with workbox-window
      registerType: 'prompt',
      includeAssets: ['apple-touch-icon.png'],
      injectManifest: {
        globPatterns: ['**/*.{js,css,html}'],
        // The embedded feed is synced into IndexedDB, not precached. The operator page's import core and its
        // dictionaries (about 1.5 MB gzip, for data owners only) are cached when that page first loads them (sw.ts).
        globIgnores: ['feed/**', ...OPERATOR_TOOL_ASSETS],
      },
      manifest: {
        id: '/',
        name: '莞邻 DG Nearby',
        short_name: '莞邻',
        description: '东莞公共服务查找：附近的幼儿园、诊所、托育、长者饭堂、体育场馆和停车场，离线可用。',
        lang: 'zh-Hans',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#0b6e6e',
        background_color: '#ffffff',
        categories: ['government', 'navigation', 'utilities', 'education', 'health'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  // Every worker is started as a module worker ({ type: 'module' }): ES output lets one share chunks and load lazily.
  // The import core's dictionaries (zh-Hant and pinyin, for the operator page) are big: each gets its own chunk
  // so no file passes the 2 MiB precache limit, in the page's fallback and in the worker alike.
  worker: { format: 'es', rolldownOptions: { output: { codeSplitting: { groups: DICTIONARY_CHUNKS } } } },
  build: {
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            ...DICTIONARY_CHUNKS,
            {
              // The small shared modules every first screen loads anyway, as one chunk instead of a dozen tiny
              // ones (each costs its own request and wrapper bytes). Nothing lazy is listed here.
              name: 'first-screen-shared',
              test: /[\\/]src[\\/](lib[\\/](create-store)|i18n[\\/](use-language|languages)|data[\\/](categories|feed-events|network-status|feed-url|use-feed-revision|use-sync-status|sync|unofficial-host)|features[\\/]finder[\\/]common[\\/](finder-limits|normalize-query|open-now|via-host|use-minute-clock))\.tsx?$/,
            },
          ],
        },
      },
    },
    // The HTML preloads everything the first screen imports. A lazy chunk's own imports are found when it arrives
    // (one more round trip on a first visit; the service worker holds every chunk after that): preloading them meant a
    // helper adding a <link> per import to the document on every dynamic import, main-thread work of its own right
    // after the first paint and after the first sync.
    modulePreload: { resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []) },
    manifest: true,
    target: 'es2022',
    sourcemap: false,
  },
  preview: { host: '127.0.0.1', port: Number(process.env.PORT ?? 4173), strictPort: true },
  server: { host: '127.0.0.1' },
});
