import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1>{t('error.notFoundTitle')}</h1>
      <p>{t('error.notFoundBody')}</p>
      <Link href="/" className="button">
        {t('error.home')}
      </Link>
    </section>
  );
}
