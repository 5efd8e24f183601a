/** The admissions timeline as an .ics file (all-day events), built with the `ics` library; estimated dates say so in the title. */
import { createEvents, type EventAttributes } from 'ics';
import type { TimelineDates } from './enrolment-next-step.ts';

export interface TimelineEventText {
  /** Title per step id, already in the user's language. */
  title: (id: string) => string;
  estimatedMark: string;
  description: string;
}

const parts = (d: string): [number, number, number] => d.split('-').map(Number) as [number, number, number];
const dayAfter = (d: string): [number, number, number] => {
  const [y, m, day] = parts(d);
  const next = new Date(Date.UTC(y, m - 1, day + 1));
  return [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
};

export function buildTimelineIcs(year: number, dates: TimelineDates[], text: TimelineEventText): string {
  const events: EventAttributes[] = dates.map((d) => ({
    // Stable UID: importing again updates the events instead of duplicating them.
    uid: `enrolment-${year}-${d.id}@dg-nearby`,
    start: parts(d.from),
    end: dayAfter(d.to),
    title: d.estimated ? `${text.title(d.id)}${text.estimatedMark}` : text.title(d.id),
    description: text.description,
    productId: 'dg-nearby/enrolment',
    calName: 'DG Nearby',
  }));
  const { error, value } = createEvents(events);
  if (error || !value) throw error ?? new Error('could not build the calendar file');
  return value;
}
