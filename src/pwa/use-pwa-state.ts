import { useSyncExternalStore } from 'react';
import { type PwaState, pwaStore } from './pwa-store';

export function usePwaState(): PwaState {
  return useSyncExternalStore(pwaStore.subscribe, pwaStore.get, pwaStore.get);
}
