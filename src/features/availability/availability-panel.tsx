/**
 * Full live figures for a service's detail page, per category, each with its "as of" time and
 * freshness; for sports venues a 7-day slot grid as an accessible table with booking links.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language.ts';
import type { TFunction } from 'i18next';
import type { AvailabilityItem, ServiceRecord } from '../../data/feed-schema.ts';
import { SAFE_URL } from '../../data/safe-url.ts';
import { cstDayKey, formatObservedTime, staleAfterMs } from './freshness.ts';
import { ageText, durationText, NS } from './availability-text.ts';
import { useServiceAvailability } from './use-service-availability.ts';
import './availability.css';
import { useLiveFiguresUnverified } from './has-availability.ts';
import { useUnofficialHost } from '../../data/unofficial-host.ts';

type Figures = AvailabilityItem['figures'];
type Slot = Extract<Figures, { kind: 'sports_venue' }>['slots'][number];
type Localized = { zh: string; en: string; zhHant?: string };

const CST = 'Asia/Shanghai';
const LOCALE: Record<string, string> = { 'zh-Hans': 'zh-CN', en: 'en-GB', 'zh-Hant': 'zh-HK' };
const CLASSES = ['tuoban', 'xiaoban', 'zhongban', 'daban'] as const;

function pickText(text: Localized, lang: string): string {
  if (lang === 'en') return text.en;
  if (lang === 'zh-Hant') return text.zhHant ?? text.zh;
  return text.zh;
}

function FreeOfTotal({ t, free, total }: { t: TFunction; free: number; total: number }) {
  return (
    <span className={free === 0 ? 'avail-none' : undefined} data-free={free} data-total={total}>
      {t('panel.freeOfTotal', { free, total })}
    </span>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="avail-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** "今日" only when the figure is from today (CST); otherwise the label names its date. */
function dayLabel(item: AvailabilityItem, now: Date, lang: string, todayKey: string, onKey: string, t: TFunction): string {
  const observed = new Date(item.observedAt);
  if (cstDayKey(observed) === cstDayKey(now)) return t(todayKey);
  const date = new Intl.DateTimeFormat(LOCALE[lang] ?? lang, { timeZone: CST, month: 'short', day: 'numeric' }).format(observed);
  return t(onKey, { date });
}

function Figures({ item, t, lang, now }: { item: AvailabilityItem; t: TFunction; lang: string; now: Date }) {
  const f = item.figures;
  switch (f.kind) {
    case 'parking':
      return (
        <dl className="avail-figures" data-testid="parking-figures">
          <Row label={t('panel.parkingSpaces')}>
            <FreeOfTotal t={t} free={f.free} total={f.total} />
          </Row>
          {f.evFree !== undefined && (
            <Row label={t('panel.evChargers')}>
              {f.evTotal !== undefined ? <FreeOfTotal t={t} free={f.evFree} total={f.evTotal} /> : f.evFree}
            </Row>
          )}
          {f.accessibleFree !== undefined && (
            <Row label={t('panel.accessibleBays')}>
              {f.accessibleTotal !== undefined ? <FreeOfTotal t={t} free={f.accessibleFree} total={f.accessibleTotal} /> : f.accessibleFree}
            </Row>
          )}
          {f.pricePerHourYuan !== undefined && <Row label={t('panel.price')}>{t('panel.pricePerHour', { price: f.pricePerHourYuan })}</Row>}
        </dl>
      );
    case 'clinic':
      return (
        <dl className="avail-figures">
          <Row label={dayLabel(item, now, lang, 'panel.appointments', 'panel.appointmentsOn', t)}>
            <FreeOfTotal t={t} free={f.appointmentsFree} total={f.appointmentsTotal} />
          </Row>
        </dl>
      );
    case 'elderly_daycare':
      return (
        <dl className="avail-figures">
          <Row label={t('panel.places')}>
            <FreeOfTotal t={t} free={f.places.free} total={f.places.total} />
          </Row>
          {f.mealsToday && (
            <Row label={dayLabel(item, now, lang, 'panel.mealsToday', 'panel.mealsOn', t)}>
              {f.mealsToday.served ? t('panel.mealsServed') : t('panel.mealsNotServed')}
              {f.mealsToday.served && f.mealsToday.seatsFree !== undefined && (
                <> · {t('panel.mealSeats', { count: f.mealsToday.seatsFree })}</>
              )}
            </Row>
          )}
        </dl>
      );
    case 'kindergarten':
      return (
        <>
          <h3>{t('panel.classesHeading')}</h3>
          <dl className="avail-figures">
            {CLASSES.map((c) => {
              const p = f.classes[c];
              return p ? (
                <Row key={c} label={t(`panel.classes.${c}`)}>
                  <FreeOfTotal t={t} free={p.free} total={p.total} />
                </Row>
              ) : null;
            })}
          </dl>
        </>
      );
    case 'nursery':
      return (
        <>
          <h3>{t('panel.bandsHeading')}</h3>
          <dl className="avail-figures">
            {f.bands.map((b) => (
              <Row key={`${b.fromMonths}-${b.toMonths}`} label={t('panel.band', { from: b.fromMonths, to: b.toMonths })}>
                <FreeOfTotal t={t} free={b.free} total={b.total} />
              </Row>
            ))}
          </dl>
        </>
      );
    case 'sports_venue':
      return <SlotGrid item={item} t={t} lang={lang} now={now} />;
  }
}

