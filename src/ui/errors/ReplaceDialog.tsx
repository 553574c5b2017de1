/**
 * The question confirmReplace asks (state/replaceGuard.ts): keep my work, or replace it —
 * with "Download my work first" when the work is not safely saved.
 */
import { useEffect, useRef } from 'react';
import { serializeDocument } from '../../core/export/document';
import type { TKey } from '../../i18n';
import { useDocumentStore } from '../../state/documentStore';
import { answerReplace, useReplaceStore, type ReplaceQuestion } from '../../state/replaceGuard';
import { useT } from '../useT';

export function ReplaceDialog() {
  const pending = useReplaceStore((s) => s.pending);
  if (!pending) return null;
  return <Question key={`${pending.scene}:${pending.source}:${pending.risk}`} question={pending} />;
}

function Question({ question }: { question: ReplaceQuestion }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const answered = useRef(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const { scene, source, risk } = question;
  const sceneName = t(`scenes.${scene}.title` as TKey);
  const what = t(`robust.replace.what.${source}` as TKey);
  const linkOverSaved = risk === 'saved' && source === 'link';
  const answer = (ok: boolean) => {
    answered.current = true;
    ref.current?.close();
    answerReplace(ok);
  };
  const download = () => {
    const topology = useDocumentStore.getState().topologies[scene];
    const url = URL.createObjectURL(
      new Blob([serializeDocument(scene, topology)], { type: 'application/json' }),
    );
    const a = document.createElement('a');
    a.href = url;
    a.download = `prodviz-${scene}.json`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="replace-title"
      aria-describedby="replace-body"
      onClose={() => {
        if (!answered.current) answerReplace(false);
      }}
    >
      <h2 id="replace-title" className="dialog__title">
        {linkOverSaved ? t('editor.link.title') : t('robust.replace.title')}
      </h2>
      <p id="replace-body" className="dialog__body">
        {linkOverSaved
          ? t('editor.link.body', { scene: sceneName })
          : risk === 'saved'
            ? t('robust.replace.saved', { scene: sceneName, what })
            : t('robust.replace.body', {
                scene: sceneName,
                what,
                why: t(`robust.replace.why.${risk}` as TKey),
              })}
      </p>
      <div className="dialog__buttons">
        {risk !== 'saved' && (
          <button type="button" className="btn" onClick={download}>
            {t('robust.replace.download')}
          </button>
        )}
        <button type="button" className="btn" onClick={() => answer(false)}>
          {linkOverSaved ? t('editor.link.keep') : t('robust.replace.keep')}
        </button>
        <button type="button" className="btn btn--primary" onClick={() => answer(true)}>
          {linkOverSaved ? t('editor.link.replace') : t('robust.replace.replace')}
        </button>
      </div>
    </dialog>
  );
}
