import { describe, expect, it } from 'vitest';
import type { FeedManifest, ServiceRecord } from '../../../data/feed-schema';
import { EDU_KG_SOURCE as edu } from '../../../../tests/unit/owner-sources.ts';
import { CITY_HOTLINE_HREF, opensWebPage, recordOwner, reportProblemHref, updatedDay } from './record-owner';

const record = (source: Partial<ServiceRecord['source']>): ServiceRecord => ({
  id: 'edu-kg:0001',
  category: 'kindergarten',
  town: '441900121',
  lat: 22.8,
  lon: 113.67,
  name: { zh: '虎门幼儿园', en: 'Humen Kindergarten' },
  source: { kind: 'spreadsheet', reference: 'k1', updated: '2026-12-01T08:00:00Z', ...source },
  pinyin: { full: 'hu men', initials: 'hm' },
});
type Source = FeedManifest['sources'][number];
const osm: Source = { id: 'osm', name: { zh: 'OpenStreetMap', en: 'OpenStreetMap' }, licence: 'ODbL', attribution: '© OSM' };

describe('recordOwner', () => {
  it('names the manifest source whose id is the record source id, with its contact', () => {
    expect(recordOwner(record({ id: 'edu-kg' }), { sources: [osm, edu] })).toEqual({
      name: edu.owner,
      contact: 'mailto:kg@edu.example.cn',
    });
  });
  it('uses the source name when the source has no owner, and no contact when none is given', () => {
    expect(recordOwner(record({ id: 'osm' }), { sources: [edu, osm] })).toEqual({ name: osm.name, contact: null });
  });
  it('a record without source.id belongs to the records source of a one-list feed (listed first, before the geography sources)', () => {
    const list = { ...osm, id: undefined };
    const boundaries = { name: { zh: '镇街边界', en: 'Town boundaries' }, licence: 'none', attribution: 'DataV' };
    expect(recordOwner(record({}), { sources: [list, boundaries] }).name).toEqual(osm.name);
  });
  it('a record without source.id in a many-owner feed names nobody', () => {
    expect(recordOwner(record({}), { sources: [edu, osm] })).toEqual({ name: null, contact: null });
  });
  it('a source id the manifest does not list names nobody', () => {
    expect(recordOwner(record({ id: 'health' }), { sources: [edu, osm] })).toEqual({ name: null, contact: null });
  });
  it('sample records never borrow an owner (they stay labelled sample data)', () => {
    expect(recordOwner(record({ kind: 'sample', id: 'edu-kg' }), { sources: [edu] })).toEqual({ name: null, contact: null });
  });
  it('drops a contact that is not tel:, mailto: or https: (defence in depth, the schema already refuses it)', () => {
    const bad = { ...edu, contact: 'javascript:alert(1)' };
    expect(recordOwner(record({ id: 'edu-kg' }), { sources: [bad] }).contact).toBeNull();
  });
  it('works before the manifest is loaded', () => {
    expect(recordOwner(record({ id: 'edu-kg' }), undefined)).toEqual({ name: null, contact: null });
  });
});

describe('reportProblemHref', () => {
  const draft = { subject: '信息有误：虎门幼儿园（edu-kg:0001）', body: '名称：虎门 & 幼儿园\n编号：edu-kg:0001\n' };
  it('fills the record name and id into an encoded mailto: subject and body', () => {
    const href = reportProblemHref('mailto:kg@edu.example.cn', draft);
    expect(href.startsWith('mailto:kg@edu.example.cn?subject=')).toBe(true);
    const params = new URLSearchParams(href.split('?')[1]);
    expect(params.get('subject')).toBe(draft.subject);
    expect(params.get('body')).toBe('名称：虎门 & 幼儿园\r\n编号：edu-kg:0001\r\n');
    // Nothing in the draft can break out of its header: &, =, ?, # and line breaks are all encoded.
    expect(href).not.toMatch(/[\s#]/);
    expect(href.split('&')).toHaveLength(2);
  });
  it('keeps the owner own headers but replaces their subject and body', () => {
    const href = reportProblemHref('mailto:kg@edu.example.cn?x-desk=kg&subject=old', draft);
    const params = new URLSearchParams(href.split('?')[1]);
    expect(params.get('x-desk')).toBe('kg');
    expect(params.getAll('subject')).toEqual([draft.subject]);
  });
  it('a tel: or https: contact is used as given', () => {
    expect(reportProblemHref('tel:0769-12345678', draft)).toBe('tel:0769-12345678');
    expect(reportProblemHref('https://edu.example.cn/feedback', draft)).toBe('https://edu.example.cn/feedback');
  });
  it('no contact, or an unusable one, calls the city hotline 12345', () => {
    expect(reportProblemHref(null, draft)).toBe(CITY_HOTLINE_HREF);
    expect(CITY_HOTLINE_HREF).toBe('tel:12345');
    expect(reportProblemHref('http://edu.example.cn/', draft)).toBe('tel:12345');
    expect(reportProblemHref('javascript:alert(1)', draft)).toBe('tel:12345');
  });
  it('only a web page opens in a new tab', () => {
    expect(opensWebPage('https://edu.example.cn/feedback')).toBe(true);
    expect(opensWebPage('tel:12345')).toBe(false);
    expect(opensWebPage('mailto:a@b.cn')).toBe(false);
  });
});

describe('updatedDay', () => {
  it('is the day in Dongguan, not in UTC', () => {
    expect(updatedDay('2026-12-01T08:00:00Z')).toBe('2026-12-01');
    expect(updatedDay('2026-11-30T17:00:00Z')).toBe('2026-12-01');
  });
});
