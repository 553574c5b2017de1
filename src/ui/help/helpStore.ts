import { create } from 'zustand';

/** Whether the help dialog is open (small and eager: the top bar's Help button and `?` use it). */
export const useHelpStore = create<{ open: boolean; setOpen: (open: boolean) => void }>((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));
