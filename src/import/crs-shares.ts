/** The `--crs auto` shares as the report keeps and prints them (no imports: the report and the survey both use it). */

export const CRS_LABEL: Record<string, string> = { wgs84: 'WGS-84', gcj02: 'GCJ-02', bd09: 'BD-09' };

export interface CrsAutoJson {
  /** Points counted: records with coordinates and a stated town. */
  counted: number;
  /** Coordinate system → percent of the counted points inside their stated town (one decimal), best first. */
  shares: Record<string, number>;
  /** Most points had latitude and longitude the wrong way round. */
  swapped: boolean;
  chosen?: string;
}

/** "GCJ-02：97 % 在所填镇街内；WGS-84：61 %；BD-09：8 %" (zh) or "GCJ-02: 97 % inside the stated town; WGS-84: 61 %; BD-09: 8 %" (en). */
export function formatCrsShares(json: CrsAutoJson, lang: 'zh' | 'en'): string {
  return Object.entries(json.shares)
    .map(([crs, percent], i) => {
      const label = `${CRS_LABEL[crs] ?? crs}${lang === 'zh' ? '：' : ': '}${Math.round(percent)} %`;
      return i === 0 ? `${label}${lang === 'zh' ? ' 在所填镇街内' : ' inside the stated town'}` : label;
    })
    .join(lang === 'zh' ? '；' : '; ');
}

/** Both languages on one line, for the CLIs. */
export const crsAutoLine = (json: CrsAutoJson) => `${formatCrsShares(json, 'zh')} (${formatCrsShares(json, 'en')})`;
