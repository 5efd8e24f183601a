import { useTranslation } from 'react-i18next';
import { setElderMode, useElderChoice } from '../ui/display-preferences';

/** Offered once, on first run, as an inline panel (not a pop-up); the choice can be changed in Me. */
export function ElderModeOffer() {
  const { t } = useTranslation();
  const choice = useElderChoice();
  if (choice !== null) return null;
  return (
    <section className="elder-offer" aria-labelledby="elder-offer-title">
      <h2 id="elder-offer-title">{t('elder.offerTitle')}</h2>
      <p>{t('elder.offerBody')}</p>
      <div className="button-row">
        <button type="button" className="button primary" onClick={() => setElderMode(true)}>
          {t('elder.turnOn')}
        </button>
        <button type="button" className="button" onClick={() => setElderMode(false)}>
          {t('elder.noThanks')}
        </button>
      </div>
    </section>
  );
}
