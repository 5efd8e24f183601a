import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function ErrorMessage({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="page" role="alert">
      <h1>{t('error.title')}</h1>
      <p>{t('error.body')}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t('error.retry')}
      </button>
    </section>
  );
}

/** Keeps one broken page from taking the whole shell down; the tab bar stays usable. */
export class AppErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('page failed', error);
  }

  override render(): ReactNode {
    if (this.state.failed) return <ErrorMessage onRetry={() => this.setState({ failed: false })} />;
    return this.props.children;
  }
}
