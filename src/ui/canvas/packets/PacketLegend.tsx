import { useId, useState } from 'react';
import { useUiStore } from '../../../state/uiStore';
import { useT } from '../../useT';
import type { TFn } from '../../../i18n';
import {
  paletteFor,
  TYPE_ORDER,
  TYPE_SHAPE,
  type PacketPalette,
  type PacketShape,
} from './palette';

export function ShapeIcon({ shape, fill, stroke }: { shape: PacketShape; fill: string; stroke?: string }) {
  const common = { fill, stroke: stroke ?? 'none', strokeWidth: stroke ? 2 : 0 };
  return (
    <svg className="pv-legend__icon" viewBox="0 0 32 16" width="32" height="16" aria-hidden="true">
      {shape === 'square' && <rect x="11" y="3" width="10" height="10" {...common} />}
      {shape === 'circle' && <circle cx="16" cy="8" r="5.5" {...common} />}
      {shape === 'diamond' && <path d="M16 1.5 22.5 8 16 14.5 9.5 8Z" {...common} />}
      {shape === 'pill' && <rect x="7" y="3" width="18" height="10" rx="5" {...common} />}
    </svg>
  );
}

export function Star({ pal }: { pal: PacketPalette }) {
  return (
    <svg className="pv-legend__icon" viewBox="0 0 32 16" width="32" height="16" aria-hidden="true">
      <path
        d="M16 0.5 17.9 5.6 23.1 5.7 19 9 20.4 14.2 16 11.2 11.6 14.2 13 9 8.9 5.7 14.1 5.6Z"
        fill={pal.star}
        stroke={pal.starStroke}
        strokeWidth="1"
      />
    </svg>
  );
}

export function Cross({ pal }: { pal: PacketPalette }) {
  return (
    <svg className="pv-legend__icon" viewBox="0 0 32 16" width="32" height="16" aria-hidden="true">
      <path
        d="M2 3.5 10 12.5M10 3.5 2 12.5"
        stroke={pal.error}
        strokeWidth="2.6"
        strokeLinecap="round"
      />
      <text x="12" y="12" fontSize="9" fontWeight="700" fill={pal.error} fontFamily="monospace">
        502
      </text>
    </svg>
  );
}

const LEGEND_KEY = 'prodviz.legend.open';

/**
 * A small, collapsible key to the packet shapes and colours, in the canvas corner. A panel with
 * React Flow's classes but not its component, so the static first view (StaticDiagram.tsx)
 * shows the very same legend before React Flow is there.
 */
export function PacketLegend({ still }: { still: boolean }) {
  const t = useT();
  const theme = useUiStore((s) => s.theme);
  // Open the first time (a newcomer needs the key), then as the viewer last left it.
  const [open, setOpen] = useState(() => {
    try {
      return localStorage.getItem(LEGEND_KEY) !== '0';
    } catch {
      return true;
    }
  });
  const toggle = () =>
    setOpen((o) => {
      try {
        localStorage.setItem(LEGEND_KEY, o ? '0' : '1');
      } catch {
        /* private mode: the choice lasts for this visit */
      }
      return !o;
    });
  const listId = useId();
  const pal = paletteFor(theme);
  return (
    <div className="react-flow__panel pv-legend top left">
      <button
        type="button"
        className="pv-legend__toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={toggle}
      >
        <span aria-hidden="true" className="pv-legend__chevron">
          {open ? '▾' : '▸'}
        </span>
        {t('packets.legend')}
      </button>
      <div id={listId} hidden={!open}>
        {still ? (
          <p className="pv-legend__note">{t('packets.still')}</p>
        ) : (
          <ul className="pv-legend__list">
            <PacketKeyItems pal={pal} t={t} />
          </ul>
        )}
      </div>
    </div>
  );
}

/** The legend's entries (shape, colour, name): the canvas legend and the Help dialog both list them. */
export function PacketKeyItems({ pal, t }: { pal: PacketPalette; t: TFn }) {
  return (
    <>
      {TYPE_ORDER.map((type) => (
        <li key={type}>
          <ShapeIcon shape={TYPE_SHAPE[type]} fill={pal.type[type]} />
          {t(`packets.${type}`)}
        </li>
      ))}
      <li>
        <ShapeIcon shape="circle" fill={pal.hollow} stroke={pal.type.page} />
        {t('packets.response')}
      </li>
      <li>
        <Star pal={pal} />
        {t('packets.cacheHit')}
      </li>
      <li>
        <Cross pal={pal} />
        {t('packets.error')}
      </li>
    </>
  );
}
