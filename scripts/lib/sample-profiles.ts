/**
 * Per-category rules of the sample generator: kinds of place, names, realistic hours, capacities,
 * fees, features and the live availability figures. All randomness comes from the Rng passed in.
 */
import type { AvailabilityItem, ServiceRecord } from '../../src/data/feed-schema.ts';
import type { Category } from '../../src/data/categories.ts';
import type { Rng } from './prng.ts';

type Hours = NonNullable<ServiceRecord['hours']>;
type Figures = AvailabilityItem['figures'];

export interface SampleKind {
  /** Name part after "<town>示例", e.g. 幼儿园 / "Kindergarten". */
  zh: string;
  en: string;
}

/** What a profile adds to a record (everything but id, names, town, coordinates, source, pinyin). */
export interface SampleDetails {
  kind: SampleKind;
  url?: string;
  hours: Hours;
  capacity?: number;
  ageMonths?: [number, number];
  fee?: 'free' | 'low' | 'paid';
  features?: ('ev' | 'accessible' | 'meals' | 'school_ground')[];
}

export const ID_ABBR: Record<Category, string> = {
  kindergarten: 'kg',
  clinic: 'cl',
  nursery: 'ns',
  elderly_daycare: 'el',
  sports_venue: 'sp',
  parking: 'pk',
};

const days = (weekdays: string, sat: string, sun: string): string[] => [weekdays, weekdays, weekdays, weekdays, weekdays, sat, sun];
const daily = (spans: string): string[] => days(spans, spans, spans);
const ALL_DAY = '00:00-24:00';

/** Feature flags in a fixed order so output bytes do not depend on the order they were decided in. */
const FEATURE_ORDER = ['ev', 'accessible', 'meals', 'school_ground'] as const;
const features = (flags: Partial<Record<(typeof FEATURE_ORDER)[number], boolean>>) => {
  const list = FEATURE_ORDER.filter((f) => flags[f]);
  return list.length ? list : undefined;
};

