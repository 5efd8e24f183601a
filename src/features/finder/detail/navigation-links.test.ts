import { describe, expect, it } from 'vitest';
import { navigationLinks } from './navigation-links';

describe('navigationLinks', () => {
  const links = navigationLinks({ lat: 22.815, lon: 113.672, name: '虎门镇示例诊所 & <b>' });

  it('AMap puts lon before lat and asks for WGS-84', () => {
    const u = new URL(links.amap);
    expect(u.origin + u.pathname).toBe('https://uri.amap.com/navigation');
    expect(u.searchParams.get('to')).toBe('113.672,22.815,虎门镇示例诊所 & <b>');
    expect(u.searchParams.get('coordinate')).toBe('wgs84');
    expect(u.searchParams.get('callnative')).toBe('1');
  });

  it('Baidu puts lat before lng, encodes the name and says wgs84', () => {
    expect(links.baidu.startsWith('baidumap://map/direction?destination=latlng:22.815,113.672|name:')).toBe(true);
    expect(links.baidu).toContain(encodeURIComponent('虎门镇示例诊所 & <b>'));
    expect(links.baidu).not.toContain('&<');
    expect(links.baidu.endsWith('&coord_type=wgs84')).toBe(true);
  });

  it('Apple Maps and geo: use lat,lng', () => {
    expect(links.apple).toBe('https://maps.apple.com/?daddr=22.815,113.672');
    expect(links.geo).toBe('geo:22.815,113.672');
  });

  it('a name cannot inject extra query parameters', () => {
    const l = navigationLinks({ lat: 1, lon: 2, name: 'x&coordinate=gaode#' });
    const u = new URL(l.amap);
    expect(u.searchParams.getAll('coordinate')).toEqual(['wgs84']);
    expect(u.hash).toBe('');
  });

  it('rounds to 6 decimals', () => {
    expect(navigationLinks({ lat: 22.12345678, lon: 113.98765432, name: 'a' }).geo).toBe('geo:22.123457,113.987654');
  });
});