function SlotGrid({ item, t, lang, now }: { item: AvailabilityItem; t: TFunction; lang: string; now: Date }) {
  const locale = LOCALE[lang] ?? lang;
  const dayFmt = new Intl.DateTimeFormat(locale, { timeZone: CST, weekday: 'short', month: 'numeric', day: 'numeric' });
  const timeFmt = new Intl.DateTimeFormat(locale, { timeZone: CST, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  // The next 7 CST calendar days, today first (China has no DST, so 24 h steps are exact).
  const days = Array.from({ length: 7 }, (_, i) => new Date(now.getTime() + i * 86_400_000));
  const dayKeys = days.map(cstDayKey);
  const slots = notEnded(item, now).filter((s) => dayKeys.includes(cstDayKey(new Date(s.start))));
  if (slots.length === 0) return <p>{t('panel.noSlots')}</p>;

  const groups = new Map<string, { facility?: Localized; slots: Slot[] }>();
  for (const s of slots) {
    const key = s.facility ? s.facility.zh : '';
    const g = groups.get(key) ?? { facility: s.facility, slots: [] };
    g.slots.push(s);
    groups.set(key, g);
  }
  return (
    <>
      <h3>{t('panel.slotsHeading')}</h3>
      {[...groups.entries()].map(([key, g]) => {
        const times = [...new Set(g.slots.map((s) => timeFmt.format(new Date(s.start))))].sort();
        const cell = new Map(g.slots.map((s) => [`${cstDayKey(new Date(s.start))} ${timeFmt.format(new Date(s.start))}`, s]));
        const caption = g.facility ? t('panel.slotsCaption', { facility: pickText(g.facility, lang) }) : t('panel.slotsCaptionPlain');
        return (
          <div className="avail-slots-wrap" role="region" aria-label={caption} tabIndex={0} key={key}>
            <table className="avail-slots" data-testid="slot-grid">
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('panel.time')}</th>
                  {days.map((d, i) => (
                    <th scope="col" key={dayKeys[i]}>
                      {dayFmt.format(d)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {times.map((time) => (
                  <tr key={time}>
                    <th scope="row">{time}</th>
                    {days.map((d, i) => {
                      const s = cell.get(`${dayKeys[i]} ${time}`);
                      return <SlotCell key={dayKeys[i]} slot={s} t={t} day={dayFmt.format(d)} time={time} />;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </>
  );
}

/** Slots that haven't ended, full or not (a full slot is shown, just not bookable). */
function notEnded(item: AvailabilityItem, now: Date): Slot[] {
  if (item.figures.kind !== 'sports_venue') return [];
  const t = now.getTime();
  return item.figures.slots.filter((s) => Date.parse(s.start) + s.durationMinutes * 60_000 > t);
}

function SlotCell({ slot, t, day, time }: { slot: Slot | undefined; t: TFunction; day: string; time: string }) {
  const host = useUnofficialHost();
  if (!slot) {
    return (
      <td className="avail-slot-empty">
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{t('panel.noSlot')}</span>
      </td>
    );
  }
  const url = slot.bookingUrl && SAFE_URL.test(slot.bookingUrl) ? slot.bookingUrl : undefined;
  const isTel = url?.toLowerCase().startsWith('tel:');
  // An unofficial feed's booking links say whose they are (the cell is too small for the words; the banner shows them too).
  const via = host ? ` (${t('common:trust.viaHost', { host })})` : '';
  return (
    <td className={slot.remaining === 0 ? 'avail-slot avail-none' : 'avail-slot'}>
      <span aria-hidden="true">
        {slot.remaining}/{slot.maximum}
      </span>
      <span className="visually-hidden">
        {slot.remaining === 0 ? t('panel.full') : t('panel.remainingOf', { remaining: slot.remaining, maximum: slot.maximum })}
      </span>
      {url && slot.remaining > 0 && (
        <>
          {' '}
          {isTel ? (
            <a href={url} aria-label={t('panel.callLabel', { day, time }) + via} title={via.trim() || undefined}>
              {t('panel.book')}
            </a>
          ) : (
            <a
              href={url}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={t('panel.bookLabel', { day, time }) + via}
              title={via.trim() || undefined}
            >
              {t('panel.book')}
              <span aria-hidden="true"> ↗</span>
            </a>
          )}
        </>
      )}
    </td>
  );
}

export function AvailabilityPanel({ service }: { service: ServiceRecord }) {
  const { t } = useTranslation(NS);
  const lang = useLanguage();
  const { now, online, item, freshness } = useServiceAvailability(service);
  const unverified = useLiveFiguresUnverified();

  // Commit counters on the element, so e2e can prove a 304 re-renders nothing: data-commits counts
  // every commit (the clock ticks too), data-item-commits only those with new figures from the store.
  const root = useRef<HTMLElement>(null);
  const commits = useRef(0);
  const itemCommits = useRef(0);
  useEffect(() => {
    commits.current += 1;
    root.current?.setAttribute('data-commits', String(commits.current));
  });
  useEffect(() => {
    itemCommits.current += 1;
    root.current?.setAttribute('data-item-commits', String(itemCommits.current));
  }, [item]);

  return (
    <section
      ref={root}
      className={`avail-panel avail-${freshness}`}
      aria-labelledby="avail-panel-heading"
      data-testid="availability-panel"
      data-freshness={freshness}
      data-observed-at={item?.observedAt}
      data-unverified={unverified || undefined}
    >
      {/* "Live" only over fresh figures; old ones are "last reported". */}
      <h2 id="avail-panel-heading">{freshness === 'stale' ? t('panel.headingLastKnown') : t('panel.heading')}</h2>
      {unverified && (
        <p className="avail-unverified-note" role="note" data-testid="availability-unverified">
          {t('unverified')}
        </p>
      )}
      {!item || freshness === 'missing' ? (
        <p>{t('panel.missingNote')}</p>
      ) : (
        <>
          <p className="avail-observed">
            {t('panel.observed', { time: formatObservedTime(item.observedAt, lang, now), age: ageText(t, item.observedAt, now) })}
          </p>
          {freshness === 'stale' && (
            <p className="avail-stale-note" role="note">
              {t('panel.staleNote', { limit: durationText(t, staleAfterMs(service.category)) })}
            </p>
          )}
          {service.source?.kind === 'sample' && (
            <p className="avail-sample-note" data-testid="availability-sample-note">
              {t('panel.sampleNote')}
            </p>
          )}
          {!online && <p className="avail-offline-note">{t('panel.offlineNote', { age: ageText(t, item.observedAt, now) })}</p>}
          <Figures item={item} t={t} lang={lang} now={now} />
        </>
      )}
    </section>
  );
}
