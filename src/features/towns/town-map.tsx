/**
 * A small map of the town polygons shaded by one measure (offline: the feed's own boundaries, no tiles).
 * Five equal-interval classes in viridis, which stays readable with every common colour-vision deficiency
 * and in greyscale; towns without a figure are hatched. Loaded lazily so the page paints without it.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language';
import { drawTownOutlines, type TownOutlines } from '../../geo/town-outline-svg';
import { loadTownBoundaries } from '../../data/stored-read';
import { useFeedRevision } from '../../data/use-feed-revision';
import { townName } from '../../geo/towns';
import { formatFigure, formatValue, measureLabel } from './town-format';
import type { MeasureDef } from './town-measures';
import type { TownEntry } from './town-report-document';

export const VIRIDIS_5 = ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'] as const;

type Towns = TownOutlines;

/** Equal-interval class of a value among `classes` classes between min and max. */
export function classOf(value: number, min: number, max: number, classes = VIRIDIS_5.length): number {
  if (!(max > min)) return 0;
  return Math.min(classes - 1, Math.floor(((value - min) / (max - min)) * classes));
}

export default function TownMap({ towns, measure }: { towns: readonly TownEntry[]; measure: MeasureDef }) {
  const { t } = useTranslation(['towns', 'common']);
  const lang = useLanguage();
  const revision = useFeedRevision();
  const [boundaries, setBoundaries] = useState<Towns | null>(null);
  const patternId = `towns-hatch-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  useEffect(() => {
    let current = true;
    void loadTownBoundaries().then((b) => current && setBoundaries(b as Towns | null));
    return () => {
      current = false;
    };
  }, [revision]);
  const shape = useMemo(() => (boundaries ? drawTownOutlines(boundaries) : null), [boundaries]);
  const byCode = useMemo(() => new Map(towns.map((e) => [e.code, e])), [towns]);
  const values = towns.map((e) => e.figures[measure.id]?.value).filter((v): v is number => typeof v === 'number');
  const min = Math.min(...values),
    max = Math.max(...values);
  const label = measureLabel(measure, t);
  if (!shape) return <p className="page-loading">{t('map.loading')}</p>;
  const step = (max - min) / VIRIDIS_5.length;
  return (
    <figure className="towns-map">
      <svg
        viewBox={`0 0 ${shape.width} ${shape.height}`}
        role="img"
        aria-label={t('map.label', { measure: label })}
        data-testid="towns-map"
      >
        <defs>
          <pattern id={patternId} width="12" height="12" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="12" height="12" fill="#f2f2f2" />
            <line x1="0" y1="0" x2="0" y2="12" stroke="#8c8c8c" strokeWidth="3" />
          </pattern>
        </defs>
        {shape.paths.map(({ code, d }) => {
          const v = byCode.get(code)?.figures[measure.id]?.value;
          const fill = typeof v === 'number' ? VIRIDIS_5[classOf(v, min, max)] : `url(#${patternId})`;
          return (
            <path key={code} d={d} fill={fill} stroke="#ffffff" strokeWidth="2" data-town={code}>
              <title>{`${townName(code, lang)}: ${formatFigure(measure, byCode.get(code)?.figures[measure.id], lang, t)}`}</title>
            </path>
          );
        })}
      </svg>
      <figcaption>
        <p className="towns-legend-title">{t('map.legend', { measure: label })}</p>
        <ul className="towns-legend">
          {values.length > 0 &&
            (max > min ? VIRIDIS_5 : VIRIDIS_5.slice(0, 1)).map((colour, i) => (
              <li key={colour}>
                <span className="towns-swatch" style={{ background: colour }} aria-hidden="true" />
                {max > min
                  ? `${formatValue(measure, min + i * step, lang)} – ${formatValue(measure, i === VIRIDIS_5.length - 1 ? max : min + (i + 1) * step, lang)}`
                  : formatValue(measure, min, lang)}
              </li>
            ))}
          <li>
            <svg className="towns-swatch" viewBox="0 0 12 12" aria-hidden="true">
              <rect width="12" height="12" fill={`url(#${patternId})`} />
            </svg>
            {t('map.noData')}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
