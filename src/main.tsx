import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { preloadFinderPage } from './app/routes';
import { applyElderMode } from './ui/display-preferences';
import { FIRST_SCREEN_NAMESPACES, initI18n } from './i18n/i18n';
import { listenForInstallPrompt } from './pwa/install-prompt';
import { whenIdle } from './lib/when-idle';
import './app/app.css';

applyElderMode();
listenForInstallPrompt();
// workbox-window and the service worker's precache are not needed to draw the first screen: they start once the
// page has loaded and the first screen is drawn, in a quiet moment.
const registerServiceWorker = () =>
  whenIdle(() => void import('./pwa/register-service-worker').then((pwa) => pwa.registerServiceWorker()), 3000);

// On "/", the finder page and its words load alongside i18next, so the first render is the whole first screen.
const onFinder = location.pathname === '/';
void Promise.all([initI18n(undefined, onFinder ? FIRST_SCREEN_NAMESPACES : []), onFinder ? preloadFinderPage() : null])
  .then(() => {
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  })
  .finally(() => {
    if (document.readyState === 'complete') registerServiceWorker();
    else window.addEventListener('load', registerServiceWorker, { once: true });
  });
