import { useSyncExternalStore } from 'react';
import { isNetworkOffline, subscribeNetworkStatus } from '../data/network-status.ts';

/** Online unless the browser says offline or the app's last request to its server got no answer. */
export function useOnlineStatus(): boolean {
  return !useSyncExternalStore(subscribeNetworkStatus, isNetworkOffline, () => false);
}