/** `index` is the 0-based position of the place within its town and category. */
export function sampleDetails(category: Category, index: number, rng: Rng): SampleDetails {
  switch (category) {
    case 'kindergarten': {
      const withTuoban = rng.chance(0.3);
      const classes = rng.int(6, 18);
      return {
        kind: { zh: '幼儿园', en: 'Kindergarten' },
        hours: { weekly: days('07:30-17:30', '', ''), publicHolidays: 'closed' },
        capacity: classes * 30,
        ageMonths: [withTuoban ? 24 : 36, 72],
        fee: rng.chance(0.45) ? 'low' : 'paid', // public / inclusive-private vs private
        features: features({ meals: true, accessible: rng.chance(0.3) }),
      };
    }
    case 'clinic': {
      // The first place of each town is its community health centre; the rest are stations.
      if (index === 0 || (index < 3 && rng.chance(0.15))) {
        const allDay = rng.chance(0.35);
        return {
          kind: { zh: '社区卫生服务中心', en: 'Community Health Centre' },
          url: 'tel:12345',
          hours: allDay
            ? { weekly: daily(ALL_DAY), publicHolidays: 'open' }
            : { weekly: days('08:00-12:00,14:00-21:00', '08:00-12:00,14:00-17:30', '08:00-12:00,14:00-17:30'), publicHolidays: 'weekend' },
          fee: 'paid',
          features: features({ accessible: true }),
        };
      }
      return {
        kind: { zh: '社区卫生服务站', en: 'Community Health Station' },
        url: 'tel:12345',
        hours: { weekly: days('08:00-12:00,14:30-17:30', '08:00-12:00', ''), publicHolidays: 'closed' },
        fee: 'low',
        features: features({ accessible: rng.chance(0.5) }),
      };
    }
    case 'nursery':
      return {
        kind: { zh: '托育中心', en: 'Nursery' },
        hours: { weekly: days('07:30-18:00', rng.chance(0.4) ? '08:00-12:00' : '', ''), publicHolidays: 'closed' },
        capacity: rng.int(2, 8) * 15,
        ageMonths: [rng.pick([6, 12, 18]), 36],
        fee: rng.chance(0.3) ? 'low' : 'paid', // some are inclusive (普惠) places
        features: features({ meals: true, accessible: rng.chance(0.3) }),
      };
    case 'elderly_daycare': {
      if (index === 0 || rng.chance(0.5)) {
        return {
          kind: { zh: '长者饭堂', en: 'Elder Canteen' },
          hours: { weekly: days('11:00-13:00,17:00-18:30', '11:00-13:00', '11:00-13:00'), publicHolidays: 'weekend' },
          capacity: rng.int(4, 12) * 10,
          ageMonths: [720, 1500],
          fee: 'low',
          features: features({ meals: true, accessible: true }),
        };
      }
      return {
        kind: { zh: '长者日间照料中心', en: 'Elderly Day-care Centre' },
        hours: { weekly: days('08:30-17:30', '', ''), publicHolidays: 'closed' },
        capacity: rng.int(2, 6) * 10,
        ageMonths: [720, 1500],
        fee: rng.chance(0.5) ? 'free' : 'low',
        features: features({ meals: true, accessible: true }),
      };
    }
    case 'sports_venue': {
      if (rng.chance(0.55)) {
        // School grounds open to residents outside school hours.
        return {
          kind: { zh: '学校运动场', en: 'School Sports Ground' },
          hours: { weekly: days('18:30-21:30', '07:00-11:00,15:00-21:00', '07:00-11:00,15:00-21:00'), publicHolidays: 'weekend' },
          capacity: rng.int(4, 12) * 25,
          fee: 'free',
          features: features({ school_ground: true }),
        };
      }
      return {
        kind: { zh: '体育馆', en: 'Sports Centre' },
        hours: { weekly: daily(rng.chance(0.5) ? '06:30-22:00' : '08:00-22:00'), publicHolidays: 'open' },
        capacity: rng.int(4, 30) * 10,
        fee: rng.chance(0.6) ? 'low' : 'paid',
        features: features({ accessible: rng.chance(0.6) }),
      };
    }
    case 'parking': {
      const r = rng.next();
      const weekly = r < 0.4 ? daily(ALL_DAY) : r < 0.65 ? daily('07:00-01:00') : daily('07:00-23:00');
      return {
        kind: { zh: '停车场', en: 'Car Park' },
        hours: { weekly, publicHolidays: 'open' },
        capacity: rng.int(3, 80) * 10,
        fee: rng.chance(0.1) ? 'free' : 'paid',
        features: features({ ev: rng.chance(0.45), accessible: rng.chance(0.6) }),
      };
    }
  }
}

/**
 * Sample facility figures for the town report card (issue 17), of a plausible order: community health
 * centres 20–80 beds and 20–70 doctors, stations no beds and 2–6 doctors; school grounds 3,000–15,000 m²,
 * sports centres 2,000–20,000 m²; canteens 150–400 m², day-care centres 300–1,000 m². Some venues and
 * day-care centres leave the figure out, so "reported by k of n" shows. Sample values, not real ones.
 */
export function sampleFacilityFigures(
  category: Category,
  kind: SampleKind,
  rng: Rng,
): Pick<ServiceRecord, 'beds' | 'doctors' | 'groundAreaM2' | 'floorAreaM2'> {
  switch (category) {
    case 'clinic':
      return kind.en === 'Community Health Centre'
        ? { beds: rng.int(2, 8) * 10, doctors: rng.int(20, 70) }
        : { beds: 0, doctors: rng.int(2, 6) };
    case 'sports_venue': {
      const area = kind.en === 'School Sports Ground' ? rng.int(30, 150) * 100 : rng.int(20, 200) * 100;
      return rng.chance(0.9) ? { groundAreaM2: area } : {};
    }
    case 'elderly_daycare': {
      const area = kind.en === 'Elder Canteen' ? rng.int(15, 40) * 10 : rng.int(30, 100) * 10;
      return rng.chance(0.85) ? { floorAreaM2: area } : {};
    }
    default:
      return {};
  }
}

const freeOf = (total: number, rng: Rng, busy = 0.3) => (rng.chance(busy) ? 0 : rng.int(0, Math.max(0, Math.round(total * 0.2))));

