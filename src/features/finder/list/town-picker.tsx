/** The 36 towns as buttons, with a filter box (name, pinyin, initials); opened from "where am I". */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TOWNS, type Town } from '../../../geo/towns';
import { pickText, type Language } from '../../../i18n/languages';
import { normalizeQuery } from '../common/normalize-query';

function townMatches(t: Town, q: string): boolean {
  if (!q) return true;
  const compact = q.replace(/ /g, '');
  return (
    t.zh.includes(q) ||
    t.zhHant.includes(q) ||
    t.en.toLowerCase().includes(q) ||
    t.pinyin.replace(/ /g, '').startsWith(compact) ||
    t.initials.startsWith(compact)
  );
}

export default function TownPicker({
  id,
  lang,
  onChoose,
  onClose,
}: {
  id: string;
  lang: Language;
  onChoose: (town: Town) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('finder');
  const [filter, setFilter] = useState('');
  const inputId = useId();
  const listRef = useRef<HTMLUListElement>(null);

  // Focus goes to the first town, not the search box: on a phone the keyboard would cover the towns.
  useEffect(() => {
    listRef.current?.querySelector('button')?.focus();
  }, []);

  const towns = useMemo(() => {
    const q = normalizeQuery(filter);
    return TOWNS.filter((tw) => tw.label && townMatches(tw, q));
  }, [filter]);

  return (
    <div className="finder-town-picker" id={id} data-testid="town-picker">
      <p className="finder-town-ask">{t('townPicker.choose')}</p>
      {towns.length === 0 ? (
        <p>{t('townPicker.none')}</p>
      ) : (
        <ul className="finder-town-list" ref={listRef}>
          {towns.map((tw) => (
            <li key={tw.code}>
              <button
                type="button"
                className="finder-town"
                onClick={() => onChoose(tw)}
                data-town={tw.code}
                lang={lang === 'en' ? 'en' : lang}
              >
                {pickText(tw, lang)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={inputId}>{t('townPicker.label')}</label>
      <input
        id={inputId}
        type="search"
        value={filter}
        placeholder={t('townPicker.placeholder')}
        onChange={(e) => setFilter(e.target.value)}
        autoComplete="off"
      />
      <button type="button" className="finder-btn" onClick={onClose}>
        {t('townPicker.close')}
      </button>
    </div>
  );
}
