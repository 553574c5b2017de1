import { useT } from './useT';
import { isLang } from '../i18n';
import { useUiStore } from '../state/uiStore';
import { ClassroomButtons } from './classroom/ClassroomButtons';

export function TopBarControls() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const setLang = useUiStore((s) => s.setLang);
  const theme = useUiStore((s) => s.theme);
  const setTheme = useUiStore((s) => s.setTheme);
  return (
    <div className="topbar__controls">
      <ClassroomButtons />
      <label className="field">
        <span className="visually-hidden">{t('app.language')}</span>
        <select
          aria-label={t('app.language')}
          value={lang}
          onChange={(e) => {
            if (isLang(e.target.value)) setLang(e.target.value);
          }}
        >
          <option value="tr" lang="tr">
            Türkçe
          </option>
          <option value="en" lang="en">
            English
          </option>
        </select>
      </label>
      <button
        type="button"
        className="btn btn--icon"
        aria-pressed={theme === 'dark'}
        title={t('app.darkTheme')}
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
      >
        <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span>
        <span className="btn__label">{t('app.darkTheme')}</span>
      </button>
    </div>
  );
}
