import type { WorkspaceUpdate } from '@shared/domain/workspace'
import type { ConnectionSource } from './connection'
import type { Desktop } from './desktop'

export interface WorkspaceDeps {
  dataDir: string
  connection: ConnectionSource
  desktop: Desktop
  /** Sends one update to the window (webContents.send, or the e2e bridge). */
  send: (update: WorkspaceUpdate) => void
  now?: () => number
}
