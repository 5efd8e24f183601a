/**
 * The answer, first screen first: one sentence to act on, the points, the next step. Everything else
 * (each check, how the points add up, towns, checklist, timeline, whom to ask, sources) folds below.
 */
import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText, type Language } from '../../i18n/languages';
import { publishedCutoffs } from './enrolment-next-step';
import type { Check, EnrolmentResult, Tri } from './enrolment-rules';
import { townText } from './enrolment-text';

/** Phone numbers in a sentence become tap-to-call links that never break across lines. */
function WithPhoneLinks({ text }: { text: string }) {
  return (
    <>
      {text.split(/(0769-\d{8}|12345)/).map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} className="enr-phone" href={`tel:${part}`}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

const statusOf = (p: Tri) => (p === true ? 'passed' : p === false ? 'failed' : 'unverified');
export const CHECKLIST_KEY = 'dg-nearby:enrolment-checklist';

/** A citation: official pages are named as such; anything else tells the parent to check with the office. */
export function Source({ reference }: { reference: { document: string; url: string; quality: string } | null }) {
  const { t } = useTranslation('enrolment');
  if (!reference) return null;
  const official = reference.quality === 'gov';
  return (
    <span className="enr-source" data-quality={official ? 'official' : 'secondary'}>
      {t('results.source')}
      {t('results.sourceSep')}
      <a href={reference.url} target="_blank" rel="noopener noreferrer">
        {reference.document}
      </a>{' '}
      <span className={official ? 'enr-official' : 'enr-secondary'}>
        ({t(official ? 'results.sourceOfficial' : 'results.sourceSecondary')})
      </span>
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

const readTicks = (): string[] => {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(CHECKLIST_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

/** Steps and documents the parent can tick; the ticks stay on this device only. */
function Checklist({ result, language }: { result: EnrolmentResult; language: Language }) {
  const { t } = useTranslation('enrolment');
  const [ticks, setTicks] = useState<string[]>(readTicks);
  const toggle = (id: string) =>
    setTicks((prev) => {
      const next = prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id];
      try {
        localStorage.setItem(CHECKLIST_KEY, JSON.stringify(next));
      } catch {
        /* storage refused: the ticks still work for this visit */
      }
      return next;
    });
  const item = (id: string, text: string, extra?: React.ReactNode) => (
    <li key={id}>
      <label className="choice enr-tick">
        <input type="checkbox" checked={ticks.includes(id)} onChange={() => toggle(id)} data-tick={id} />
        <span>{text}</span>
      </label>
      {extra}
    </li>
  );
  return (
    <>
      <h4>{t('results.checklistSteps')}</h4>
      <ul className="enr-ticklist">{result.timeline.map((e) => item(`step:${e.id}`, pickText(e.text, language)))}</ul>
      <h4>{t('results.documents')}</h4>
      <ul className="enr-ticklist">
        {result.documents.map((d) => item(`doc:${d.id}`, pickText(d.text, language), <Source reference={d.source} />))}
      </ul>
    </>
  );
}

async function downloadTimeline(result: EnrolmentResult, t: (k: string, o?: Record<string, unknown>) => string, language: Language) {
  // Loaded on demand: the ics library is needed only when someone asks for the file.
  const { buildTimelineIcs } = await import('./timeline-ics');
  const town = pickText(townText(result.targetTown), language);
  const text = buildTimelineIcs(result.schoolYear, result.timelineDates, {
    title: (id) => t(`results.calendarStep.${id}`, { town, year: result.schoolYear }),
    estimatedMark: t('results.estimatedMark'),
    description: t('results.calendarDescription'),
  });
  const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `enrolment-${result.schoolYear}-${result.targetTown}.ics`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function OfficeDetails({ result, language }: { result: EnrolmentResult; language: Language }) {
  const { t } = useTranslation('enrolment');
  const o = result.office;
  const town = pickText(townText(o.town), language);
  const unknown = t('results.officeFieldUnknown', { hotline: o.cityHotline });
  return (
    <div className="enr-office" data-testid="enrolment-office">
      {!o.name && !o.phone && !o.address ? (
        <p className="enr-tag">{t('results.officeUnknown', { town, hotline: o.cityHotline })}</p>
      ) : (
        <dl className="enr-review">
          <div>
            <dt>{t('results.officeName')}</dt>
            <dd>{o.name ? pickText(o.name, language) : unknown}</dd>
          </div>
          <div>
            <dt>{t('results.officePhone')}</dt>
            <dd>{o.phone ? <a href={`tel:${o.phone}`}>{o.phone}</a> : unknown}</dd>
          </div>
          <div>
            <dt>{t('results.officeAddress')}</dt>
            <dd>{o.address ? pickText(o.address, language) : unknown}</dd>
          </div>
          {o.window && (
            <div>
              <dt>{t('results.officeWindow')}</dt>
              <dd>{pickText(o.window, language)}</dd>
            </div>
          )}
        </dl>
      )}
      {o.url && (
        <p>
          <a href={o.url} target="_blank" rel="noopener noreferrer">
            {o.url}
          </a>
        </p>
      )}
      {o.source && (
        <p>
          <Source reference={o.source} />
        </p>
      )}
      <p>{pickText(result.channel.text, language)}</p>
      <ul>
        <li>
          <a href={result.channel.bureauUrl} target="_blank" rel="noopener noreferrer">
            {t('results.bureau')}
          </a>
        </li>
        <li>
          <a href={`tel:${o.cityHotline}`}>{t('results.hotline', { hotline: o.cityHotline })}</a>
        </li>
      </ul>
    </div>
  );
}

export function EnrolmentResultView({
  result,
  language,
  headingRef,
}: {
  result: EnrolmentResult;
  language: Language;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const { t } = useTranslation('enrolment');
  const num = (n: number) => n.toLocaleString(language === 'en' ? 'en' : language);
  const verdict = String(result.eligible) as 'true' | 'false' | 'unverified';
  const points = result.points;
  const town = pickText(townText(result.targetTown), language);
  const unverifiedCount = result.checks.filter((c) => c.passed === null).length;
  const cutoffs = publishedCutoffs(result.targetTown, result.stage);
  const estimated = result.registration.estimated ? t('results.estimatedMark') : '';
  return (
    <section className="enr-result" aria-labelledby="enr-result-title">
      <h2 id="enr-result-title" ref={headingRef} tabIndex={-1}>
        {t('results.title')}
      </h2>
      <p
        className={`enr-verdict enr-${verdict === 'true' ? 'passed' : verdict === 'false' ? 'failed' : 'unverified'}`}
        data-testid="enrolment-lead"
      >
        <strong>{t(`results.verdict.${verdict}`)}</strong> {pickText(result.summary, language)}
      </p>
      {points && (
        <p className="enr-total-line">
          {t('results.totalLead')}
          <strong className="enr-total" data-testid="enrolment-total">
            {num(points.total)}
          </strong>
          {t('results.pointsUnit')}{' '}
          <span className="enr-muted">
            {points.countedToRegistrationEnd
              ? t('results.countedToEnd', { date: points.countedTo, year: result.schoolYear, estimated })
              : t('results.countedToCustom', { date: points.countedTo, end: result.registration.date, estimated })}
          </span>
        </p>
      )}
      {points && (
        <p className="enr-muted" data-testid="enrolment-cutoff-short">
          {cutoffs[0]
            ? t('results.cutoffShortLine', { year: cutoffs[0].year, points: num(cutoffs[0].points), town })
            : t('results.cutoffsShort')}
        </p>
      )}
      <p className="enr-next" data-testid="enrolment-next">
        <WithPhoneLinks text={pickText(result.nextStep, language)} />
      </p>
      <p className="enr-muted">{t('disclaimer')}</p>

      <details className="enr-more">
        <summary>{t('results.checksSummary', { count: result.checks.length, unverified: unverifiedCount })}</summary>
        <CheckList checks={result.checks} language={language} />
      </details>

      <details className="enr-more">
        <summary>{t('results.points')}</summary>
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
                        {i.unverified && <span className="enr-tag"> ({t('results.unverifiedTag')})</span>}{' '}
                        <Source reference={i.reference} />
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('results.total')}</th>
                    <td className="enr-num">{num(points.total)}</td>
                    <td />
                  </tr>
                </tfoot>
              </table>
            </div>
            <p>
              {t('results.tieBreak', { order: points.tieBreakOrder.map((id) => t(`results.item.${id}`)).join(' → ') })}{' '}
              <Source reference={points.reference} />
            </p>
            <h4>{t('results.cutoffsTitle')}</h4>
            {cutoffs.length ? (
              <ul data-testid="enrolment-cutoffs">
                {cutoffs.map((c) => (
                  <li key={`${c.year}-${c.stage}`}>
                    {t('results.cutoffLine', { year: c.year, points: num(c.points) })} <Source reference={c.source} />
                  </li>
                ))}
              </ul>
            ) : (
              <p data-testid="enrolment-cutoffs">
                {t('results.cutoffsNone', { contact: pickText(result.office.name ?? townText(result.targetTown), language) })}
              </p>
            )}
          </>
        ) : (
          <p>{t('results.noPoints')}</p>
        )}
      </details>

      {(result.stage === 'primary1' || result.stage === 'junior1') && (
        <details className="enr-more">
          <summary>{t('results.applyTowns')}</summary>
          {result.applyTownBases.length ? (
            <ul>
              {result.applyTownBases.map((b) => (
                <li key={b.town}>{pickText(townText(b.town), language)}</li>
              ))}
            </ul>
          ) : (
            <p>{t('results.noApplyTowns')}</p>
          )}
        </details>
      )}

      <details className="enr-more">
        <summary>{t('results.checklist')}</summary>
        <Checklist result={result} language={language} />
      </details>

      <details className="enr-more">
        <summary>{t('results.timeline', { year: result.schoolYear })}</summary>
        <ol>
          {result.timeline.map((e) => (
            <li key={e.id}>
              {pickText(e.text, language)}
              {e.unverified && <span className="enr-tag"> ({t('results.usualTag')})</span>} <Source reference={e.source} />
            </li>
          ))}
        </ol>
        <button type="button" className="button" onClick={() => void downloadTimeline(result, t as never, language)}>
          {t('results.addToCalendar')}
        </button>
        <p className="enr-muted">{t('results.calendarNote')}</p>
      </details>

      <details className="enr-more">
        <summary>{t('results.office', { town })}</summary>
        <OfficeDetails result={result} language={language} />
      </details>

      {result.subsidy && (
        <details className="enr-more">
          <summary>{t('results.subsidy')}</summary>
          <p>
            {result.subsidy.eligible === null && <span className="enr-tag">({t('results.unverifiedTag')}) </span>}
            {pickText(result.subsidy.reason, language)} <Source reference={result.subsidy.reference} />
          </p>
        </details>
      )}

      {result.seniorHighTrack.checks.length > 0 && (
        <details className="enr-more">
          <summary>{t('results.seniorHigh')}</summary>
          <CheckList checks={result.seniorHighTrack.checks} language={language} />
        </details>
      )}

      <p className="enr-muted">{t('results.rulesLastChecked', { date: result.rulesLastChecked })}</p>
    </section>
  );
}
