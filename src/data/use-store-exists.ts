/** React binding for store-exists.ts: false until the app's database exists (re-asked after every new feed). */
import { useEffect, useState } from 'react';
import { storeMayExist } from './store-exists.ts';
import { useFeedRevision } from './use-feed-revision.ts';

export function useStoreExists(): boolean {
  const revision = useFeedRevision();
  const [exists, setExists] = useState(false);
  useEffect(() => {
    let live = true;
    void storeMayExist().then((answer) => live && setExists(answer));
    return () => {
      live = false;
    };
  }, [revision]);
  return exists;
}
