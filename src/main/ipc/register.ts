import { ipcMain } from 'electron'
import type { Router } from './router'

/** Connects every request channel to the router: the only place that touches ipcMain. */
export function registerIpc(router: Router): () => void {
  for (const channel of router.channels) {
    ipcMain.handle(channel, (event, input: unknown) =>
      router.handle(channel, event.senderFrame?.url, input)
    )
  }
  return () => router.channels.forEach((channel) => ipcMain.removeHandler(channel))
}
