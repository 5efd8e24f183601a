/** The map's base-layer choice (offline town map, OpenStreetMap, Tianditu with its key, Amap); the settings live in the map page. */
import { useTranslation } from 'react-i18next';
import { TILE_PROVIDERS, type TileProvider } from './display-datum';
import type { MapTileSettings } from './map-settings';
import { isPlausibleTiandituKey } from './tile-providers';

interface TileLayerPanelProps {
  settings: MapTileSettings;
  /** The key as typed, saved on blur or Enter. */
  keyDraft: string;
  onKeyDraft: (key: string) => void;
  onCommitKey: () => void;
  onChooseProvider: (provider: TileProvider) => void;
}

export function TileLayerPanel({ settings, keyDraft, onKeyDraft, onCommitKey, onChooseProvider }: TileLayerPanelProps) {
  const { t } = useTranslation('map');
  const keyInvalid = settings.provider === 'tianditu' && keyDraft.trim() !== '' && !isPlausibleTiandituKey(keyDraft);
  const keyMissing = settings.provider === 'tianditu' && !isPlausibleTiandituKey(settings.tiandituKey);
  return (
    <details className="map-layers">
      <summary>{t('layers.title')}</summary>
      <fieldset>
        <legend>{t('layers.legend')}</legend>
        {TILE_PROVIDERS.map((p) => (
          <label key={p} className="map-radio">
            <input type="radio" name="map-tiles" value={p} checked={settings.provider === p} onChange={() => onChooseProvider(p)} />
            {t(`layers.${p}`)}
          </label>
        ))}
      </fieldset>
      <p className="map-muted">{t('layers.privacy')}</p>
      {settings.provider === 'osm' && <p className="map-muted">{t('layers.slow')}</p>}
      {settings.provider === 'tianditu' && (
        <div className="map-key">
          <label htmlFor="map-tianditu-key">{t('layers.key')}</label>
          <input
            id="map-tianditu-key"
            type="text"
            inputMode="text"
            autoComplete="off"
            spellCheck={false}
            value={keyDraft}
            aria-describedby="map-key-help"
            aria-invalid={keyInvalid}
            onChange={(e) => onKeyDraft(e.target.value)}
            onBlur={onCommitKey}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onCommitKey();
            }}
          />
          <p id="map-key-help" className="map-muted">
            {t('layers.keyHelp')}
          </p>
          {keyInvalid && <p className="map-error">{t('layers.keyInvalid')}</p>}
          {keyMissing && !keyInvalid && <p className="map-error">{t('layers.keyMissing')}</p>}
        </div>
      )}
    </details>
  );
}
