/** Builds the .ics text for a programme's closing date (an all-day event), with the `ics` library. */
import { createEvent } from 'ics';

export interface DeadlineEvent {
  programmeId: string;
  /** YYYY-MM-DD */
  closes: string;
  title: string;
  description: string;
  url?: string;
}

const parts = (isoDate: string): [number, number, number] => isoDate.split('-').map(Number) as [number, number, number];

export function buildDeadlineIcs(event: DeadlineEvent): string {
  const [y, m, d] = parts(event.closes);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  const { error, value } = createEvent({
    productId: 'dg-nearby/youth',
    // Stable UID: re-adding the same deadline updates the event instead of duplicating it.
    uid: `${event.programmeId}-${event.closes}@dg-nearby`,
    start: [y, m, d],
    end: [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()],
    title: event.title,
    description: event.description,
    url: event.url,
    calName: 'DG Nearby',
  });
  if (error || !value) throw error ?? new Error('could not build the calendar file');
  return value;
}

export const icsFileName = (programmeId: string, closes: string): string => `${programmeId}-${closes}.ics`;
