/** What the shell shows about the service worker: "new version — reload" and "ready to work offline". */
export interface PwaState {
  needRefresh: boolean;
  offlineReady: boolean;
}

let state: PwaState = { needRefresh: false, offlineReady: false };
const listeners = new Set<() => void>();
let applyUpdate: (() => void) | null = null;

export const pwaStore = {
  get: (): PwaState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  set(patch: Partial<PwaState>): void {
    state = { ...state, ...patch };
    listeners.forEach((listener) => listener());
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
