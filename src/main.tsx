import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { applyElderMode } from './app/display-preferences';
import { initI18n } from './i18n/i18n';
import { listenForInstallPrompt } from './pwa/install-prompt';
import { registerServiceWorker } from './pwa/register-service-worker';
import './app/app.css';

applyElderMode();
listenForInstallPrompt();
registerServiceWorker();

void initI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
