import { describe, expect, it } from 'vitest';
import { buildDeadlineIcs, icsFileName } from './deadline-ics.ts';

describe('buildDeadlineIcs', () => {
  const ics = buildDeadlineIcs({
    programmeId: 'hk-gbayes-2023',
    closes: '2024-12-31',
    title: '截止日期：大灣區青年就業計劃',
    description: 'Last day to apply',
    url: 'https://www1.jobs.gov.hk/0/en/information/gbayes/faq/',
  });
  const unfolded = ics.replace(/\r\n[ \t]/g, '');

  it('is an all-day event on the closing date, ending the next day', () => {
    expect(unfolded).toContain('BEGIN:VCALENDAR');
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20241231');
    expect(unfolded).toContain('DTEND;VALUE=DATE:20250101');
  });
  it('carries the title, a stable UID and the official link', () => {
    expect(unfolded).toContain('SUMMARY:截止日期：大灣區青年就業計劃');
    expect(unfolded).toContain('UID:hk-gbayes-2023-2024-12-31@dg-nearby');
    expect(unfolded).toContain('URL:https://www1.jobs.gov.hk/0/en/information/gbayes/faq/');
  });
  it('names the file after the programme and date', () => {
    expect(icsFileName('hk-gbayes-2023', '2024-12-31')).toBe('hk-gbayes-2023-2024-12-31.ics');
  });
});
