/**
 * The imported points over the offline town outlines (the feed's towns.geojson as stored on the device, no tiles):
 * points inside their stated town in blue, outside in red with a ring; each point is a button that selects its row.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { drawTownOutlines, type TownOutlines } from '../../geo/town-outline-svg';
import type { MapPoints } from './map-points';

type Towns = TownOutlines;

export default function OperatorMap({ towns, points, onSelect }: { towns: unknown; points: MapPoints; onSelect: (row: number) => void }) {
  const { t } = useTranslation('operator');
  const fc = towns as Towns;
  const drawn = useMemo(() => {
    const p = drawTownOutlines(fc);
    return { ...p, d: p.paths.map((path) => path.d) };
  }, [fc]);
  const { drawn: shown, inside, outside } = points;
  return (
    <figure className="operator-map">
      <svg viewBox={`0 0 1000 ${drawn.height}`} role="group" aria-label={t('map.label', { inside, outside })}>
        {drawn.d.map((d, i) => (
          <path key={i} d={d} className="operator-map-town" />
        ))}
        {shown.map((p) => {
          const [x, y] = drawn.xy(p.lon, p.lat);
          return (
            <circle
              key={`${p.row}:${p.lon}:${p.lat}`}
              cx={x}
              cy={y}
              r={p.outside ? 14 : 7}
              className={p.outside ? 'operator-point outside' : 'operator-point'}
              role="button"
              tabIndex={p.outside ? 0 : -1}
              aria-label={`${t('map.point', { row: p.row + 2 })}: ${t(p.outside ? 'map.outside' : 'map.inside')}`}
              data-testid={p.outside ? 'point-outside' : 'point-inside'}
              onClick={() => p.row >= 0 && onSelect(p.row)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && p.row >= 0 && onSelect(p.row)}
            />
          );
        })}
      </svg>
      <figcaption>
        <span className="operator-key inside" aria-hidden="true" /> {t('map.inside')} {inside} ·{' '}
        <span className="operator-key outside" aria-hidden="true" /> {t('map.outside')} {outside}
      </figcaption>
      {outside > 0 && (
        // The same rows as buttons: a 7-pixel dot is no touch target on a phone.
        <ul className="operator-outside-list">
          {shown
            .filter((p) => p.outside && p.row >= 0)
            .sort((a, b) => a.row - b.row)
            .slice(0, 20)
            .map((p) => (
              <li key={p.row}>
                <button type="button" className="button" onClick={() => onSelect(p.row)}>
                  {t('map.point', { row: p.row + 2 })}
                </button>
              </li>
            ))}
        </ul>
      )}
    </figure>
  );
}
