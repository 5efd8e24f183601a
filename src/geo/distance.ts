/** Great-circle distance on a spherical Earth (same radius as geokdbush so list and index agree). */
const EARTH_RADIUS_M = 6_371_000;
const RAD = Math.PI / 180;

/** Haversine distance in metres between two WGS-84 points. */
export function distanceMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
