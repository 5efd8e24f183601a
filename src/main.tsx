import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { preloadFinderPage } from './app/routes';
import { applyElderMode } from './ui/display-preferences';
import { FIRST_SCREEN_NAMESPACES, initI18n } from './i18n/i18n';
import { listenForInstallPrompt } from './pwa/install-prompt';
import './app/app.css';

applyElderMode();
listenForInstallPrompt();
// workbox-window is not needed to draw the first screen: load it once the page is up.
window.addEventListener('load', () => void import('./pwa/register-service-worker').then((pwa) => pwa.registerServiceWorker()));

// On "/", the finder page and its words load alongside i18next, so the first render is the whole first screen.
const onFinder = location.pathname === '/';
void Promise.all([initI18n(undefined, onFinder ? FIRST_SCREEN_NAMESPACES : []), onFinder ? preloadFinderPage() : null]).then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
