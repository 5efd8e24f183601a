/**
 * Turn-by-turn deep links for a WGS-84 point (each app's published URL scheme).
 * AMap takes lon,lat; Baidu and Apple take lat,lng. Every link says the datum is WGS-84 where the
 * target supports it, so the stored coordinates are passed through unconverted.
 */
export interface NavTarget {
  lat: number;
  lon: number;
  name: string;
}

export interface NavigationLinks {
  amap: string;
  baidu: string;
  apple: string;
  geo: string;
}

/** 6 decimals ≈ 0.1 m: enough, and keeps links short and stable. */
const fmt = (n: number) => String(Math.round(n * 1e6) / 1e6);

export function navigationLinks({ lat, lon, name }: NavTarget): NavigationLinks {
  const la = fmt(lat),
    lo = fmt(lon);
  const n = encodeURIComponent(name);
  return {
    amap: `https://uri.amap.com/navigation?to=${lo},${la},${n}&coordinate=wgs84&callnative=1`,
    baidu: `baidumap://map/direction?destination=latlng:${la},${lo}|name:${n}&coord_type=wgs84`,
    apple: `https://maps.apple.com/?daddr=${la},${lo}`,
    geo: `geo:${la},${lo}`,
  };
}
