/** What the shell shows about the service worker: "new version — reload" and "ready to work offline". */
import { createStore } from '../lib/create-store';

export interface PwaState {
  needRefresh: boolean;
  offlineReady: boolean;
}

const state = createStore<PwaState>({ needRefresh: false, offlineReady: false });
let applyUpdate: (() => void) | null = null;

export const pwaStore = {
  get: state.get,
  subscribe: state.subscribe,
  set(patch: Partial<PwaState>): void {
    state.set((previous) => ({ ...previous, ...patch }));
  },
  dismiss(): void {
    pwaStore.set({ needRefresh: false, offlineReady: false });
  },
  /** Set by the registration module: tells the waiting worker to take over, then reloads. */
  onApplyUpdate(handler: () => void): void {
    applyUpdate = handler;
  },
  applyUpdate(): void {
    applyUpdate?.();
  },
};
