/** The start-up bases that have a place: district, address and a map search link. */
import { isTownCode, townName } from '../../geo/towns.ts';
import { pickText } from '../../i18n/languages.ts';
import type { Programme } from '../../data/programme-schema.ts';
import { amapSearchUrl } from './map-search-links.ts';
import { EXTERNAL, useYouthT } from './use-youth-text.ts';

export function YouthPlaces({ programmes }: { programmes: readonly Programme[] }) {
  const { t, lang } = useYouthT();
  const places = programmes.filter((p) => p.place);
  return (
    <section aria-labelledby="youth-places-heading">
      <h2 id="youth-places-heading">{t('places.heading')}</h2>
      <p className="youth-muted">{t('places.intro')}</p>
      <ul className="youth-places">
        {places.map((p) => {
          const place = p.place!;
          const placeName = pickText(place.name, lang);
          const district = place.town && isTownCode(place.town) ? townName(place.town, lang) : undefined;
          return (
            <li key={p.id} className="youth-place">
              <h3>{placeName}</h3>
              {district && <p>{t('places.district', { name: district })}</p>}
              <p className="youth-muted">{place.address ? pickText(place.address, lang) : t('places.noAddress')}</p>
              {place.searchKeyword && (
                <a
                  className="youth-button"
                  href={amapSearchUrl(place.searchKeyword)}
                  aria-label={t('places.amapSearchLabel', { name: placeName })}
                  {...EXTERNAL}
                >
                  {t('places.amapSearch')}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
