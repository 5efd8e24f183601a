/**
 * Map-app search links for places without coordinates. Only the AMap web search URI is used: its form
 * (https://uri.amap.com/search?keyword=&city=&src=) is documented in AMap's URI API guide
 * (https://lbs.amap.com/api/uri-api/guide/search/search). No Baidu search form is documented in our
 * research, so none is built.
 */
export function amapSearchUrl(keyword: string, city = '东莞'): string {
  const q = new URLSearchParams({ keyword, city, src: 'dg-nearby' });
  return `https://uri.amap.com/search?${q.toString()}`;
}
