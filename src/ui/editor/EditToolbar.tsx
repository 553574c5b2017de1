import { useEffect, useId, useState, type FormEvent } from 'react';
import { labelProblem } from '../../core/export/document';
import { renameProblemText } from './errorText';
import { checkTopology } from '../../core/topology/rules';
import { SCENES } from '../../core/topology/scenes';
import { useDocumentStore } from '../../state/documentStore';
import { useUiStore } from '../../state/uiStore';
import { nodeName } from '../canvas/flowModel';
import { useT } from '../useT';
import {
  autoLayout,
  clearDiagram,
  deleteSelection,
  duplicateSelection,
  fitView,
  onEditorKey,
  redo,
  resetScene,
  undo,
} from './actions';
import { useEditorStore } from './editorStore';
import './editor.css';

function RenameForm({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useT();
  const scene = useUiStore((s) => s.scene);
  const node = useDocumentStore((s) => s.topologies[scene].nodes.find((n) => n.id === id));
  const [value, setValue] = useState(node?.label ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  if (!node) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = value.trim();
    const p = text ? labelProblem(text) : null;
    if (p) {
      setProblem(renameProblemText(p, t));
      return;
    }
    useDocumentStore.getState().rename(scene, id, text);
    useEditorStore
      .getState()
      .announce(
        t('editor.status.renamed', { name: text || nodeName({ ...node, label: undefined }, t) }),
      );
    onDone();
  };
  return (
    <form className="rename" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <label htmlFor={inputId} className="rename__label">
        {t('editor.rename.label', { name: nodeName(node, t) })}
      </label>
      <input
        id={inputId}
        className="rename__input"
        value={value}
        maxLength={200}
        placeholder={nodeName({ ...node, label: undefined }, t)}
        aria-describedby={`${inputId}-hint`}
        aria-invalid={problem !== null}
        autoFocus
        onChange={(e) => {
          setValue(e.target.value);
          setProblem(null);
        }}
      />
      <p id={`${inputId}-hint`} className="rename__hint">
        {t('editor.rename.hint')}
      </p>
      {problem && (
        <p role="alert" className="rename__error">
          {problem}
        </p>
      )}
      <div className="rename__buttons">
        <button type="submit" className="btn btn--primary">
          {t('editor.rename.save')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('editor.rename.cancel')}
        </button>
      </div>
    </form>
  );
}

interface ToolProps {
  icon: string;
  label: string;
  onClick: () => void;
  disabled?: boolean;
  pressed?: boolean;
  keys?: string;
}

/** A compact toolbar button: an icon, its name in a tooltip on hover and focus (and to screen readers). */
function Tool({ icon, label, onClick, disabled, pressed, keys }: ToolProps) {
  return (
    <button
      type="button"
      className="tool tool--icon"
      data-tip={label}
      aria-label={label}
      onClick={onClick}
      disabled={disabled}
      {...(pressed === undefined ? {} : { 'aria-pressed': pressed })}
      {...(keys ? { 'aria-keyshortcuts': keys } : {})}
    >
      <span aria-hidden="true">{icon}</span>
    </button>
  );
}

/** Undo, redo, delete, duplicate, rename, auto-layout, fit view, snap, reset; problems count. */
export function EditToolbar() {
  const t = useT();
  const scene = useUiStore((s) => s.scene);
  const canUndo = useDocumentStore((s) => s.history[scene].past.length > 0);
  const canRedo = useDocumentStore((s) => s.history[scene].future.length > 0);
  const topology = useDocumentStore((s) => s.topologies[scene]);
  const selectedCount = useEditorStore((s) => s.selectedNodes.length + s.selectedEdges.length);
  const single = useEditorStore((s) =>
    s.selectedNodes.length === 1 ? (s.selectedNodes[0] ?? null) : null,
  );
  const hasNodes = useEditorStore((s) => s.selectedNodes.length > 0);
  const snap = useEditorStore((s) => s.snap);
  const setSnap = useEditorStore((s) => s.setSnap);
  const renaming = useEditorStore((s) => s.renaming);
  const setRenaming = useEditorStore((s) => s.setRenaming);
  const [confirmClear, setConfirmClear] = useState(false);
  const problems = checkTopology(topology, { productionLike: SCENES[scene].productionLike }).filter(
    (f) => f.severity !== 'info',
  ).length;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      onEditorKey(e);
      const target = e.target as HTMLElement | null;
      if (
        e.key === 'F2' &&
        !e.defaultPrevented &&
        target?.tagName !== 'INPUT' &&
        target?.tagName !== 'TEXTAREA'
      ) {
        const id = useEditorStore.getState().selectedNodes;
        if (id.length === 1 && id[0]) {
          e.preventDefault();
          setRenaming(id[0]);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setRenaming]);

  // A rename for a node that went away (undo, delete) closes by itself.
  const renameTarget = renaming && topology.nodes.some((n) => n.id === renaming) ? renaming : null;

  return (
    <div className="edit-toolbar" role="toolbar" aria-label={t('editor.toolbar.label')}>
      <div className="edit-toolbar__grid">
        <Tool icon="↶" label={t('editor.toolbar.undo')} onClick={undo} disabled={!canUndo} keys="Control+Z Meta+Z" />
        <Tool
          icon="↷"
          label={t('editor.toolbar.redo')}
          onClick={redo}
          disabled={!canRedo}
          keys="Control+Shift+Z Meta+Shift+Z Control+Y"
        />
        <Tool
          icon="✕"
          label={t('editor.toolbar.delete')}
          onClick={deleteSelection}
          disabled={selectedCount === 0}
          keys="Delete Backspace"
        />
        <Tool
          icon="❐"
          label={t('editor.toolbar.duplicate')}
          onClick={duplicateSelection}
          disabled={!hasNodes}
          keys="Control+D Meta+D"
        />
        <Tool
          icon="✎"
          label={t('editor.toolbar.rename')}
          onClick={() => single && setRenaming(single)}
          disabled={!single}
          keys="F2"
        />
        <Tool icon="⇶" label={t('editor.toolbar.autoLayout')} onClick={() => void autoLayout()} />
        <Tool icon="⤢" label={t('editor.toolbar.fitView')} onClick={fitView} />
        <Tool icon="#" label={t('editor.toolbar.snap')} pressed={snap} onClick={() => setSnap(!snap)} />
        <Tool
          icon="⌫"
          label={t('editor.toolbar.clear')}
          onClick={() => setConfirmClear(true)}
          disabled={topology.nodes.length === 0}
        />
        <Tool icon="⟲" label={t('editor.toolbar.reset')} onClick={resetScene} />
      </div>
      {confirmClear && (
        <div className="confirm" role="group" aria-labelledby="confirm-clear-text">
          <p id="confirm-clear-text" className="confirm__text">
            {t('editor.toolbar.clearConfirm', { count: topology.nodes.length })}
          </p>
          <div className="rename__buttons">
            <button
              type="button"
              className="btn btn--primary"
              autoFocus
              onClick={() => {
                setConfirmClear(false);
                clearDiagram();
              }}
            >
              {t('editor.toolbar.clearYes')}
            </button>
            <button type="button" className="btn" onClick={() => setConfirmClear(false)}>
              {t('editor.rename.cancel')}
            </button>
          </div>
        </div>
      )}
      {renameTarget && (
        <RenameForm
          key={renameTarget}
          id={renameTarget}
          onDone={() => {
            setRenaming(null);
            // Focus goes back to the renamed component, not to the page.
            requestAnimationFrame(() =>
              document
                .querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(renameTarget)}"]`)
                ?.focus(),
            );
          }}
        />
      )}
      <div className="edit-toolbar__row">
        <button
          type="button"
          className={`tool tool--problems${problems > 0 ? ' has-problems' : ''}`}
          onClick={() => useUiStore.getState().setSidePanel('problems')}
        >
          {t('editor.toolbar.problems', { count: problems })}
        </button>
      </div>
    </div>
  );
}
