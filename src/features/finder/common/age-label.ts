/** A child's age as the filters show it: whole years as years ("3 岁"), otherwise months ("30 个月"). */
type Translate = (key: string, options?: Record<string, unknown>) => string;

export function ageLabel(months: number, t: Translate): string {
  return months % 12 === 0 ? t('finder:filters.ageYears', { count: months / 12 }) : t('finder:filters.ageMonths', { count: months });
}
