/**
 * Me → Data status: what feed is on this device, how much of it was usable, where it came from
 * (licences), how much storage it takes, and the controls an operator needs (feed URL, sync now).
 * Lazy-mounted by the shell inside the Me page, so headings start at h2.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useLanguage } from '../../i18n/use-language.ts';
import { CATEGORIES, type Category } from '../../data/categories.ts';
import { SAFE_URL } from '../../data/safe-url.ts';
import { checkFeedUrl, defaultFeedUrl } from '../../data/feed-url.ts';
import { deleteSetting, setSetting } from '../../data/services-repository.ts';
import { getSetting } from '../../data/stored-read.ts';
import { resolveFeedUrl, syncNow, type SyncResult } from '../../data/sync.ts';
import { useFeedMeta } from '../../data/use-feed-meta.ts';
import { useSyncStatus } from '../../data/use-sync-status.ts';
import type { SyncErrorInfo } from '../../data/db.ts';
import { pickText } from '../../i18n/languages.ts';
import { SyncProgressBar } from './sync-progress-bar.tsx';
import { UnofficialSourceConfirm } from './unofficial-source-confirm.tsx';

/** A build that trusts publishing keys (VITE_FEED_KEYS): every feed is checked, and a new address is checked at once. */
const SIGNED_BUILD = Boolean(import.meta.env.VITE_FEED_KEYS);
/** Refusals whose technical line (which file, which key) is worth showing after the plain sentence. */
const DETAILED_CODES = new Set(['signature', 'rollback', 'manifest']);
import './data-status.css';

type PersistState = 'unknown' | 'granted' | 'denied' | 'unsupported';

