import type { BridgeApi } from '@shared/ipc/routes'

declare global {
  interface Window {
    /** Exposed by the preload; absent when the page runs outside Photoscribe. */
    api?: BridgeApi
  }
}

export {}
