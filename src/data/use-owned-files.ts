/**
 * The owned files the sync stored (issue 22: rules, offices and programmes published by their owners),
 * for the features that prefer them to their embedded copies. Rows were checked by the one-verdict
 * validator before the sync wrote them; re-read whenever a new feed version lands.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb, type OwnedFileRow } from './db.ts';
import { useFeedRevision } from './use-feed-revision.ts';
import type { OwnedFileKind } from './owned-file-names.ts';

/** The stored files of one kind, in path order: undefined while reading, [] when the feed has none. */
export function useOwnedFiles(kind: OwnedFileKind): OwnedFileRow[] | undefined {
  const revision = useFeedRevision();
  return useLiveQuery(async () => {
    try {
      return (await getDb().ownedFiles.toArray()).filter((row) => row.kind === kind);
    } catch {
      // No database (private mode, blocked storage): the embedded copies answer.
      return [];
    }
  }, [kind, revision]);
}
