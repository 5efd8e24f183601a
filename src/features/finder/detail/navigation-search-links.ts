/**
 * Navigation links for a record with only an approximate point (location: "approximate"): each app
 * searches by name and address instead of routing to the town's representative point.
 * Same shape as navigationLinks(), so the detail page can swap one for the other.
 * AMap's search URI (uri.amap.com/search?keyword=) and Baidu's place search (baidumap://map/place/search)
 * follow their URI-API guides; Apple Maps `q` is in Apple's map-links reference; `geo:0,0?q=` is the
 * Android form. Like the coordinate links, they are to be checked on a device.
 */
import type { NavigationLinks } from './navigation-links';

export interface SearchTarget {
  name: string;
  address?: string;
}

export function navigationSearchLinks({ name, address }: SearchTarget): NavigationLinks {
  const text = encodeURIComponent(address ? `${name} ${address}` : name);
  return {
    amap: `https://uri.amap.com/search?keyword=${text}&city=${encodeURIComponent('东莞')}&callnative=1`,
    baidu: `baidumap://map/place/search?query=${text}&region=${encodeURIComponent('东莞')}`,
    apple: `https://maps.apple.com/?q=${text}`,
    geo: `geo:0,0?q=${text}`,
  };
}
