/**
 * The enrolment tab's first screen: stage (one tap), town (one tap, or the place the finder remembers),
 * then the conditions that decide it, cited, with whom to ask and when. Two yes/no taps refine it; the
 * full wizard is one link away. Wording is conditional: the card never says more than the rules carry.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REMEMBERED_PLACE_KEY, getSetting } from '../../data/stored-read';
import { TOWNS, isTownCode } from '../../geo/towns';
import { pickText, type Language } from '../../i18n/languages';
import { Source } from './enrolment-result-view';
import { townText } from './enrolment-text';
import type { RuleSet } from './enrolment-params';
import { QUICK_STAGES, quickAnswer, type QuickFacts, type QuickLine, type QuickStage } from './quick-answer';

/** The town of the finder's remembered place (read only: the one field used here). */
async function rememberedTown(): Promise<string | null> {
  try {
    const place = await getSetting<{ townCode?: unknown }>(REMEMBERED_PLACE_KEY);
    const code = place?.townCode;
    return typeof code === 'string' && isTownCode(code) ? code : null;
  } catch {
    return null;
  }
}

const NO_FACTS: QuickFacts = { permit: null, insurance: null };

/** Kept in memory (never stored): a tab or language switch remounts the page and must not lose the answer. */
let memory: { stage: QuickStage | null; town: string | null; fromPlace: boolean; facts: QuickFacts } | null = null;

/** Forgets the quick answer (the page's "delete my answers"). */
export function forgetQuickCheck(): void {
  memory = null;
}

function YesNo({ question, value, onChange }: { question: string; value: boolean | null; onChange: (v: boolean | null) => void }) {
  const { t } = useTranslation('enrolment');
  return (
    <div className="enr-ask" role="group" aria-label={question}>
      <p className="enr-ask-q">{question}</p>
      {([true, false] as const).map((v) => (
        <button
          key={String(v)}
          type="button"
          className="button enr-ask-a"
          aria-pressed={value === v}
          onClick={() => onChange(value === v ? null : v)}
        >
          {t(`options.yesNo.${v ? 'yes' : 'no'}`)}
        </button>
      ))}
    </div>
  );
}

function Line({ line, language, year }: { line: QuickLine; language: Language; year: number }) {
  const { t } = useTranslation('enrolment');
  const params: Record<string, string | number> = { ...line.params };
  if (typeof params.town === 'string') params.town = pickText(townText(params.town), language);
  if (typeof params.permit === 'string') params.permit = t(`options.permit.${params.permit}`);
  return (
    <li className={`enr-qline enr-q-${line.state}`} data-line={line.id} data-state={line.state}>
      <span className="enr-status">{t(`quick.state.${line.state}`)}</span>{' '}
      <span>
        {t(`quick.line.${line.id}`, params)}
        {line.carriedFrom !== null && <span className="enr-tag"> {t('quick.carried', { year, from: line.carriedFrom })}</span>}
      </span>{' '}
      <Source reference={line.reference} />
    </li>
  );
}