/** Local (UTC+8) wall-clock parts of an instant. */
const local = (ms: number) => {
  const d = new Date(ms + 8 * 3600_000);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth(), d: d.getUTCDate(), dow: (d.getUTCDay() + 6) % 7 };
};
const pad = (n: number) => String(n).padStart(2, '0');

/** Sports slots for the next 7 days: the last two hours each day the venue is open (peak time). */
function sportsSlots(rec: ServiceRecord, asOfMs: number, rng: Rng): Extract<Figures, { kind: 'sports_venue' }>['slots'] {
  const slots: Extract<Figures, { kind: 'sports_venue' }>['slots'] = [];
  const maximum = rec.features?.includes('school_ground') ? 40 : 12;
  for (let day = 0; day < 7; day++) {
    const l = local(asOfMs + day * 86400_000);
    const spans = rec.hours?.weekly[l.dow] ?? '';
    const last = spans.split(',').pop();
    if (!last) continue;
    const endHour = Number(last.slice(6, 8));
    for (const h of [endHour - 2, endHour - 1]) {
      if (h < Number(last.slice(0, 2))) continue;
      slots.push({
        start: `${l.y}-${pad(l.m + 1)}-${pad(l.d)}T${pad(h)}:00:00+08:00`,
        durationMinutes: 60,
        remaining: rng.chance(0.25) ? 0 : rng.int(1, maximum),
        maximum,
      });
    }
  }
  return slots;
}

/** Live figures for one sample record (every category has live data). */
export function sampleFigures(rec: ServiceRecord, asOfMs: number, rng: Rng): Figures {
  const cap = rec.capacity ?? 0;
  switch (rec.category) {
    case 'kindergarten': {
      const perClass = Math.round(cap / (rec.ageMonths?.[0] === 24 ? 4 : 3));
      const c = () => ({ free: freeOf(perClass, rng, 0.5), total: perClass });
      return {
        kind: 'kindergarten',
        classes:
          rec.ageMonths?.[0] === 24
            ? { tuoban: c(), xiaoban: c(), zhongban: c(), daban: c() }
            : { xiaoban: c(), zhongban: c(), daban: c() },
      };
    }
    case 'nursery': {
      const from = rec.ageMonths?.[0] ?? 6;
      const half = Math.round(cap / 2);
      return {
        kind: 'nursery',
        bands: [
          { fromMonths: from, toMonths: 24, free: freeOf(half, rng), total: half },
          { fromMonths: 24, toMonths: 36, free: freeOf(cap - half, rng), total: cap - half },
        ],
      };
    }
    case 'elderly_daycare':
      return {
        kind: 'elderly_daycare',
        places: { free: freeOf(cap, rng), total: cap },
        ...(rec.name.en.includes('Canteen') ? { mealsToday: { served: true, seatsFree: rng.int(0, Math.round(cap / 3)) } } : {}),
      };
    case 'sports_venue':
      return { kind: 'sports_venue', slots: sportsSlots(rec, asOfMs, rng) };
    case 'parking': {
      const ev = rec.features?.includes('ev') ? Math.max(2, Math.round(cap * 0.08)) : 0;
      const acc = rec.features?.includes('accessible') ? Math.max(1, Math.round(cap * 0.02)) : 0;
      return {
        kind: 'parking',
        free: freeOf(cap, rng, 0.15) + (rng.chance(0.4) ? rng.int(0, Math.round(cap * 0.5)) : 0),
        total: cap,
        ...(ev ? { evFree: rng.int(0, ev), evTotal: ev } : {}),
        ...(acc ? { accessibleFree: rng.int(0, acc), accessibleTotal: acc } : {}),
        ...(rec.fee === 'paid' ? { pricePerHourYuan: rng.pick([3, 4, 5, 6, 8, 10]) } : {}),
      };
    }
    case 'clinic': {
      const total = rec.name.en.includes('Centre') ? rng.int(8, 20) * 10 : rng.int(3, 8) * 10;
      return { kind: 'clinic', appointmentsFree: freeOf(total, rng, 0.2), appointmentsTotal: total };
    }
  }
}
