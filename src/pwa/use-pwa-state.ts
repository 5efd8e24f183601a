import { useSyncExternalStore } from 'react';
import { type PwaState, pwaStore } from './register-service-worker';

export function usePwaState(): PwaState {
  return useSyncExternalStore(pwaStore.subscribe, pwaStore.get, pwaStore.get);
}
