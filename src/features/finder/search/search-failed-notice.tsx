/**
 * What the list and the map say when the search over the current services failed (finder-index-store.ts
 * `useSearchFailed`): the words, and "Search again", which starts a fresh search worker.
 */
import { useTranslation } from 'react-i18next';
import { retrySearchIndex } from '../index/finder-index-store';

export function SearchFailedNotice({ className, testId }: { className: string; testId: string }) {
  const { t } = useTranslation('finder');
  return (
    <div className={className} role="alert" data-testid={testId}>
      <p>{t('list.searchFailed')}</p>
      <button type="button" className="finder-btn finder-btn-primary" onClick={() => void retrySearchIndex()}>
        {t('list.searchRetry')}
      </button>
    </div>
  );
}
