import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useDocumentStore } from '../../state/documentStore';
import { useUiStore } from '../../state/uiStore';
import { useT } from '../useT';
import { exportImage, exportJson, importFile } from './files';
import { useEditorStore } from './editorStore';
import './editor.css';

type Format = 'json' | 'png' | 'svg';
const FORMATS: Format[] = ['json', 'png', 'svg'];

function ExportMenu() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  const wrap = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    items.current[0]?.focus();
    const onDown = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const choose = (f: Format) => {
    close();
    if (f === 'json') exportJson();
    else void exportImage(f);
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const i = items.current.findIndex((el) => el === document.activeElement);
    const move = (n: number) => {
      e.preventDefault();
      items.current[(n + FORMATS.length) % FORMATS.length]?.focus();
    };
    if (e.key === 'ArrowDown') move(i + 1);
    else if (e.key === 'ArrowUp') move(i - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(FORMATS.length - 1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Tab') setOpen(false);
  };

  return (
    <div className="menu-wrap" ref={wrap}>
      <button
        ref={button}
        type="button"
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="export-menu"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {t('editor.io.export')} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          id="export-menu"
          role="menu"
          aria-label={t('editor.io.exportMenu')}
          className="menu"
          onKeyDown={onMenuKey}
        >
          {FORMATS.map((f, i) => (
            <button
              key={f}
              ref={(el) => {
                items.current[i] = el;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="menu__item"
              onClick={() => choose(f)}
            >
              {t(`editor.io.${f}`)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

function ShareDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const [url, setUrl] = useState('');
  const [tooLong, setTooLong] = useState(false);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    const { scene, lang } = useUiStore.getState();
    const topology = useDocumentStore.getState().topologies[scene];
    let live = true;
    void import('./shareLink').then(({ shareUrl }) => {
      if (!live) return;
      const made = shareUrl(scene, topology, lang);
      if (made === null) setTooLong(true);
      else setUrl(made);
    });
    return () => {
      live = false;
    };
  }, []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      useEditorStore.getState().announce(t('editor.io.copied'));
    } catch {
      useEditorStore.getState().fail(t('editor.errors.clipboard'));
    }
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="share-title" onClose={onClose}>
      <h2 id="share-title" className="dialog__title">
        {t('editor.io.shareTitle')}
      </h2>
      <p className="dialog__body">{t('editor.io.shareHint')}</p>
      {tooLong && (
        <p role="alert" className="dialog__body">
          {t('robust.errors.share-too-long')}
        </p>
      )}
      <label className="dialog__field">
        <span>{t('editor.io.shareUrl')}</span>
        <input readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div className="dialog__buttons">
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => void copy()}
          disabled={!url}
        >
          {copied ? t('editor.io.copied') : t('editor.io.copy')}
        </button>
        <button type="button" className="btn" onClick={() => ref.current?.close()}>
          {t('editor.io.close')}
        </button>
      </div>
    </dialog>
  );
}

/** Export (JSON, PNG, SVG), Import (a visually hidden file input behind a button) and Share link. */
export default function DocumentMenuBody() {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [sharing, setSharing] = useState(false);
  return (
    <div className="doc-menu">
      <ExportMenu />
      <button type="button" className="btn" onClick={() => input.current?.click()}>
        {t('editor.io.import')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('editor.io.importFile')}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void importFile(file);
        }}
      />
      <button type="button" className="btn" aria-haspopup="dialog" onClick={() => setSharing(true)}>
        {t('editor.io.share')}
      </button>
      {sharing && <ShareDialog onClose={() => setSharing(false)} />}
    </div>
  );
}
