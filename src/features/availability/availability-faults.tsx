/** Me → Data status: what the live availability feed has done lately and every fault it survived. */
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language.ts';
import { FAULT_KINDS } from '../../data/availability-validate.ts';
import { formatObservedTime } from './freshness.ts';
import { NS } from './availability-text.ts';
import { useAvailabilityFaults } from './use-availability-faults.ts';
import './availability.css';

export default function AvailabilityFaults() {
  const { t } = useTranslation(NS);
  const lang = useLanguage();
  const faults = useAvailabilityFaults();
  if (!faults) return null;
  const now = new Date();
  const total = FAULT_KINDS.reduce((sum, k) => sum + faults.counts[k], 0);
  return (
    <section className="avail-faults" aria-labelledby="avail-faults-heading" data-testid="availability-faults">
      <h3 id="avail-faults-heading">{t('faults.heading')}</h3>
      <p>
        {faults.lastSuccessAt ? t('faults.lastSuccess', { time: formatObservedTime(faults.lastSuccessAt, lang, now) }) : t('faults.never')}
      </p>
      {total === 0 ? (
        <p>{t('faults.none')}</p>
      ) : (
        <>
          <p>{t('faults.total', { count: total })}</p>
          {faults.lastFault && (
            <p>
              {t('faults.lastFault', {
                kind: t(`faults.kinds.${faults.lastFault.kind}`),
                time: formatObservedTime(faults.lastFault.at, lang, now),
              })}
            </p>
          )}
          <dl>
            {FAULT_KINDS.filter((k) => faults.counts[k] > 0).map((k) => (
              <div key={k} className="avail-fault-row" data-fault={k}>
                <dt>{t(`faults.kinds.${k}`)}</dt>
                <dd data-count={faults.counts[k]}>{faults.counts[k]}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
