import glossary from '../../content/glossary.json';
import type { TKey } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { Dialog } from '../classroom/Dialog';
import { PacketKeyItems } from '../canvas/packets/PacketLegend';
import { paletteFor } from '../canvas/packets/palette';
import { useT } from '../useT';
import { useHelpStore } from './helpStore';
import '../classroom/classroom.css';
import './help.css';

/** The keys, grouped the way a teacher meets them. Each row: keys (as printed) and what they do. */
const KEYS: { title: TKey; rows: [string[], TKey][] }[] = [
  {
    title: 'help.sections.transport',
    rows: [
      [['Space'], 'help.keys.play'],
      [['.'], 'help.keys.step'],
      [['?'], 'help.keys.help'],
    ],
  },
  {
    title: 'help.sections.presenter',
    rows: [
      [['F5', 'Shift+F5'], 'help.keys.present'],
      [['→', 'Space', 'PageDown', 'Enter'], 'help.keys.next'],
      [['←', 'PageUp', 'Backspace'], 'help.keys.prev'],
      [['Home', 'End'], 'help.keys.firstLast'],
      [['F'], 'help.keys.fullscreen'],
      [['B', '.'], 'help.keys.blank'],
      [['K'], 'help.keys.laser'],
      [['N'], 'help.keys.notes'],
      [['Esc'], 'help.keys.exit'],
      [['PageDown', 'PageUp'], 'help.keys.lessonCard'],
    ],
  },
  {
    title: 'help.sections.editor',
    rows: [
      [['Ctrl/⌘+Z'], 'help.keys.undo'],
      [['Ctrl/⌘+Shift+Z', 'Ctrl/⌘+Y'], 'help.keys.redo'],
      [['Ctrl/⌘+D'], 'help.keys.duplicate'],
      [['Ctrl/⌘+A'], 'help.keys.selectAll'],
      [['Delete', 'Backspace'], 'help.keys.delete'],
      [['Tab', '← ↑ → ↓'], 'help.keys.move'],
    ],
  },
];

/** Glossary terms that explain the numbers on screen, in the order they appear. */
const NUMBER_TERMS = ['throughput', 'p95', 'queue', 'backlog'];

/** Help: the keys, what the packets' shapes and colours mean, what the numbers mean. */
export default function HelpDialog() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const theme = useUiStore((s) => s.theme);
  const pal = paletteFor(theme);
  const terms = NUMBER_TERMS.flatMap((id) => glossary.terms.filter((g) => g.id === id));
  return (
    <Dialog title={t('help.title')} closeLabel={t('help.close')} className="help-dialog" onClose={() => useHelpStore.getState().setOpen(false)}>
      <div className="help-grid">
        <section aria-labelledby="help-keys">
          <h3 id="help-keys">{t('help.sections.keys')}</h3>
          {KEYS.map((group) => (
            <div key={group.title}>
              <h4>{t(group.title)}</h4>
              <dl className="help-keys">
                {group.rows.map(([keys, what]) => (
                  <div key={what} className="help-keys__row">
                    <dt>
                      {keys.map((k, i) => (
                        <span key={k}>
                          {i > 0 && ' '}
                          <kbd>{k}</kbd>
                        </span>
                      ))}
                    </dt>
                    <dd>{t(what)}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ))}
        </section>
        <div>
          <section aria-labelledby="help-packets">
            <h3 id="help-packets">{t('help.sections.packets')}</h3>
            <ul className="help-packets">
              <PacketKeyItems pal={pal} t={t} />
            </ul>
            <p className="help-note">{t('help.packetsNote')}</p>
          </section>
          <section aria-labelledby="help-numbers">
            <h3 id="help-numbers">{t('help.sections.numbers')}</h3>
            <dl className="help-terms">
              {terms.map((g) => (
                <div key={g.id}>
                  <dt>{g[lang].term}</dt>
                  <dd>{g[lang].def}</dd>
                </div>
              ))}
              <div>
                <dt>
                  <span className="help-badge" aria-hidden="true">
                    3
                  </span>{' '}
                  {t('help.badge.term')}
                </dt>
                <dd>{t('help.badge.def')}</dd>
              </div>
              <div>
                <dt>{t('help.speed.term')}</dt>
                <dd>{t('help.speed.def')}</dd>
              </div>
            </dl>
          </section>
        </div>
      </div>
    </Dialog>
  );
}
