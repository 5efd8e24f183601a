/**
 * Keeps the `beforeinstallprompt` event (Chromium only) so the Me page can offer an install button, and tells
 * iOS Safari (which has no such event) apart so we can show the "Add to Home Screen" hint instead.
 */
import { createStore, useStore } from '../lib/create-store';

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

let deferred: BeforeInstallPromptEvent | null = null;
let installed = false;
/** The state is worked out on read (display mode, user agent); the store only says when to read again. */
const changes = createStore<null>(null);
const notify = changes.notify;

export function listenForInstallPrompt(): void {
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    deferred = event as BeforeInstallPromptEvent;
    notify();
  });
  window.addEventListener('appinstalled', () => {
    installed = true;
    deferred = null;
    notify();
  });
}

export type InstallState = 'available' | 'installed' | 'ios-hint' | 'unavailable';

function current(): InstallState {
  if (installed || window.matchMedia?.('(display-mode: standalone)').matches) return 'installed';
  if (deferred) return 'available';
  return isIosSafari(navigator.userAgent) ? 'ios-hint' : 'unavailable';
}

export function isIosSafari(userAgent: string): boolean {
  return /iPad|iPhone|iPod/.test(userAgent) && /Safari/.test(userAgent) && !/CriOS|FxiOS|EdgiOS/.test(userAgent);
}

export function useInstallState(): InstallState {
  return useStore({ get: current, subscribe: changes.subscribe }, () => 'unavailable' as const);
}

export async function promptInstall(): Promise<void> {
  if (!deferred) return;
  const event = deferred;
  deferred = null;
  await event.prompt();
  notify();
}
