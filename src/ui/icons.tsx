import { siDjango, siGunicorn, siNginx, siPostgresql, siRedis, siSqlite } from 'simple-icons';
import type { IconName } from '../core/catalog/catalog';

interface IconDef {
  /** SVG path on a 24×24 grid. */
  path: string;
  /** Brand colour (hex without #), or undefined to follow the text colour. */
  hex?: string;
  /** Stroke-drawn generic icons; brand icons are filled. */
  stroke?: boolean;
}

// Generic icons for things without a brand: drawn in the same 24×24 grid, stroked.
const GENERIC: Record<'browser' | 'cdn' | 'terminal' | 'static' | 'media' | 'server', IconDef> = {
  browser: { path: 'M3 5h18v14H3zM3 9h18M6 7h.01M8.5 7h.01', stroke: true },
  cdn: {
    path: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9M12 3C9.5 5.6 8.2 8.6 8.2 12s1.3 6.4 3.8 9',
    stroke: true,
  },
  terminal: { path: 'M3 4h18v16H3zM7 9l3 3l-3 3M12 15h5', stroke: true },
  static: { path: 'M6 3h8l4 4v14H6zM14 3v4h4M9 12h6M9 15h6M9 18h4', stroke: true },
  media: { path: 'M3 5h18v14H3zM3 16l5-5l4 4l3-3l6 6M15.5 9.5h.01', stroke: true },
  server: { path: 'M4 4h16v6H4zM4 14h16v6H4zM8 7h.01M8 17h.01M12 7h5M12 17h5', stroke: true },
};

const ICONS: Record<IconName, IconDef> = {
  ...GENERIC,
  nginx: { path: siNginx.path, hex: siNginx.hex },
  gunicorn: { path: siGunicorn.path, hex: siGunicorn.hex },
  django: { path: siDjango.path, hex: siDjango.hex },
  postgresql: { path: siPostgresql.path, hex: siPostgresql.hex },
  sqlite: { path: siSqlite.path, hex: siSqlite.hex },
  redis: { path: siRedis.path, hex: siRedis.hex },
};

export function Icon({ name, size = 28 }: { name: IconName; size?: number }) {
  const def = ICONS[name];
  return (
    <svg
      className={`icon icon-${name}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      style={def.hex ? ({ '--brand': `#${def.hex}` } as React.CSSProperties) : undefined}
    >
      {def.stroke ? (
        <path
          d={def.path}
          fill="none"
          stroke="currentColor"
          strokeWidth={1.8}
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      ) : (
        <path d={def.path} fill="var(--brand)" />
      )}
    </svg>
  );
}
