import {
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent as ReactPointerEvent,
} from 'react';
import { createPortal } from 'react-dom';
import type { ComponentKind } from '../../core/catalog/catalog';
import { CATALOG } from '../../core/catalog/catalog';
import { Icon } from '../icons';
import { useT } from '../useT';
import { PALETTE_GROUPS, addAtViewCentre, dropComponent, kindsOf } from './actions';
import { useEditorStore } from './editorStore';
import './editor.css';

/** Pixels a pointer must travel before a press becomes a drag. */
const DRAG_THRESHOLD = 5;

interface Drag {
  kind: ComponentKind;
  pointerId: number;
  start: { x: number; y: number };
  at: { x: number; y: number };
  active: boolean;
  overCanvas: boolean;
}

function overCanvas(x: number, y: number): boolean {
  const r = useEditorStore.getState().flow?.bounds();
  return !!r && x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
}

/**
 * The components a student builds with, grouped by where they sit on the request path.
 * Dragging uses pointer events (mouse, touch and pen alike: HTML drag-and-drop does not work
 * on smartboards and tablets); a click or Enter adds the component in the middle of the view.
 */
export function Palette({ variant = 'grid' }: { variant?: 'grid' | 'rail' }) {
  const t = useT();
  const rail = variant === 'rail';
  const [drag, setDrag] = useState<Drag | null>(null);
  const suppressClick = useRef<{ kind: ComponentKind; until: number } | null>(null);

  // The drag lives in a ref (events can outrun React's renders on a slow tablet); the state
  // only draws the ghost.
  const dragRef = useRef<Drag | null>(null);
  const update = (next: Drag | null) => {
    dragRef.current = next;
    setDrag(next);
  };

  const onPointerDown = (kind: ComponentKind) => (e: ReactPointerEvent<HTMLButtonElement>) => {
    if (e.button !== 0) return;
    // A new press starts fresh: a touch drag ends without a click, so the flag must not
    // outlive it and swallow the next tap.
    suppressClick.current = null;
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = { x: e.clientX, y: e.clientY };
    update({ kind, pointerId: e.pointerId, start: p, at: p, active: false, overCanvas: false });
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLButtonElement>) => {
    const d = dragRef.current;
    if (!d || e.pointerId !== d.pointerId) return;
    const at = { x: e.clientX, y: e.clientY };
    const active = d.active || Math.hypot(at.x - d.start.x, at.y - d.start.y) > DRAG_THRESHOLD;
    update({ ...d, at, active, overCanvas: overCanvas(at.x, at.y) });
  };
  const onPointerUp = (e: ReactPointerEvent<HTMLButtonElement>) => {
    const d = dragRef.current;
    if (!d || e.pointerId !== d.pointerId) return;
    const at = { x: e.clientX, y: e.clientY };
    const active = d.active || Math.hypot(at.x - d.start.x, at.y - d.start.y) > DRAG_THRESHOLD;
    if (active) {
      // Only the click a mouse sends right after this drag, on this same item, is swallowed.
      suppressClick.current = { kind: d.kind, until: e.timeStamp + 500 };
      if (overCanvas(at.x, at.y)) dropComponent(d.kind, at);
    } else if (e.pointerType !== 'mouse') {
      // A tap adds here, not on the click: Chromium sends no click for a tap that comes while
      // it still winds down the previous touch drag (within about a second of it), so waiting
      // for the click swallowed the first tap after a drag. The click, if it does come, is
      // this tap's and is skipped.
      suppressClick.current = { kind: d.kind, until: e.timeStamp + 1000 };
      addAtViewCentre(d.kind);
    }
    update(null);
  };
  const onPointerCancel = () => update(null);
  const onClick = (kind: ComponentKind) => (e: React.MouseEvent) => {
    const s = suppressClick.current;
    suppressClick.current = null;
    if (s && s.kind === kind && e.timeStamp < s.until) return;
    addAtViewCentre(kind);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && dragRef.current) update(null);
  };

  const item = (kind: ComponentKind) => {
    const name = t(`catalog.${kind}.name`);
    return (
      <li key={kind}>
        <button
          type="button"
          className={`palette__item tier-${CATALOG[kind].tier}`}
          data-kind={kind}
          data-name={rail ? name : undefined}
          title={rail ? name : undefined}
          aria-label={t('editor.palette.add', { name })}
          aria-describedby={`${idBase}-hint`}
          onPointerDown={onPointerDown(kind)}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerCancel}
          onLostPointerCapture={onPointerCancel}
          onClick={onClick(kind)}
          onKeyDown={onKeyDown}
        >
          <Icon name={CATALOG[kind].icon} size={rail ? 24 : 20} />
          {!rail && <span className="palette__name">{name}</span>}
        </button>
      </li>
    );
  };
  const idBase = rail ? 'palette-rail' : 'palette';

  return (
    <section className={`palette palette--${variant}`} aria-labelledby={`${idBase}-title`}>
      <h2 id={`${idBase}-title`} className={rail ? 'visually-hidden' : 'palette__title'}>
        {t('editor.palette.title')}
      </h2>
      <p id={`${idBase}-hint`} className={rail ? 'visually-hidden' : 'palette__hint'}>
        {t('editor.palette.hint')}
      </p>
      {rail ? (
        <ul className="palette__list palette__list--rail">
          {PALETTE_GROUPS.flatMap((group) => kindsOf(group)).map(item)}
        </ul>
      ) : (
        <ul className="palette__list palette__list--grid">
          {PALETTE_GROUPS.flatMap((group) => kindsOf(group)).map(item)}
        </ul>
      )}
      {drag?.active &&
        createPortal(
          <div
            className={`palette-ghost tier-${CATALOG[drag.kind].tier}${drag.overCanvas ? ' is-over' : ''}`}
            style={{ transform: `translate(${drag.at.x}px, ${drag.at.y}px)` }}
            aria-hidden="true"
          >
            <Icon name={CATALOG[drag.kind].icon} size={22} />
            <span>{t(`catalog.${drag.kind}.name`)}</span>
          </div>,
          document.body,
        )}
    </section>
  );
}
