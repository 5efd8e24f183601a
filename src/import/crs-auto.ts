/**
 * `--crs auto` and the operator page's coordinate-system guess: for the records that state their town (a town
 * column, or a town named in the address), convert the point as WGS-84, GCJ-02 and BD-09 and count how many land
 * inside the stated town. The system with the clearly largest share wins; otherwise the owner has to say.
 */
import { INPUT_CRS, looksSwapped, toWgs84, type InputCrs } from './crs.ts';
import type { Candidate } from './record.ts';
import { formatCrsShares, CRS_LABEL, type CrsAutoJson } from './crs-shares.ts';
import type { TownAt } from './town-lookup.ts';
import { townFromName, townInAddress } from './towns.ts';

/** A system must place at least this share of the points inside their stated town … */
export const CRS_AUTO_MIN_SHARE = 0.8;
/** … and beat the next one by at least this much. */
export const CRS_AUTO_MIN_LEAD = 0.05;

export interface CrsShare {
  crs: InputCrs;
  /** Points inside their stated town when read in this system. */
  inside: number;
  /** inside / the points counted (0–1). */
  share: number;
}

export interface CrsAuto {
  /** Records with a number pair and a stated town: the points counted. */
  counted: number;
  /** Best first. */
  shares: CrsShare[];
  /** Most counted points look like latitude and longitude the wrong way round (lat ≈ 113, lon ≈ 23). */
  swapped: boolean;
  /** The system to use, when one is clear. */
  chosen?: InputCrs;
  /** Why none was chosen (one line, English), when none was. */
  refusal?: string;
}

function finite(x: unknown): number | undefined {
  const n = typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' ? Number(x.trim()) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** Collects candidates one by one (a streamed file is read once for this), then decides. */
export class CrsSurvey {
  private counted = 0;
  private swappedPoints = 0;
  private readonly inside: Record<InputCrs, number> = { wgs84: 0, gcj02: 0, bd09: 0 };

  constructor(private readonly townAt: TownAt) {}

  add(c: Candidate): void {
    let lon = finite(c.lon);
    let lat = finite(c.lat);
    if (lon === undefined || lat === undefined) return;
    const stated =
      (c.town?.trim() ? townFromName(c.town) : undefined) ??
      (c.address?.zh ? townInAddress(c.address.zh) : undefined) ??
      (c.address?.en ? townInAddress(c.address.en) : undefined);
    if (!stated) return;
    this.counted++;
    if (looksSwapped(lon, lat)) {
      this.swappedPoints++;
      [lon, lat] = [lat, lon];
    }
    for (const crs of INPUT_CRS) {
      const [x, y] = toWgs84(lon, lat, crs);
      if (this.townAt(x, y) === stated.code) this.inside[crs]++;
    }
  }

  result(): CrsAuto {
    const n = this.counted;
    const shares = INPUT_CRS.map((crs) => ({ crs, inside: this.inside[crs], share: n ? this.inside[crs] / n : 0 })).sort(
      (a, b) => b.share - a.share || INPUT_CRS.indexOf(a.crs) - INPUT_CRS.indexOf(b.crs),
    );
    const swapped = n > 0 && this.swappedPoints * 2 > n;
    const [best, next] = [shares[0]!, shares[1]!];
    const ask = 'say which coordinate system the list uses with --crs wgs84|gcj02|bd09';
    let refusal: string | undefined;
    if (swapped)
      refusal = `latitude and longitude look swapped (${this.swappedPoints} of ${n} points have the latitude near 113 and the longitude near 23): swap the lat and lon columns in the mapping, or ${ask}`;
    else if (!n) refusal = `no record states both a point and a town, so the coordinate system cannot be told: ${ask}`;
    else if (best.share < CRS_AUTO_MIN_SHARE)
      refusal = `no coordinate system puts ${Math.round(CRS_AUTO_MIN_SHARE * 100)} % of the points inside their stated town (${formatCrsShares(this.json(shares), 'en')}): ${ask}`;
    else if (best.share - next.share < CRS_AUTO_MIN_LEAD)
      refusal = `${CRS_LABEL[best.crs]} and ${CRS_LABEL[next.crs]} are within ${Math.round(CRS_AUTO_MIN_LEAD * 100)} points of each other (${formatCrsShares(this.json(shares), 'en')}): ${ask}`;
    return { counted: n, shares, swapped, ...(refusal ? { refusal } : { chosen: best.crs }) };
  }

  private json(shares: CrsShare[]): CrsAutoJson {
    return crsAutoJson({ counted: this.counted, shares, swapped: false });
  }
}

/** The shares as the report JSON keeps them: percent with one decimal, best first. */
export function crsAutoJson(auto: CrsAuto): CrsAutoJson {
  return {
    counted: auto.counted,
    shares: Object.fromEntries(auto.shares.map((s) => [s.crs, Math.round(s.share * 1000) / 10])),
    swapped: auto.swapped,
    ...(auto.chosen ? { chosen: auto.chosen } : {}),
  };
}
