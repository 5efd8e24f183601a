/** Manifest sources of a many-owner feed for the owner tests: the education bureau with an e-mail contact, and the
 * car-park company with none (records name them by source.id). */
import type { FeedManifest } from '../../src/data/feed-schema.ts';

type Source = FeedManifest['sources'][number];

export const EDU_KG_SOURCE: Source = {
  id: 'edu-kg',
  name: { zh: '幼儿园名单', en: 'Kindergarten list' },
  owner: { zh: '东莞市教育局', en: 'Dongguan Education Bureau' },
  contact: 'mailto:kg@edu.example.cn',
  licence: 'CC0',
  attribution: '',
};

export const PARKS_SOURCE: Source = { id: 'parks', name: { zh: '停车场公司', en: 'Car park company' }, licence: 'CC0', attribution: '' };
