import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SettingsView } from '@shared/settings/view'
import { readBridgeError } from '../../bridge'
import { useApp, useWorkspaceState } from '../../context'
import { problemText } from '../../words/problems'

/** The settings the window holds (main's last answer or update). */
export function useSettingsView(): SettingsView | undefined {
  return useWorkspaceState((s) => s.snapshot?.settings)
}

/**
 * Runs a settings request: its answer (the whole saved view) replaces the window's copy at once;
 * a refusal comes back as `{ field, words }` for the form to show beside the field.
 */
export function useSettingsCall(): {
  call(work: () => Promise<SettingsView>): Promise<boolean>
  refusal: { field?: string; words: string } | null
  clear(): void
} {
  const { store } = useApp()
  const { t } = useTranslation()
  const [refusal, setRefusal] = useState<{ field?: string; words: string } | null>(null)
  const call = useCallback(
    async (work: () => Promise<SettingsView>) => {
      try {
        store.getState().setSettings(await work())
        setRefusal(null)
        return true
      } catch (error) {
        const { problem } = readBridgeError(error)
        setRefusal({ field: problem.field, words: problemText(problem, t) })
        return false
      }
    },
    [store, t]
  )
  return { call, refusal, clear: useCallback(() => setRefusal(null), []) }
}
