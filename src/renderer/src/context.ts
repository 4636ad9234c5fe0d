import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import type { PhotoscribeApi } from '@shared/ipc/routes'
import type { WorkspaceState, WorkspaceStore } from './stores/workspace-store'

/** What every part of the window reaches: the bridge, the store, and the notice area. */
export interface AppContextValue {
  bridge: PhotoscribeApi
  store: WorkspaceStore
  /** Runs a request; a refusal shows as a notice in plain words instead of throwing. */
  act<T>(work: () => Promise<T>): Promise<T | undefined>
  /** Opens Settings at a section (the first run's "Add an API key" opens Keys). */
  openSettings(section?: SettingsSection): void
}

export type SettingsSection =
  'keys' | 'provider' | 'limits' | 'defaults' | 'prices' | 'templates' | 'language'

export const AppContext = createContext<AppContextValue | null>(null)

export function useApp(): AppContextValue {
  const value = useContext(AppContext)
  if (!value) throw new Error('useApp outside <AppContext>')
  return value
}

/** A slice of the window's state; the component re-renders only when the slice changes. */
export function useWorkspaceState<T>(select: (state: WorkspaceState) => T): T {
  return useStore(useApp().store, select)
}
