import { useStore } from '../lib/create-store';
import { type PwaState, pwaStore } from './pwa-store';

export function usePwaState(): PwaState {
  return useStore(pwaStore);
}
