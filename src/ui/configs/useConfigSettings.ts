import { create } from 'zustand';
import { DEFAULT_SETTINGS, type ConfigSettings } from '../../core/export/configs';

/** The Configs panel's settings; kept while the user switches tabs. */
export const useConfigSettings = create<ConfigSettings & { set: (patch: Partial<ConfigSettings>) => void }>((set) => ({
  ...DEFAULT_SETTINGS,
  set: (patch) => set(patch),
}));