export default function DataStatusPanel() {
  const { t } = useTranslation(['data', 'common']);
  const lang = useLanguage();
  const meta = useFeedMeta();
  const status = useSyncStatus();
  const ids = { title: useId(), url: useId(), urlMsg: useId() };

  const dateTime = (iso: string | undefined) =>
    iso ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : t('feed.never');
  const number = (n: number) => new Intl.NumberFormat(lang).format(n);
  const errorText = (e: SyncErrorInfo) => (DETAILED_CODES.has(e.code) ? `${t(`error.${e.code}`)} (${e.message})` : t(`error.${e.code}`));

  /* storage */
  const [estimate, setEstimate] = useState<{ usage: number; quota: number } | null | undefined>(undefined);
  const [persist, setPersist] = useState<PersistState>('unknown');
  useEffect(() => {
    let live = true;
    const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
    if (!storage?.estimate) setEstimate(null);
    else
      void storage.estimate().then(
        (e) => live && setEstimate({ usage: e.usage ?? 0, quota: e.quota ?? 0 }),
        () => live && setEstimate(null),
      );
    if (!storage?.persist) setPersist('unsupported');
    else if (storage.persisted)
      void storage.persisted().then(
        (p) => live && p && setPersist('granted'),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [meta?.lastUpdated]);
  const requestPersist = async () => {
    try {
      setPersist((await navigator.storage.persist()) ? 'granted' : 'denied');
    } catch {
      setPersist('denied');
    }
  };

  /* feed URL setting */
  const [urlInput, setUrlInput] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [urlSaved, setUrlSaved] = useState(false);
  const [inUse, setInUse] = useState('');
  useEffect(() => {
    void getSetting<string>('feedUrl').then(
      (v) => setUrlInput(typeof v === 'string' ? v : ''),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    void resolveFeedUrl().then(setInUse, () => undefined);
  }, [urlSaved, meta?.feedUrl]);
  const saveUrl = async (e: FormEvent) => {
    e.preventDefault();
    setUrlSaved(false);
    const checked = checkFeedUrl(urlInput);
    if (!checked.ok) {
      setUrlError(t(`source.invalid.${checked.reason}`));
      return;
    }
    setUrlError(null);
    setUrlInput(checked.url);
    await setSetting('feedUrl', checked.url);
    setUrlSaved(true);
    // Signed builds check the new address at once, so an unofficial one asks before anything else happens.
    if (SIGNED_BUILD) await runNow();
  };
  const resetUrl = async () => {
    setUrlError(null);
    setUrlInput('');
    await deleteSetting('feedUrl');
    setUrlSaved(true);
  };

  /* sync now */
  const [result, setResult] = useState<SyncResult | null>(null);
  const runNow = async () => {
    setResult(null);
    setResult(await syncNow());
  };
  const shown = result ?? status.lastResult;
  const shownError = shown?.status === 'failed' ? shown.error : meta?.lastError;
  const unofficialPending = !status.running && shownError?.code === 'untrusted-source' ? shownError.unofficial : undefined;

  const hasData = meta?.version !== undefined && meta !== null;
  const manifest = meta?.manifest;
  const byCategory: Record<Category, number> = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const s of Object.values(meta?.chunks ?? {})) {
    for (const c of CATEGORIES) byCategory[c] += s.byCategory[c] ?? 0;
  }

  return (
    <section className="data-status" aria-labelledby={ids.title} data-testid="data-status">
      <h2 id={ids.title}>{t('title')}</h2>

      <div>
        <h3>{t('feed.heading')}</h3>
        {meta === undefined ? null : !hasData ? (
          <p>{t('empty')}</p>
        ) : (
          <dl>
            <dt>{t('feed.version')}</dt>
            <dd data-testid="feed-version">{meta.version}</dd>
            <dt>{t('feed.kind')}</dt>
            <dd>
              {manifest?.sample ? (
                <>
                  <span className="sample-badge">{t('feed.sample')}</span> {t('feed.sampleNote')}
                </>
              ) : (
                t('feed.real')
              )}
            </dd>
            <dt>{t('feed.trust')}</dt>
            <dd data-testid="feed-trust" data-trust={meta.trust?.kind ?? 'unsigned-build'}>
              {meta.trust?.kind === 'signed'
                ? t('feed.signed', { keyId: meta.trust.keyId })
                : meta.trust?.kind === 'unofficial'
                  ? t('feed.unofficial', { host: meta.trust.host, keyId: meta.trust.keyId ?? t('feed.noKey') })
                  : manifest?.sample
                    ? t('feed.unsignedSample')
                    : t('feed.unsigned')}
            </dd>
            {manifest?.expires && (
              <>
                <dt>{t('feed.expires')}</dt>
                <dd>{dateTime(manifest.expires)}</dd>
              </>
            )}
            {manifest && (
              <>
                <dt>{t('feed.generatedAt')}</dt>
                <dd>{dateTime(manifest.generatedAt)}</dd>
              </>
            )}
            <dt>{t('feed.lastSync')}</dt>
            <dd>{dateTime(meta.lastSync)}</dd>
            <dt>{t('feed.lastUpdated')}</dt>
            <dd>{dateTime(meta.lastUpdated)}</dd>
          </dl>
        )}
        {meta?.lastError && (
          <p className="sync-error" data-testid="last-error">
            {t('result.lastError', { time: dateTime(meta.lastError.at), reason: errorText(meta.lastError) })}
            {meta.lastError.file && <> {t('result.file', { file: meta.lastError.file })}</>}
          </p>
        )}
      </div>

      {hasData && (
        <div>
          <h3>{t('counts.heading')}</h3>
          <table data-testid="category-counts">
            <thead>
              <tr>
                <th scope="col">{t('counts.category')}</th>
                <th scope="col" className="num">
                  {t('counts.count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {CATEGORIES.map((c) => (
                <tr key={c} data-category={c}>
                  <th scope="row">{t(`common:category.${c}`)}</th>
                  <td className="num" data-count={byCategory[c]}>
                    {number(byCategory[c])}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="total-records" data-count={meta.totalRecords ?? 0}>
            {t('feed.total', { count: meta.totalRecords ?? 0 })}
          </p>

          <h3>{t('skipped.heading')}</h3>
          {!meta.skipped ? (
            <p>{t('skipped.none')}</p>
          ) : (
            <>
              <p data-testid="skipped-count">{t('skipped.count', { count: meta.skipped })}</p>
              <p>{t('skipped.reasons')}</p>
              <ul className="reasons">
                {(meta.skipSamples ?? []).map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}

      <div>
        <h3>{t('storage.heading')}</h3>
        {estimate === null ? (
          <p>{t('storage.unknown')}</p>
        ) : estimate ? (
          <p>{t('storage.used', { used: bytes(estimate.usage, lang), quota: bytes(estimate.quota, lang) })}</p>
        ) : null}
        {persist === 'unsupported' ? (
          <p>{t('storage.unsupported')}</p>
        ) : (
          <>
            {persist !== 'granted' && (
              <button type="button" className="button" onClick={() => void requestPersist()}>
                {t('storage.persist')}
              </button>
            )}
            <p role="status">{persist === 'granted' ? t('storage.persisted') : persist === 'denied' ? t('storage.denied') : ''}</p>
          </>
        )}
      </div>

      <div>
        <h3>{t('source.heading')}</h3>
        <form onSubmit={(e) => void saveUrl(e)} noValidate>
          <label htmlFor={ids.url}>{t('source.urlLabel')}</label>
          <input
            id={ids.url}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            value={urlInput}
            aria-invalid={urlError ? true : undefined}
            aria-describedby={ids.urlMsg}
            onChange={(e) => {
              setUrlInput(e.target.value);
              setUrlSaved(false);
            }}
          />
          <p id={ids.urlMsg} className={urlError ? 'field-error' : 'hint'} role={urlError ? 'alert' : undefined}>
            {urlError ?? t('source.urlHint', { url: defaultFeedUrl(location.href) })}
          </p>
          <div className="actions">
            <button type="submit" className="button">
              {t('source.save')}
            </button>
            <button type="button" className="button" onClick={() => void resetUrl()}>
              {t('source.reset')}
            </button>
            <button type="button" className="button primary" disabled={status.running} onClick={() => void runNow()}>
              {status.running ? t('source.syncing') : t('source.syncNow')}
            </button>
          </div>
        </form>
        {urlSaved && <p role="status">{t('source.saved')}</p>}
        {inUse && <p className="hint">{t('source.inUse', { url: inUse })}</p>}
        <SyncProgressBar />
        {unofficialPending && (
          <UnofficialSourceConfirm
            source={unofficialPending}
            onDone={(r) => {
              setResult(r);
              void getSetting<string>('feedUrl').then((v) => setUrlInput(typeof v === 'string' ? v : ''));
            }}
          />
        )}
        {shown && !status.running && <SyncResultLine result={shown} errorText={errorText} count={number} />}
      </div>

      <div>
        <h3>{t('attribution.heading')}</h3>
        {!manifest?.sources.length ? (
          <p>{t('attribution.none')}</p>
        ) : (
          <ul data-testid="sources">
            {manifest.sources.map((s, i) => (
              <li key={i}>
                {s.url && SAFE_URL.test(s.url) && /^https?:/i.test(s.url) ? (
                  <a href={s.url} rel="noopener noreferrer" target="_blank">
                    {pickText(s.name, lang)}
                  </a>
                ) : (
                  <strong>{pickText(s.name, lang)}</strong>
                )}
                {' — '}
                {/* In the reader's language when the feed gives the note; else the licence and attribution as written. */}
                {s.note ? (
                  pickText(s.note, lang)
                ) : (
                  <>
                    {t('attribution.licence', { licence: s.licence })}. {s.attribution}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link href="/operator">{t('operatorLink')}</Link>
        </p>
      </div>
    </section>
  );
}

function SyncResultLine({
  result,
  errorText,
  count,
}: {
  result: SyncResult;
  errorText: (e: SyncErrorInfo) => string;
  count: (n: number) => string;
}) {
  const { t } = useTranslation('data');
  if (result.status === 'failed') {
    return (
      <p className="sync-error" role="alert" data-testid="sync-result" data-status="failed" data-code={result.error.code}>
        {t('result.failed', { reason: errorText(result.error) })}
        {result.error.file && <> {t('result.file', { file: result.error.file })}</>}
      </p>
    );
  }
  return (
    <p
      className="sync-ok"
      role="status"
      data-testid="sync-result"
      data-status={result.status}
      data-duration-ms={Math.round(result.durationMs)}
    >
      {result.status === 'updated'
        ? t('result.updated', { version: result.version, count: count(result.totalRecords) })
        : t('result.unchanged', { version: result.version })}
    </p>
  );
}

function bytes(n: number, lang: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: v < 10 && i > 0 ? 1 : 0 }).format(v)} ${units[i]}`;
}
