import { lazy, type ComponentType } from 'react';
import type { TKey } from '../../i18n';
import { Inspector } from './Inspector';

/**
 * The side panel's tabs. Each feature adds one entry here; heavy panels are imported with
 * React.lazy so they stay out of the initial bundle.
 */
export interface SidePanelDef {
  id: string;
  labelKey: TKey;
  Component: ComponentType;
}

export const SIDE_PANELS: SidePanelDef[] = [
  { id: 'details', labelKey: 'panels.details', Component: Inspector },
  { id: 'scaling', labelKey: 'scaling.tab', Component: lazy(() => import('../scaling/ScalingPanel')) },
  { id: 'problems', labelKey: 'editor.problems.title', Component: lazy(() => import('../editor/ProblemsPanel')) },
  { id: 'server', labelKey: 'ops.tabs.server', Component: lazy(() => import('../ops/ServerPanel')) },
  { id: 'security', labelKey: 'ops.tabs.security', Component: lazy(() => import('../ops/SecurityPanel')) },
  { id: 'deploy', labelKey: 'ops.tabs.deploy', Component: lazy(() => import('../ops/DeployPanel')) },
  { id: 'configs', labelKey: 'configs.tab', Component: lazy(() => import('../configs/ConfigsPanel')) },
];
