import { useEffect, useId, useMemo, useState } from 'react';
import type { Glossary } from '../../core/lessons/types';
import { useUiStore } from '../../state/uiStore';
import { useT } from '../useT';
import { loadGlossary, searchGlossary } from './glossaryData';
import './glossary.css';

/**
 * Every glossary term, searchable, in both languages: the language on screen first, the
 * other one beside it. A plain component, so the Help dialog can embed it as well.
 */
export function GlossaryList() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const other = lang === 'tr' ? 'en' : 'tr';
  const [glossary, setGlossary] = useState<Glossary | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState('');
  const searchId = useId();
  useEffect(() => {
    let live = true;
    loadGlossary().then(
      (g) => live && setGlossary(g),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  const found = useMemo(() => {
    if (!glossary) return [];
    return searchGlossary(glossary, query)
      .slice()
      .sort((a, b) => a[lang].term.localeCompare(b[lang].term, lang));
  }, [glossary, query, lang]);

  if (failed) return <p role="alert">{t('glossary.loadFailed')}</p>;
  if (!glossary) return <p role="status">{t('glossary.loading')}</p>;
  return (
    <div className="glossary">
      <div className="glossary__search">
        <label htmlFor={searchId}>{t('glossary.search')}</label>
        <input id={searchId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
        <span className="glossary__count" role="status">
          {t('glossary.count', { n: found.length, total: glossary.terms.length })}
        </span>
      </div>
      <dl className="glossary__list" aria-label={t('glossary.title')}>
        {found.map((term) => (
          <div key={term.id} className="glossary__entry" data-term={term.id}>
            <dt>
              <span className="glossary__term">{term[lang].term}</span>{' '}
              <span className="glossary__other" lang={other}>
                {term[other].term}
              </span>
            </dt>
            <dd>
              <span>{term[lang].def}</span>
              <span className="glossary__other-def" lang={other}>
                {term[other].def}
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
