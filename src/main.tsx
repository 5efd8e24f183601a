import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { whenStartupDataSettled } from './app/startup-data';
import { applyElderMode } from './ui/display-preferences';
import { initI18n } from './i18n/i18n';
import { listenForInstallPrompt } from './pwa/install-prompt';
import { whenIdle } from './lib/when-idle';
import { whenFirstPainted } from './lib/first-paint';
import './app/app.css';

applyElderMode();
listenForInstallPrompt();
// workbox-window and the service worker's precache are not needed to draw the first screen: they start once the
// page has loaded, the first screen is drawn and the start-up sync has stored the data (on a first visit), in a
// quiet moment. (Waiting for the first results as well made an e2e search go unanswered now and then: issue 26.)
const registerServiceWorker = () =>
  void whenFirstPainted()
    .then(whenStartupDataSettled)
    .then(() => whenIdle(() => void import('./pwa/register-service-worker').then((pwa) => pwa.registerServiceWorker()), 3000));

// The finder page and the first screen's words are part of this code: the first render is the whole first screen.
void initI18n()
  .then(() => {
    const root = createRoot(document.getElementById('root')!);
    // In a transition, React renders the first screen in slices of a few milliseconds and lets the browser handle
    // input in between: on a slow phone one render of the whole screen is a task long enough to miss a tap.
    startTransition(() =>
      root.render(
        <StrictMode>
          <App />
        </StrictMode>,
      ),
    );
  })
  .finally(() => {
    if (document.readyState === 'complete') registerServiceWorker();
    else window.addEventListener('load', registerServiceWorker, { once: true });
  });
