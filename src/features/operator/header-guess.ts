/**
 * Column header → mapping field, from the headers town offices actually write (and English ones). Whole-header
 * matches after normalising (NFKC, spaces, brackets); a header that matches nothing stays unmapped.
 */
export const OPERATOR_FIELDS = [
  'name.zh',
  'name.en',
  'address.zh',
  'phone',
  'town',
  'lon',
  'lat',
  'capacity',
  'hours',
  'category',
  'url',
  'id',
  'description',
] as const;
export type OperatorField = (typeof OPERATOR_FIELDS)[number];

const HEADERS: Record<OperatorField, string[]> = {
  'name.zh': [
    '名称',
    '机构名称',
    '幼儿园名称',
    '单位名称',
    '学校名称',
    '场馆名称',
    '停车场名称',
    '医院名称',
    '机构',
    '中文名称',
    'name',
    'name:zh',
  ],
  'name.en': ['英文名称', '英文名', 'english name', 'name:en', 'name_en'],
  'address.zh': ['地址', '详细地址', '办公地址', '机构地址', '单位地址', 'address', 'addr:full', 'street address'],
  phone: ['电话', '联系电话', '咨询电话', '办公电话', '电话号码', '联系方式', 'phone', 'telephone', 'tel', 'contact phone'],
  town: ['镇街', '所属镇街', '镇(街道)', '镇街道', '所在镇街', '镇', '街道', 'town', 'township', 'subdistrict'],
  lon: ['经度', 'x坐标', 'x', 'lng', 'lon', 'long', 'longitude', '百度经度', '高德经度', 'gcj经度'],
  lat: ['纬度', 'y坐标', 'y', 'lat', 'latitude', '百度纬度', '高德纬度', 'gcj纬度'],
  capacity: ['学位数', '床位数', '车位数', '托位数', '容量', '座位数', 'capacity', 'places', 'spaces', 'beds'],
  hours: ['开放时间', '办公时间', '营业时间', '服务时间', 'opening_hours', 'opening hours', 'hours'],
  category: ['类别', '类型', '机构类型', '服务类型', 'category', 'type', 'amenity'],
  url: ['网址', '网站', '预约链接', 'url', 'website', 'link'],
  id: ['编号', '序号', '机构代码', '统一社会信用代码', 'id', 'code', 'reference'],
  description: ['简介', '备注', '说明', '办园性质', '等级', 'description', 'notes'],
};

export const normaliseHeader = (h: string) =>
  h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s（）()【】[\]:：*]/g, (c) => (c === ':' ? ':' : ''))
    .trim();

const BY_HEADER = new Map<string, OperatorField>();
for (const [field, names] of Object.entries(HEADERS) as [OperatorField, string[]][])
  for (const n of names) BY_HEADER.set(normaliseHeader(n), field);

/** Each column's guessed field (or null); a field goes to the first column that claims it. */
export function guessFields(header: readonly string[]): (OperatorField | null)[] {
  const taken = new Set<OperatorField>();
  return header.map((h) => {
    const f = BY_HEADER.get(normaliseHeader(h)) ?? null;
    if (!f || taken.has(f)) return null;
    taken.add(f);
    return f;
  });
}

/** A header names a Baidu (BD-09) or AMap (GCJ-02) coordinate: a hint shown beside the measured shares. */
export function crsHint(header: readonly string[]): 'bd09' | 'gcj02' | null {
  if (header.some((h) => /百度|baidu|bd09/i.test(h))) return 'bd09';
  if (header.some((h) => /高德|gcj|amap/i.test(h))) return 'gcj02';
  return null;
}
