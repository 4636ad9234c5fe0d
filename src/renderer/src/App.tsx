import { useEffect, useMemo, useState } from 'react'
import { useStore } from 'zustand'
import type { PhotoscribeApi } from '@shared/ipc/api'
import { MissingBridge } from './components/MissingBridge'
import { SettingsDialog } from './features/settings/SettingsDialog'
import { Header } from './features/shell/Header'
import { JobsSidebar } from './features/shell/JobsSidebar'
import { QueuePane } from './features/shell/QueuePane'
import { RunPanel } from './features/shell/RunPanel'
import { StatusBar } from './features/shell/StatusBar'
import { createAppInfoStore } from './stores/app-info-store'

interface AppProps {
  bridge: PhotoscribeApi | null
}

/** The window: header, jobs, queue, run panel and status bar, or a clear error without a bridge. */
export default function App({ bridge }: AppProps): React.JSX.Element {
  if (!bridge) return <MissingBridge />
  return <Shell bridge={bridge} />
}

function Shell({ bridge }: { bridge: PhotoscribeApi }): React.JSX.Element {
  const store = useMemo(() => createAppInfoStore(bridge), [bridge])
  const info = useStore(store, (s) => s.info)
  const error = useStore(store, (s) => s.error)
  const [settingsOpen, setSettingsOpen] = useState(false)
  useEffect(() => {
    void store.getState().load()
  }, [store])
  return (
    <div className="app" data-ready={info || error ? 'true' : 'false'}>
      <Header onOpenSettings={() => setSettingsOpen(true)} />
      <div className="workspace">
        <JobsSidebar />
        <QueuePane />
        <RunPanel />
      </div>
      <StatusBar info={info} error={error} />
      <SettingsDialog open={settingsOpen} info={info} onClose={() => setSettingsOpen(false)} />
    </div>
  )
}
