import type { PhotoscribeApi } from '@shared/ipc/routes'

declare global {
  interface Window {
    /** Exposed by the preload; absent when the page runs outside Photoscribe. */
    api?: PhotoscribeApi
  }
}

export {}
