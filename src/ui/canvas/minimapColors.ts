/** The minimap's colour for a component, by its tier (React Flow's MiniMap and the static view's). */
export const MINIMAP_COLORS: Record<string, string> = {
  edge: '#2563eb',
  web: '#059669',
  app: '#7c3aed',
  data: '#d97706',
};
