/** One programme as a card: badges, why it fits (or what is missing), benefits, deadlines, how to apply, sources. */
import type { Programme } from '../../data/programme-schema.ts';
import { pickText } from '../../i18n/languages.ts';
import { inForce, type Check, type ProgrammeResult } from './programme-matcher.ts';
import { describeCheck, formatDay, type Translate, type YouthLang } from './describe-check.ts';
import { amountText } from './benefit-text.ts';
import { EXTERNAL, useYouthT } from './use-youth-text.ts';

async function downloadDeadline(
  programme: Programme,
  closes: string,
  t: Translate,
  lang: YouthLang,
  kind: 'closes' | 'opens' = 'closes',
): Promise<void> {
  // Loaded on demand: the ics library is only needed when someone adds a deadline.
  const { buildDeadlineIcs, icsFileName } = await import('./deadline-ics.ts');
  const name = pickText(programme.name, lang);
  const text = buildDeadlineIcs({
    programmeId: programme.id,
    closes,
    title: t(kind === 'closes' ? 'card.calendarTitle' : 'card.calendarOpensTitle', { name }),
    description: t(kind === 'closes' ? 'card.calendarDescription' : 'card.calendarOpensDescription', { name }),
    url: programme.officialUrl,
  });
  const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = icsFileName(programme.id, closes);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Badges({ result, t, lang }: { result: ProgrammeResult; t: Translate; lang: YouthLang }) {
  const p = result.programme;
  const windowText =
    result.window === 'closed' && result.lastClosed
      ? t('window.closedOn', { date: formatDay(result.lastClosed, lang) })
      : t(`window.${result.window}`);
  return (
    <p className="youth-badges">
      {result.closingSoon && <strong className="youth-badge youth-badge--soon">{t('card.closingSoon')}</strong>}
      <span className="youth-badge">{t(`kind.${p.kind}`)}</span>
      <span className={`youth-badge youth-badge--${result.window}`} data-window={result.window}>
        {windowText}
      </span>
      {(p.status === 'unverified' || p.status === 'unknown') && (
        <span className={`youth-badge youth-badge--${p.status}`}>{t(`status.${p.status}`)}</span>
      )}
    </p>
  );
}

/** Why a programme fits, or what is missing, one check a line. */
function CheckList({ heading, className, checks }: { heading: string; className: string; checks: readonly Check[] }) {
  const { t, lang } = useYouthT();
  return (
    <>
      <h4>{heading}</h4>
      <ul className={className}>
        {checks.map((c, i) => (
          <li key={i}>{describeCheck(c, lang, t)}</li>
        ))}
      </ul>
    </>
  );
}

export function ProgrammeCard({
  result,
  mode,
  asOf,
}: {
  result: ProgrammeResult;
  mode: 'match' | 'near' | 'browse' | 'quick';
  asOf: string;
}) {
  const { t, lang } = useYouthT();
  const p = result.programme;
  const name = pickText(p.name, lang);
  const headingId = `youth-${mode}-${p.id}`;
  const conflict = p.benefits.some((b) => b.conflict);
  return (
    <article className={`youth-card youth-card--${mode}`} aria-labelledby={headingId} data-programme={p.id}>
      <h3 id={headingId}>{name}</h3>
      <Badges result={result} t={t} lang={lang} />
      {p.version && (
        <p className="youth-muted">
          {p.version.validTo
            ? t('card.versionRange', { from: formatDay(p.version.validFrom, lang), to: formatDay(p.version.validTo, lang) })
            : t('card.versionFrom', { from: formatDay(p.version.validFrom, lang) })}
          {mode === 'browse' && !inForce(p, asOf) && <> · {t('browse.notInForce', { date: formatDay(asOf, lang) })}</>}
        </p>
      )}
      <p>{pickText(p.summary, lang)}</p>

      {mode === 'quick' && result.depends.length > 0 && (
        <p className="youth-depends" data-testid="youth-depends">
          {t('quick.dependsOn', { what: result.depends.map((d) => t(`quick.dependsWhat.${d.on}`)).join(t('listSeparator')) })}
        </p>
      )}
      {(mode === 'match' || mode === 'quick') && <CheckList heading={t('results.why')} className="youth-reasons" checks={result.checks} />}
      {mode === 'near' && <CheckList heading={t('results.missing')} className="youth-missing" checks={result.failed} />}

      <h4>{t('card.benefits')}</h4>
      {conflict && <p className="youth-warn">{t('card.conflict')}</p>}
      <ul className="youth-benefits">
        {p.benefits.map((b, i) => {
          const amount = amountText(b, lang, t);
          return (
            <li key={i}>
              {pickText(b.label, lang)}
              {amount && (
                <>
                  {t('card.labelSep')}
                  <strong className="youth-amount">{amount}</strong>
                </>
              )}
              {b.unverified && <span className="youth-badge youth-badge--unverified">{t('card.unverifiedFigure')}</span>}
              {b.source && b.conflict && (
                <>
                  {' '}
                  <a href={b.source} {...EXTERNAL}>
                    {t('card.sources')}
                    <span className="youth-sr-only"> {t('card.external')}</span>
                  </a>
                </>
              )}
            </li>
          );
        })}
      </ul>

      {!result.nextClose && result.nextOpen && (
        <div className="youth-deadline">
          <p>{t('card.opens', { date: formatDay(result.nextOpen, lang) })}</p>
          <button type="button" className="youth-button" onClick={() => void downloadDeadline(p, result.nextOpen!, t, lang, 'opens')}>
            {t('card.addOpeningToCalendar')}
          </button>
        </div>
      )}
      {result.nextClose && (
        <div className="youth-deadline">
          <p>
            {t('card.closes', { date: formatDay(result.nextClose, lang) })} · {t('card.daysLeft', { days: result.daysToClose ?? 0 })}
          </p>
          <button type="button" className="youth-button" onClick={() => void downloadDeadline(p, result.nextClose!, t, lang)}>
            {t('card.addToCalendar')}
          </button>
        </div>
      )}

      <details className="youth-details">
        <summary>{t('card.howToApply')}</summary>
        <p>
          {t('card.organiser')}
          {t('card.labelSep')}
          {pickText(p.organiser, lang)}
        </p>
        <p>
          {t('card.where')}
          {t('card.labelSep')}
          {pickText(p.where.text, lang)}
        </p>
        {(p.application.rounds?.length ?? 0) > 0 && (
          <>
            <h5>{t('card.rounds')}</h5>
            <ul>
              {p.application.rounds!.map((r, i) => (
                <li key={i}>
                  {r.label ? `${pickText(r.label, lang)}${t('card.labelSep')}` : ''}
                  {[
                    r.opens && t('card.opens', { date: formatDay(r.opens, lang) }),
                    r.closes && t('card.closes', { date: formatDay(r.closes, lang) }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </li>
              ))}
            </ul>
          </>
        )}
        {p.application.note && <p>{pickText(p.application.note, lang)}</p>}
        {(p.eligibility.other?.length ?? 0) > 0 && (
          <>
            <h5>{t('results.otherConditions')}</h5>
            <ul>
              {p.eligibility.other!.map((o, i) => (
                <li key={i}>{pickText(o, lang)}</li>
              ))}
            </ul>
          </>
        )}
        <p>{pickText(p.howToApply, lang)}</p>
        <h5>{t('card.sources')}</h5>
        <ul className="youth-sources">
          {p.sources.map((s) => (
            <li key={s.url}>
              <a href={s.url} {...EXTERNAL}>
                {new URL(s.url).hostname}
                <span className="youth-sr-only"> {t('card.external')}</span>
              </a>{' '}
              ({t(`sourceTag.${s.tag}`)})
            </li>
          ))}
        </ul>
      </details>

      {p.officialUrl ? (
        <p>
          <a className="youth-official" href={p.officialUrl} {...EXTERNAL}>
            {t('card.officialLink')}
            <span className="youth-sr-only"> {t('card.external')}</span>
          </a>
        </p>
      ) : (
        <p className="youth-contact">
          {t('card.contact')}
          {t('card.labelSep')}
          {pickText(p.contact ?? p.organiser, lang)}
        </p>
      )}
      <p className="youth-muted">{t('card.lastChecked', { date: formatDay(p.lastChecked, lang) })}</p>
    </article>
  );
}
