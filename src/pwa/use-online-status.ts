import { useStore } from '../lib/create-store';
import { isNetworkOffline, subscribeNetworkStatus } from '../data/network-status.ts';

/** Online unless the browser says offline or the app's last request to its server got no answer. */
export function useOnlineStatus(): boolean {
  return !useStore({ get: isNetworkOffline, subscribe: subscribeNetworkStatus }, () => false);
}
