import { useEffect } from 'react'
import type { PhotoscribeApi } from '@shared/ipc/routes'
import { readBridgeError } from '../bridge'
import type { WorkspaceStore } from '../stores/workspace-store'

/**
 * Connects the store to main: subscribes to updates first, then asks for the state (the ready
 * handshake), so a window opened mid-run starts from the current state. Updates that arrive
 * before the answer are older than it and dropped. Every subscription made here is undone on
 * unmount (one place collects them).
 */
export function useWorkspace(bridge: PhotoscribeApi, store: WorkspaceStore): void {
  useEffect(() => {
    const unsubscribes: (() => void)[] = []
    let ready = false
    let alive = true
    unsubscribes.push(
      bridge.onUpdate((update) => {
        if (ready) store.getState().receive(update, performance.now())
      })
    )
    void Promise.all([bridge.app.ready(), bridge.app.getInfo()]).then(
      ([snapshot, info]) => {
        if (!alive) return
        store.getState().setReady(snapshot, info, performance.now())
        ready = true
      },
      (error: unknown) => alive && store.getState().fail(readBridgeError(error).problem)
    )
    return () => {
      alive = false
      unsubscribes.forEach((unsubscribe) => unsubscribe())
    }
  }, [bridge, store])
}
