import { useCallback, useMemo, useState } from 'react'
import { useStore } from 'zustand'
import type { PhotoscribeApi } from '@shared/ipc/routes'
import { readBridgeError } from './bridge'
import { MissingBridge } from './components/MissingBridge'
import { Notices, type Notice } from './components/Notices'
import { AppContext, type AppContextValue } from './context'
import { SettingsDialog } from './features/settings/SettingsDialog'
import { FirstRun } from './features/shell/FirstRun'
import { Header } from './features/shell/Header'
import { JobsSidebar } from './features/shell/JobsSidebar'
import { ProgressFooter } from './features/shell/ProgressFooter'
import { StopBanner } from './features/shell/StopBanner'
import { QueuePane } from './features/queue/QueuePane'
import { RunPanel } from './features/run/RunPanel'
import { useShortcuts } from './hooks/useShortcuts'
import { useWorkspace } from './hooks/useWorkspace'
import { createWorkspaceStore } from './stores/workspace-store'

interface AppProps {
  bridge: PhotoscribeApi | null
}

/** The window: header, jobs, queue, run panel and progress footer, or a clear error without a bridge. */
export default function App({ bridge }: AppProps): React.JSX.Element {
  if (!bridge) return <MissingBridge />
  return <Shell bridge={bridge} />
}

function Shell({ bridge }: { bridge: PhotoscribeApi }): React.JSX.Element {
  const store = useMemo(() => createWorkspaceStore(), [])
  const [notices, setNotices] = useState<Notice[]>([])
  const [settingsOpen, setSettingsOpen] = useState(false)
  const act = useCallback(async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work()
    } catch (error) {
      const { message } = readBridgeError(error)
      setNotices((list) => [...list.slice(-2), { id: Date.now() + Math.random(), message }])
      return undefined
    }
  }, [])
  const context = useMemo<AppContextValue>(() => ({ bridge, store, act }), [bridge, store, act])
  useWorkspace(bridge, store)
  const ready = useStore(store, (s) => s.ready)
  const error = useStore(store, (s) => s.error)
  return (
    <AppContext.Provider value={context}>
      <div className="app" data-ready={ready ? 'true' : 'false'}>
        <Header onOpenSettings={() => setSettingsOpen(true)} />
        {error ? (
          <div className="fatal" role="alert">
            Photoscribe couldn’t load its state: {error}
          </div>
        ) : (
          <Workspace />
        )}
        <ProgressFooter />
        <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
        <Notices
          notices={notices}
          onDismiss={(id) => setNotices((list) => list.filter((n) => n.id !== id))}
        />
      </div>
    </AppContext.Provider>
  )
}

function Workspace(): React.JSX.Element {
  useShortcuts()
  return (
    <div className="workspace">
      <JobsSidebar />
      <main className="center">
        <StopBanner />
        <FirstRun />
        <QueuePane />
      </main>
      <RunPanel />
    </div>
  )
}
