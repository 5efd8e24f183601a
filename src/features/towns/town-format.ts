/** Display and CSV text of the report's figures: rounding, "no data" words, share of target. */
import type { TFunction } from 'i18next';
import type { Figure, MeasureDef } from './town-measures';
import type { TownReportDocument } from './town-report-document';

const LOCALE = { 'zh-Hans': 'zh-CN', en: 'en', 'zh-Hant': 'zh-HK' } as const;
export const numberLocale = (lang: string): string => LOCALE[lang as keyof typeof LOCALE] ?? 'zh-CN';

/** Decimals shown for a measure: counts whole, shares as a percent with one decimal, small rates with two. */
export function decimalsOf(def: MeasureDef): number {
  if (def.kind === 'count') return 0;
  if (def.kind === 'coverage') return 1;
  return def.per === 1 ? 2 : 1;
}

export function formatValue(def: MeasureDef, value: number, lang: string): string {
  const d = decimalsOf(def);
  if (def.kind === 'coverage')
    return new Intl.NumberFormat(numberLocale(lang), { style: 'percent', minimumFractionDigits: d, maximumFractionDigits: d }).format(
      value,
    );
  return new Intl.NumberFormat(numberLocale(lang), { minimumFractionDigits: d, maximumFractionDigits: d }).format(value);
}

/** The figure as shown in a table cell: the number, or why there is none (never 0 for "no data"). */
export function formatFigure(def: MeasureDef, figure: Figure | undefined, lang: string, t: TFunction): string {
  if (!figure || figure.value === null) return t(`towns:missing.${figure?.missing ?? 'no-data'}`);
  return formatValue(def, figure.value, lang);
}

/** "82.5% of the 2025 target (4.8)", or null when there is no target or no figure. */
export function formatVsTarget(def: MeasureDef, figure: Figure | undefined, lang: string, t: TFunction): string | null {
  if (!figure || figure.value === null || figure.target === undefined) return null;
  const percent = new Intl.NumberFormat(numberLocale(lang), { style: 'percent', maximumFractionDigits: 0 }).format(
    figure.value / figure.target,
  );
  return t('towns:vsTarget', { percent, target: formatValue(def, figure.target, lang) });
}

/** "reported by 371 of 400" when only some services gave the field. */
export function formatReported(figure: Figure | undefined, t: TFunction): string | null {
  if (!figure || figure.reported === undefined || figure.of === undefined || figure.reported === figure.of || figure.reported === 0)
    return null;
  return t('towns:reported', { reported: figure.reported, of: figure.of });
}

export const measureLabel = (def: MeasureDef, t: TFunction): string => {
  const suffix = def.id.slice(def.category.length + 1);
  return suffix === 'capacityPer1000' ? t(`towns:measure.capacityPer1000.${def.category}`) : t(`towns:measure.${suffix}`);
};

/* ---------- CSV ---------- */

const csvCell = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * The table for town staff: one row per town and one for the city, one column per measure (coverage in %).
 * UTF-8 with a byte-order mark and CRLF line ends, which is what Excel needs to open Chinese text correctly.
 * A missing figure is written as its reason ("no data"), never as 0.
 */
export function townReportCsv(doc: TownReportDocument, measures: readonly MeasureDef[], lang: string, t: TFunction): string {
  const name = (e: { zh: string; en: string }) => (lang === 'en' ? e.en : e.zh);
  const header = [
    t('towns:csv.code'),
    t('towns:csv.town'),
    t('towns:csv.population'),
    ...measures.map((m) => `${t(`common:category.${m.category}`)}: ${measureLabel(m, t)}${m.kind === 'coverage' ? ' (%)' : ''}`),
    t('towns:csv.feed'),
    t('towns:csv.sample'),
  ];
  const cell = (m: MeasureDef, f: Figure | undefined): string => {
    if (!f || f.value === null) return t(`towns:missing.${f?.missing ?? 'no-data'}`);
    const v = m.kind === 'coverage' ? f.value * 100 : f.value;
    return String(Number(v.toFixed(m.kind === 'count' ? 0 : 3)));
  };
  const rows = [...doc.towns, doc.city].map((e) => [
    e.code,
    name(e),
    e.population2020 === null ? t('towns:missing.no-census') : String(e.population2020),
    ...measures.map((m) => cell(m, e.figures[m.id])),
    doc.feed.version,
    doc.feed.sample ? t('towns:csv.yes') : t('towns:csv.no'),
  ]);
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
