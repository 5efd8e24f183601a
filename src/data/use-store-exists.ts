/**
 * React binding for store-exists.ts: whether a feed may be stored. True when the app's database existed when first
 * asked, or once a feed version has been committed since (this tab or another). Not re-asked in between: on a first
 * visit the sync worker creates the database before it downloads anything, and what waits for this (the trust
 * banner) has nothing to show before the first version lands, so it stays off the page during the first download.
 */
import { useEffect, useState } from 'react';
import { storeMayExist } from './store-exists.ts';
import { useFeedRevision } from './use-feed-revision.ts';

export function useStoreExists(): boolean {
  const revision = useFeedRevision();
  const [firstRevision] = useState(revision);
  const [existed, setExisted] = useState(false);
  useEffect(() => {
    let live = true;
    void storeMayExist().then((answer) => live && setExisted(answer));
    return () => {
      live = false;
    };
  }, []);
  return existed || revision !== firstRevision;
}
