import { Suspense, lazy, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { setElderMode, useElderChoice } from '../../ui/display-preferences';
import { changeLanguage } from '../../i18n/i18n';
import { LANGUAGES, type Language, isLanguage } from '../../i18n/languages';
import { useLanguage } from '../../i18n/use-language';
import { promptInstall, useInstallState } from '../../pwa/install-prompt';
import './settings.css';

// The Me page composes panels owned by other features; each is its own chunk.
const SavedServices = lazy(() => import('../finder/list/saved-services'));
const DataStatusPanel = lazy(() => import('../data-status/data-status-panel'));
const AvailabilityFaults = lazy(() => import('../availability/availability-faults'));

export default function SettingsPage() {
  const { t } = useTranslation();
  // Checked at once; the new language's texts arrive a moment later (their chunk may still be loading).
  const [chosen, setChosen] = useState<Language>(useLanguage());
  const elder = useElderChoice() === 'on';
  const install = useInstallState();
  return (
    <div className="page settings">
      <h1>{t('settings.title')}</h1>

      <section aria-labelledby="settings-language">
        <h2 id="settings-language">{t('settings.language')}</h2>
        <fieldset className="language-choice">
          <legend>{t('settings.languageHint')}</legend>
          {LANGUAGES.map((language: Language) => (
            <label key={language} className="choice" lang={language}>
              <input
                type="radio"
                name="language"
                value={language}
                checked={chosen === language}
                onChange={(event) => {
                  const value = event.target.value;
                  if (!isLanguage(value)) return;
                  setChosen(value);
                  void changeLanguage(value);
                }}
              />
              {t(`languageName.${language}`)}
            </label>
          ))}
        </fieldset>
      </section>

      <section aria-labelledby="settings-display">
        <h2 id="settings-display">{t('settings.display')}</h2>
        <label className="choice">
          <input type="checkbox" checked={elder} onChange={(event) => setElderMode(event.target.checked)} />
          {t('elder.label')}
        </label>
      </section>

      {install !== 'unavailable' && (
        <section aria-labelledby="settings-install">
          <h2 id="settings-install">{t('settings.install')}</h2>
          {install === 'available' && (
            <button type="button" className="button primary" onClick={() => void promptInstall()}>
              {t('pwa.install')}
            </button>
          )}
          {install === 'installed' && <p>{t('pwa.installed')}</p>}
          {install === 'ios-hint' && <p>{t('pwa.iosHint')}</p>}
        </section>
      )}

      <Suspense fallback={<p className="page-loading">{t('app.loading')}</p>}>
        <section aria-labelledby="settings-saved">
          <h2 id="settings-saved">{t('settings.saved')}</h2>
          <SavedServices />
        </section>
        <DataStatusPanel />
        <section aria-labelledby="settings-availability">
          <h2 id="settings-availability">{t('settings.availability')}</h2>
          <AvailabilityFaults />
        </section>
      </Suspense>

      <p className="settings-towns">
        <Link href="/towns">{t('towns.link')}</Link>
      </p>

      <section aria-labelledby="settings-about">
        <h2 id="settings-about">{t('settings.about')}</h2>
        <p>{t('settings.aboutBody')}</p>
      </section>
    </div>
  );
}
