/**
 * One tap to the programmes: "I'm from Hong Kong" / "I'm from Macau". Only the region is known, so every
 * age, education or graduation rule shows on its card as "depends on", never assumed (programme-matcher).
 * A kind chip narrows the list in one more tap. The choice is kept on this device only.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { INTERESTS, type Interest } from '../../data/programme-schema.ts';
import type { Programme } from '../../data/programme-schema.ts';
import { matchProgrammes } from './programme-matcher.ts';
import { ProgrammeCard } from './programme-card.tsx';
import { useYouthT } from './use-youth-text.ts';

const REGIONS = ['hk', 'macau'] as const;
type Region = (typeof REGIONS)[number];
interface QuickChoice {
  region: Region;
  kind: Interest | null;
}

export const QUICK_STORAGE_KEY = 'dg-nearby:youth-quick';

/** Read back defensively: anything unexpected means no choice yet. */
export function readQuickChoice(raw: string | null | undefined): QuickChoice | null {
  try {
    const v = JSON.parse(raw ?? 'null') as { region?: unknown; kind?: unknown } | null;
    if (!v || !(REGIONS as readonly unknown[]).includes(v.region)) return null;
    const kind = (INTERESTS as readonly unknown[]).includes(v.kind) ? (v.kind as Interest) : null;
    return { region: v.region as Region, kind };
  } catch {
    return null;
  }
}

const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);

export function YouthQuickEntry({ asOf, programmes }: { asOf: string; programmes: readonly Programme[] }) {
  const { t } = useYouthT();
  const [choice, setChoice] = useState<QuickChoice | null>(() => {
    try {
      return readQuickChoice(storage()?.getItem(QUICK_STORAGE_KEY));
    } catch {
      return null;
    }
  });
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    try {
      if (choice) storage()?.setItem(QUICK_STORAGE_KEY, JSON.stringify(choice));
      else storage()?.removeItem(QUICK_STORAGE_KEY);
    } catch {
      /* storage refused: the choice still works for this visit */
    }
    // Focus the results after a tap (not on load), so a screen reader hears what changed.
    if (moved.current) heading.current?.focus({ preventScroll: true });
  }, [choice]);

  const matches = useMemo(() => {
    if (!choice) return [];
    const interests = choice.kind ? [choice.kind] : [...INTERESTS];
    const { matches } = matchProgrammes(programmes, { asOf, identity: choice.region, interests });
    // Programmes of the kind asked for first; general services (permits, registrations) after them.
    const service = (kind: string) => (kind === 'service' ? 1 : 0);
    return matches.sort((a, b) => service(a.programme.kind) - service(b.programme.kind));
  }, [asOf, choice, programmes]);

  const pick = (next: QuickChoice | null) => {
    moved.current = true;
    setChoice(next);
  };

  return (
    <section className="youth-quick" aria-labelledby="youth-quick-ask">
      <p id="youth-quick-ask" className="youth-quick-ask">
        {t('quick.ask')}
      </p>
      <div className="youth-quick-regions">
        {REGIONS.map((region) => (
          <button
            key={region}
            type="button"
            className="youth-button youth-quick-region"
            aria-pressed={choice?.region === region}
            onClick={() => pick({ region, kind: choice?.region === region ? choice.kind : null })}
          >
            {t(`quick.from.${region}`)}
          </button>
        ))}
      </div>

      {choice && (
        <div className="youth-quick-results" data-testid="youth-quick-results">
          <h2 id="youth-quick-heading" tabIndex={-1} ref={heading}>
            {t(`quick.heading.${choice.region}`)} <span className="youth-muted">{t('quick.count', { count: matches.length })}</span>
          </h2>
          <div className="youth-chips" role="group" aria-label={t('quick.kinds')}>
            {[null, ...INTERESTS].map((kind) => (
              <button
                key={kind ?? 'all'}
                type="button"
                className="youth-chip"
                aria-pressed={choice.kind === kind}
                onClick={() => pick({ ...choice, kind })}
              >
                {kind ? t(`interest.${kind}`) : t('quick.all')}
              </button>
            ))}
          </div>
          <p className="youth-muted">{t('quick.note')}</p>
          {matches.length === 0 && <p>{t('quick.none')}</p>}
          <div className="youth-list">
            {matches.map((r) => (
              <ProgrammeCard key={r.programme.id} result={r} mode="quick" asOf={asOf} />
            ))}
          </div>
          <p className="button-row">
            <a className="youth-button" href="#youth-form-heading">
              {t('quick.full')}
            </a>
            <button type="button" className="youth-button" onClick={() => pick(null)}>
              {t('quick.close')}
            </button>
          </p>
        </div>
      )}
    </section>
  );
}
