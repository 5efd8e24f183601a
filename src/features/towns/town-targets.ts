/**
 * The city's 2025 targets from 东府办〔2020〕46号, with their citation. The figures are as quoted in
 * issue 17; the official page we could read (URL below) showed only the opening section, so each figure
 * is marked unverified until someone checks it against the full text.
 */
export const PLAN_2020_46 = {
  document: '东府办〔2020〕46号',
  titleZh: '东莞市人民政府办公室关于印发《关于优化配置公共服务资源的实施意见》的通知',
  issuer: '东莞市人民政府办公室',
  issued: '2020-07-22',
  url: 'http://www.dg.gov.cn/zwgk/zfgb/szfbgswj/content/post_3216168.html',
  /** The date the URL above was last read for this project. */
  lastChecked: '2026-11-30',
  /** The stored copy of the official page shows only the opening section, not the figures. */
  figuresVerified: false,
  targetYear: 2025,
} as const;

/** Targets a town's figure can be compared with, keyed by measure id (see town-measures.ts). */
export const TOWN_TARGETS = {
  'clinic.bedsPer1000': 4.8,
  'clinic.doctorsPer1000': 2.8,
  'sports_venue.groundM2PerPerson': 3.2,
} as const satisfies Record<string, number>;

/** City-wide only: children in kindergartens by 2025 (compared with the city's total kindergarten places). */
export const CITY_KINDERGARTEN_CHILDREN_TARGET = 431_000;

/** Census used for every per-resident figure. */
export const CENSUS = { year: 2020, name: '第七次全国人口普查 (7th national census), 2020-11-01' } as const;

/** The walking-distance approximation of the "10-minute circle". */
export const COVERAGE_RADIUS_METRES = 800;
/** Grid resolution of the coverage figure. */
export const COVERAGE_CELL_METRES = 50;
