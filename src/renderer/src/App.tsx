import { useCallback, useEffect, useMemo, useState } from 'react'
import { I18nextProvider, useTranslation } from 'react-i18next'
import { useStore } from 'zustand'
import type { PhotoscribeApi } from '@shared/ipc/routes'
import { readBridgeError } from './bridge'
import { MissingBridge } from './components/MissingBridge'
import { Notices, type Notice } from './components/Notices'
import {
  AppContext,
  useWorkspaceState,
  type AppContextValue,
  type SettingsSection
} from './context'
import { SettingsDialog } from './features/settings/SettingsDialog'
import { FirstRun } from './features/shell/FirstRun'
import { Header } from './features/shell/Header'
import { JobsSidebar } from './features/shell/JobsSidebar'
import { moveAction } from './features/shell/move-job'
import { ProgressFooter } from './features/shell/ProgressFooter'
import { SettingsNotice } from './features/shell/SettingsNotice'
import { ModelOffers } from './features/shell/ModelOffers'
import { ReviewPane } from './features/review/ReviewPane'
import { OfflineBanner } from './features/shell/OfflineBanner'
import { StopBanner } from './features/shell/StopBanner'
import { QueuePane } from './features/queue/QueuePane'
import { RunPanel } from './features/run/RunPanel'
import { StudioCompare } from './features/studio/StudioCompare'
import { StudioPane } from './features/studio/StudioPane'
import { StudioPanel } from './features/studio/StudioPanel'
import { StudioTabs } from './features/studio/StudioTabs'
import { useShortcuts } from './hooks/useShortcuts'
import { useWorkspace } from './hooks/useWorkspace'
import { createI18n } from './i18n'
import { createWorkspaceStore, type WorkspaceStore } from './stores/workspace-store'
import { problemText } from './words/problems'

interface AppProps {
  bridge: PhotoscribeApi | null
}

/** The window: header, jobs, queue, run panel and progress footer, or a clear error without a bridge. */
export default function App({ bridge }: AppProps): React.JSX.Element {
  const i18n = useMemo(() => createI18n(), [])
  return (
    <I18nextProvider i18n={i18n}>
      {bridge ? <Shell bridge={bridge} /> : <MissingBridge />}
    </I18nextProvider>
  )
}

function Shell({ bridge }: { bridge: PhotoscribeApi }): React.JSX.Element {
  const store = useMemo(() => createWorkspaceStore(), [])
  const { t } = useTranslation()
  const [notices, setNotices] = useState<Notice[]>([])
  const [settingsSection, setSettingsSection] = useState<SettingsSection | null>(null)
  const [jobsOpen, setJobsOpen] = useState(false)
  const act = useCallback(
    async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await work()
      } catch (error) {
        const { problem } = readBridgeError(error)
        const words = problemText(problem, t)
        const action = problem.code === 'endpointMoved' ? moveAction(bridge, store, t) : undefined
        setNotices((list) => [
          ...list.slice(-2),
          { id: Date.now() + Math.random(), message: words, action }
        ])
        return undefined
      }
    },
    [t, bridge, store]
  )
  const context = useMemo<AppContextValue>(
    () => ({
      bridge,
      store,
      act,
      openSettings: (section) => setSettingsSection(section ?? 'keys')
    }),
    [bridge, store, act]
  )
  useWorkspace(bridge, store)
  useAppLanguage(store)
  const ready = useStore(store, (s) => s.ready)
  const error = useStore(store, (s) => s.error)
  return (
    <AppContext.Provider value={context}>
      <div className={`app${jobsOpen ? ' jobs-open' : ''}`} data-ready={ready ? 'true' : 'false'}>
        <Header
          onOpenSettings={() => setSettingsSection('keys')}
          onToggleJobs={() => setJobsOpen((open) => !open)}
          jobsOpen={jobsOpen}
        />
        {error ? (
          <div className="fatal" role="alert">
            {t('app.loadFailed', { error: problemText(error, t) })}
          </div>
        ) : (
          <Workspace />
        )}
        <ProgressFooter />
        {settingsSection && (
          <SettingsDialog
            section={settingsSection}
            onSection={setSettingsSection}
            onClose={() => setSettingsSection(null)}
          />
        )}
        <Notices
          notices={notices}
          onDismiss={(id) => setNotices((list) => list.filter((n) => n.id !== id))}
        />
      </div>
    </AppContext.Provider>
  )
}

/** The window follows the language chosen in Settings, live; `<html lang>` follows too. */
function useAppLanguage(store: WorkspaceStore): void {
  const { i18n } = useTranslation()
  const language = useStore(store, (s) => s.snapshot?.settings.settings.uiLanguage)
  useEffect(() => {
    if (!language) return
    if (i18n.language !== language) void i18n.changeLanguage(language)
    document.documentElement.lang = language
  }, [i18n, language])
}

function Workspace(): React.JSX.Element {
  useShortcuts()
  const studio = useWorkspaceState((s) => s.tab === 'studio')
  return (
    <div className="workspace">
      <JobsSidebar />
      <main className="center">
        <StudioTabs />
        {studio ? <StudioPane /> : <CopyCenter />}
      </main>
      <RightColumn studio={studio} />
    </div>
  )
}

/** The Copy tab's queue with the banners above it. */
function CopyCenter(): React.JSX.Element {
  return (
    <>
      <SettingsNotice />
      <ModelOffers />
      <StopBanner />
      <OfflineBanner />
      <FirstRun />
      <QueuePane />
    </>
  )
}

/** The right column: the run panel or the review desk; on the Studio tab, its panel or before/after. */
function RightColumn({ studio }: { studio: boolean }): React.JSX.Element {
  const reviewing = useWorkspaceState((s) => s.reviewing !== null)
  const comparing = useWorkspaceState((s) => s.comparing)
  if (studio) return comparing ? <StudioCompare rowId={comparing} /> : <StudioPanel />
  return reviewing ? <ReviewPane /> : <RunPanel />
}
