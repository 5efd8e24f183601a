/** The answer, in plain language: verdict, every check with its citation, points table, towns, subsidy, checklist, timeline. */
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText, type Language } from '../../i18n/languages';
import type { Reference } from './enrolment-params';
import type { Check, EnrolmentResult, Tri } from './enrolment-rules';
import { townText } from './enrolment-text';

const statusOf = (p: Tri) => (p === true ? 'passed' : p === false ? 'failed' : 'unverified');

function Source({ reference }: { reference: { document: string; url: string } | null }) {
  const { t } = useTranslation('enrolment');
  if (!reference) return null;
  return (
    <span className="enr-source">
      {t('results.source')}:{' '}
      <a href={reference.url} target="_blank" rel="noopener noreferrer">
        {reference.document}
      </a>
    </span>
  );
}

function CheckList({ checks, language }: { checks: Check[]; language: Language }) {
  const { t } = useTranslation('enrolment');
  return (
    <ul className="enr-checks">
      {checks.map((c) => {
        const status = statusOf(c.passed);
        return (
          <li key={c.id} className={`enr-check enr-${status}`} data-check={c.id}>
            <span className="enr-status">{t(`results.status.${status}`)}</span>
            <span className="enr-reason">{pickText(c.reason, language)}</span>
            <Source reference={c.reference} />
          </li>
        );
      })}
    </ul>
  );
}

export function EnrolmentResultView({ result, language, headingRef }: { result: EnrolmentResult; language: Language; headingRef: Ref<HTMLHeadingElement> }) {
  const { t } = useTranslation('enrolment');
  const num = (n: number) => n.toLocaleString(language === 'en' ? 'en' : language);
  const verdict = String(result.eligible) as 'true' | 'false' | 'unverified';
  const points = result.points;
  return (
    <section className="enr-result" aria-labelledby="enr-result-title">
      <h2 id="enr-result-title" ref={headingRef} tabIndex={-1}>
        {t('results.title')}
      </h2>
      <p className="enr-disclaimer" role="note">
        <strong>{t('disclaimer')}</strong>
      </p>
      <p className={`enr-verdict enr-${verdict === 'true' ? 'passed' : verdict === 'false' ? 'failed' : 'unverified'}`}>
        <strong>{t(`results.verdict.${verdict}`)}</strong> — {pickText(result.summary, language)}
      </p>

      <h3>{t('results.checks')}</h3>
      <CheckList checks={result.checks} language={language} />

      <h3>{t('results.points')}</h3>
      {points ? (
        <>
          <p>{t('results.pointsIntro', { date: points.countedTo })}</p>
          <div className="enr-table-wrap">
            <table className="enr-points">
              <thead>
                <tr>
                  <th scope="col">{t('results.column.item')}</th>
                  <th scope="col">{t('results.column.points')}</th>
                  <th scope="col">{t('results.column.how')}</th>
                </tr>
              </thead>
              <tbody>
                {points.items.map((i) => (
                  <tr key={i.id} data-item={i.id}>
                    <th scope="row">{t(`results.item.${i.id}`)}</th>
                    <td className="enr-num">{num(i.points)}</td>
                    <td>
                      {pickText(i.detail, language)}
                      {i.unverified && <span className="enr-tag"> ({t('results.unverifiedTag')})</span>} <Source reference={i.reference} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('results.total')}</th>
                  <td className="enr-num" data-testid="enrolment-total">
                    {num(points.total)}
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
          <p>
            {t('results.tieBreak', { order: points.tieBreakOrder.map((id) => t(`results.item.${id}`)).join(' → ') })} <Source reference={points.reference} />
          </p>
        </>
      ) : (
        <p>{t('results.noPoints')}</p>
      )}

      {(result.stage === 'primary1' || result.stage === 'junior1') && (
        <>
      <h3>{t('results.applyTowns')}</h3>
      {result.applyTownBases.length ? (
        <ul>
          {result.applyTownBases.map((b) => (
            <li key={b.town}>{pickText(townText(b.town), language)}</li>
          ))}
        </ul>
      ) : (
        <p>{t('results.noApplyTowns')}</p>
      )}
        </>
      )}

      {result.subsidy && (
        <>
          <h3>{t('results.subsidy')}</h3>
          <p>
            {result.subsidy.eligible === null && <span className="enr-tag">({t('results.unverifiedTag')}) </span>}
            {pickText(result.subsidy.reason, language)} <Source reference={result.subsidy.reference} />
          </p>
        </>
      )}

      {result.seniorHighTrack.checks.length > 0 && (
        <>
          <h3>{t('results.seniorHigh')}</h3>
          <CheckList checks={result.seniorHighTrack.checks} language={language} />
        </>
      )}

      <h3>{t('results.documents')}</h3>
      <ul>
        {result.documents.map((d) => (
          <li key={d.id}>
            {pickText(d.text, language)} <Source reference={d.source} />
          </li>
        ))}
      </ul>

      <h3>
        {t('results.timeline')} ({result.schoolYear})
      </h3>
      <ol>
        {result.timeline.map((e) => (
          <li key={e.id}>
            {pickText(e.text, language)}
            {e.unverified && <span className="enr-tag"> ({t('results.unverifiedTag')})</span>} <Source reference={e.source} />
          </li>
        ))}
      </ol>

      <h3>{t('results.channel')}</h3>
      <p>{pickText(result.channel.text, language)}</p>
      <ul>
        <li>
          <a href={result.channel.bureauUrl} target="_blank" rel="noopener noreferrer">
            {t('results.bureau')}
          </a>
        </li>
        <li>
          <a href={result.channel.songshanLakeUrl} target="_blank" rel="noopener noreferrer">
            {t('results.songshanLake')}
          </a>
        </li>
      </ul>
      <p className="enr-muted">{t('results.rulesLastChecked', { date: result.rulesLastChecked })}</p>
      <SourcesNote reference={result.channel.reference} />
    </section>
  );
}

function SourcesNote({ reference }: { reference: Reference }) {
  return (
    <p className="enr-muted">
      <Source reference={reference} />
    </p>
  );
}
