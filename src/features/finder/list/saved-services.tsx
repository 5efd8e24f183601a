/** Favourites and recently viewed services, for the Me page; read from IndexedDB, so it works offline. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { getDb } from '../../../data/db';
import type { ServiceRecord } from '../../../data/feed-schema';
import { pickText, type Language } from '../../../i18n/languages';
import { useFinderIndex } from '../index/finder-index-store';
import { useLanguage } from '../../../i18n/use-language';
import '../common/finder.css';

function SavedList({
  ids,
  byId,
  lang,
  empty,
  testId,
}: {
  ids: string[] | undefined;
  byId: ReadonlyMap<string, ServiceRecord> | undefined;
  lang: Language;
  empty: string;
  testId: string;
}) {
  const { t } = useTranslation(['finder', 'common']);
  if (!ids) return null;
  if (ids.length === 0) return <p className="finder-muted">{empty}</p>;
  return (
    <ul className="finder-saved" data-testid={testId}>
      {ids.map((id) => {
        const s = byId?.get(id);
        return (
          <li key={id}>
            {s ? (
              <Link href={`/service/${encodeURIComponent(id)}`}>
                {pickText(s.name, lang)} <span className="finder-muted">· {t(`common:category.${s.category}`)}</span>
              </Link>
            ) : byId ? (
              <span className="finder-muted">{t('saved.missing', { id })}</span>
            ) : (
              <span className="finder-muted">{id}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The records of these ids (their town chunks are read as needed); undefined until every one is known,
 * so a missing service is only called missing once the whole index is in.
 */
function useRecordsById(ids: string[] | undefined): ReadonlyMap<string, ServiceRecord> | undefined {
  const index = useFinderIndex();
  const [readVersion, setReadVersion] = useState(0);
  const positions = useMemo(() => (index && ids ? ids.map((id) => index.compact.indexOfId(id)) : null), [index, ids]);
  useEffect(() => {
    if (!index || !positions) return;
    let live = true;
    index.records.load(positions.filter((i): i is number => i !== undefined)).then(
      () => live && setReadVersion((v) => v + 1),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [index, positions]);
  return useMemo(() => {
    if (!index?.complete || !ids || !positions) return undefined;
    const out = new Map<string, ServiceRecord>();
    for (const [k, i] of positions.entries()) {
      if (i === undefined) continue;
      const record = index.records.recordAt(i);
      if (!record) return undefined; // still being read
      out.set(ids[k]!, record);
    }
    return out;
    // readVersion: re-run once the chunks have been read
  }, [index, ids, positions, readVersion]);
}

export default function SavedServices() {
  const { t } = useTranslation('finder');
  const lang = useLanguage();
  // Live queries: starring a service elsewhere updates this list at once.
  const favourites = useLiveQuery(async () => (await getDb().favourites.orderBy('addedAt').reverse().primaryKeys()) as string[], []);
  const recents = useLiveQuery(async () => (await getDb().recents.orderBy('viewedAt').reverse().primaryKeys()) as string[], []);
  const favouriteRecords = useRecordsById(favourites);
  const recentRecords = useRecordsById(recents);
  return (
    <div className="finder-saved-services">
      <h3>{t('saved.favourites')}</h3>
      <SavedList ids={favourites} byId={favouriteRecords} lang={lang} empty={t('saved.noFavourites')} testId="favourites-list" />
      <h3>{t('saved.recents')}</h3>
      <SavedList ids={recents} byId={recentRecords} lang={lang} empty={t('saved.noRecents')} testId="recents-list" />
    </div>
  );
}
