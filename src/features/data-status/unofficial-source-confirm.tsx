/**
 * Me → Data status: an address no trusted key signed is used only after the resident has read, in plain
 * words, what it is: its host, the publisher it claims and its key fingerprint (issue 23). Inline, not a
 * pop-up (elder mode has none); nothing from that feed is stored until "use it anyway".
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnofficialSource } from '../../data/db.ts';
import { acceptUnofficialSource, returnToOfficialFeed } from '../../data/feed-source-choice.ts';
import type { SyncResult } from '../../data/sync.ts';
import { pickText } from '../../i18n/languages.ts';
import { useLanguage } from '../../i18n/use-language.ts';

export function UnofficialSourceConfirm({ source, onDone }: { source: UnofficialSource; onDone: (result: SyncResult) => void }) {
  const { t } = useTranslation('data');
  const lang = useLanguage();
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const act = (run: () => Promise<SyncResult>) => {
    setBusy(true);
    void run()
      .then(onDone)
      .finally(() => setBusy(false));
  };
  return (
    <section className="unofficial-confirm" role="alertdialog" aria-labelledby={titleId} data-testid="unofficial-confirm">
      <h4 id={titleId}>{t('confirm.heading')}</h4>
      <p className="unofficial-warning">
        <strong>{t('confirm.warning')}</strong>
      </p>
      <ul>
        <li data-testid="confirm-host">{t('confirm.host', { host: source.host })}</li>
        <li data-testid="confirm-publisher">
          {source.publisher ? t('confirm.publisher', { name: pickText(source.publisher, lang) }) : t('confirm.publisherNone')}
        </li>
        <li data-testid="confirm-key">{source.keyId ? t('confirm.key', { keyId: source.keyId }) : t('confirm.keyNone')}</li>
      </ul>
      <div className="actions">
        <button type="button" className="button primary" disabled={busy} onClick={() => act(returnToOfficialFeed)}>
          {t('confirm.cancel')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => act(() => acceptUnofficialSource(source))}>
          {t('confirm.accept')}
        </button>
      </div>
    </section>
  );
}
