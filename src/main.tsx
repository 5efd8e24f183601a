import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { applyElderMode } from './ui/display-preferences';
import { initI18n } from './i18n/i18n';
import { listenForInstallPrompt } from './pwa/install-prompt';
import './app/app.css';

applyElderMode();
listenForInstallPrompt();
// workbox-window is not needed to draw the first screen: load it once the page is up.
window.addEventListener('load', () => void import('./pwa/register-service-worker').then((pwa) => pwa.registerServiceWorker()));

void initI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
