import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { TABS } from './routes';
import { TabIcon } from './tab-icons';

export function TabBar() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const isCurrent = (path: string) => (path === '/' ? location === '/' || location.startsWith('/service/') : location.startsWith(path));
  return (
    <nav className="tab-bar" aria-label={t('tabs.label')}>
      <ul>
        {TABS.map((tab) => (
          <li key={tab.path}>
            <Link href={tab.path} className="tab" aria-current={isCurrent(tab.path) ? 'page' : undefined}>
              <TabIcon name={tab.key} />
              <span className="tab-label">{t(`tabs.${tab.key}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