export function EnrolmentQuickCheck({
  today,
  language,
  rules,
  onFullCheck,
}: {
  today: string;
  language: Language;
  /** The embedded rules, or the feed's when it publishes newer ones. */
  rules: RuleSet;
  onFullCheck: (stage: QuickStage, town: string) => void;
}) {
  const { t } = useTranslation('enrolment');
  const [stage, setStage] = useState<QuickStage | null>(() => memory?.stage ?? null);
  const [town, setTown] = useState<string | null>(() => memory?.town ?? null);
  const [fromPlace, setFromPlace] = useState(() => memory?.fromPlace ?? false);
  const [facts, setFacts] = useState<QuickFacts>(() => memory?.facts ?? NO_FACTS);
  const answerHeading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const tapped = useRef(memory !== null && memory.town !== null);

  useEffect(() => {
    memory = { stage, town, fromPlace, facts };
  }, [stage, town, fromPlace, facts]);

  useEffect(() => {
    let live = true;
    void rememberedTown().then((code) => {
      // A town the user already tapped wins over the remembered one.
      if (!live || !code || tapped.current) return;
      setFromPlace(true);
      setTown(code);
    });
    return () => {
      live = false;
    };
  }, []);

  const answer = useMemo(() => (stage && town ? quickAnswer(stage, town, today, facts, rules) : null), [stage, town, today, facts, rules]);
  // Focus the answer after a stage or town tap (not after a yes/no, not on load).
  useEffect(() => {
    if (answer && moved.current) answerHeading.current?.focus();
    moved.current = false;
  }, [answer]);

  const townName = (code: string) => pickText(townText(code), language);
  const permitName = t('options.permit.guangdong');

  return (
    <section className="enr-quick" aria-labelledby="enr-quick-title" data-testid="enrolment-quick">
      <h2 id="enr-quick-title">{t('quick.title')}</h2>
      <p className="enr-muted">{t('quick.lead')}</p>
      <p className="enr-ask-q">{t('quick.stageAsk')}</p>
      <div className="enr-quick-stages">
        {QUICK_STAGES.map((s) => (
          <button
            key={s}
            type="button"
            className="button enr-quick-stage"
            aria-pressed={stage === s}
            onClick={() => {
              moved.current = true;
              setStage(s);
            }}
          >
            {t(`options.stage.${s}`)}
          </button>
        ))}
      </div>

      {stage && !town && (
        <div className="enr-quick-towns" data-testid="enrolment-town-grid">
          <p className="enr-ask-q">{t('quick.townAsk')}</p>
          <ul className="enr-town-list">
            {TOWNS.map((tw) => (
              <li key={tw.code}>
                <button
                  type="button"
                  className="enr-town"
                  data-town={tw.code}
                  onClick={() => {
                    moved.current = true;
                    tapped.current = true;
                    setFromPlace(false);
                    setTown(tw.code);
                  }}
                >
                  {townName(tw.code)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}

      {answer && (
        <div className="enr-quick-answer" data-testid="enrolment-quick-answer">
          <h3 id="enr-quick-answer-title" ref={answerHeading} tabIndex={-1}>
            {t('quick.answerTitle', { town: townName(answer.town), stage: t(`options.stage.${answer.stage}`), year: answer.year })}
          </h3>
          <p className="enr-muted">
            {fromPlace && <>{t('quick.townRemembered', { town: townName(answer.town) })} </>}
            <button
              type="button"
              className="button enr-change-town"
              onClick={() => {
                tapped.current = true;
                setTown(null);
              }}
            >
              {t('quick.changeTown')}
            </button>
          </p>
          <p className={`enr-verdict ${answer.verdict === 'missing' ? 'enr-failed' : 'enr-unverified'}`} data-testid="enrolment-quick-lead">
            {t(`quick.verdict.${answer.verdict}`, {
              town: townName(answer.town),
              year: answer.year,
              stage: t(`options.stage.${answer.stage}`),
              permit: permitName,
            })}
          </p>
          {answer.openCount > 0 && <p className="enr-tag">{t('quick.open', { count: answer.openCount, town: townName(answer.town) })}</p>}

          <h4>{t('quick.conditions')}</h4>
          <ul className="enr-qlines" data-testid="enrolment-quick-conditions">
            {answer.lines.map((l) => (
              <Line key={l.id} line={l} language={language} year={answer.year} />
            ))}
          </ul>
          <YesNo
            question={t('quick.askPermit', { permit: permitName })}
            value={facts.permit}
            onChange={(permit) => setFacts((f) => ({ ...f, permit }))}
          />
          <YesNo
            question={t('quick.askInsurance')}
            value={facts.insurance}
            onChange={(insurance) => setFacts((f) => ({ ...f, insurance }))}
          />

          <h4>{t('quick.where')}</h4>
          <div className="enr-office" data-testid="enrolment-quick-office">
            {answer.office.name || answer.office.phone ? (
              <ul>
                <li>
                  {t('results.officeName')}
                  {t('results.sourceSep')}
                  {answer.office.name
                    ? pickText(answer.office.name, language)
                    : t('results.officeFieldUnknown', { hotline: answer.office.cityHotline })}
                </li>
                <li>
                  {t('results.officePhone')}
                  {t('results.sourceSep')}
                  {answer.office.phone ? (
                    <a href={`tel:${answer.office.phone}`}>{answer.office.phone}</a>
                  ) : (
                    t('results.officeFieldUnknown', { hotline: answer.office.cityHotline })
                  )}
                </li>
                {answer.office.address && (
                  <li>
                    {t('results.officeAddress')}
                    {t('results.sourceSep')}
                    {pickText(answer.office.address, language)}
                  </li>
                )}
                {answer.office.window && (
                  <li>
                    {t('results.officeWindow')}
                    {t('results.sourceSep')}
                    {pickText(answer.office.window, language)}
                  </li>
                )}
              </ul>
            ) : (
              <p className="enr-tag">{t('results.officeUnknown', { town: townName(answer.town), hotline: answer.office.cityHotline })}</p>
            )}
            {answer.office.source && <Source reference={answer.office.source} />}
            <p>
              <a className="button" href={`tel:${answer.office.cityHotline}`}>
                {t('results.hotline', { hotline: answer.office.cityHotline })}
              </a>
            </p>
          </div>
          {answer.window && (
            <p data-testid="enrolment-quick-window">
              {pickText(answer.window.text, language)}
              {answer.window.unverified && <span className="enr-tag"> ({t('results.usualTag')})</span>}{' '}
              <Source reference={answer.window.source} />
            </p>
          )}
          <p>
            {t(answer.registration.estimated ? 'quick.registrationEstimated' : 'quick.registrationKnown', {
              date: answer.registration.date,
            })}
          </p>
          <p className="enr-muted">{t('results.cutoffsShort')}</p>

          <details className="enr-more">
            <summary>{t('results.documents')}</summary>
            <ul>
              {answer.documents.map((d) => (
                <li key={d.id}>
                  {d.onlyIf && t(`quick.onlyIf.${d.onlyIf}`)}
                  {pickText(d.text, language)} <Source reference={d.source} />
                </li>
              ))}
            </ul>
          </details>

          <p>
            <button type="button" className="button primary" onClick={() => onFullCheck(answer.stage, answer.town)}>
              {t('quick.full')}
            </button>{' '}
            <span className="enr-muted">{t('quick.fullHint')}</span>
          </p>
        </div>
      )}
    </section>
  );
}
