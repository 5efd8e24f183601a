/** "via <host>" on every call and booking button while an unofficial feed is in use (issue 23). */
import { useTranslation } from 'react-i18next';
import { useUnofficialHost } from '../../../data/unofficial-host.ts';

export function ViaHost() {
  const { t } = useTranslation('common');
  const host = useUnofficialHost();
  if (!host) return null;
  return (
    <span className="via-host" data-testid="via-host">
      {' '}
      ({t('trust.viaHost', { host })})
    </span>
  );
}

/** The same words for an aria-label, which replaces the button's visible text for screen readers. */
export function useViaHostLabel(): string {
  const { t } = useTranslation('common');
  const host = useUnofficialHost();
  return host ? ` (${t('trust.viaHost', { host })})` : '';
}
