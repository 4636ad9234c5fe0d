/**
 * Everything `window.api` may have, sorted: one method group per IPC domain, the dropped-files
 * helper and the update subscription — and nothing else (no ipcRenderer passthrough).
 */
export const WINDOW_API_KEYS = [
  'addDropped',
  'app',
  'export',
  'jobs',
  'limits',
  'onUpdate',
  'queue',
  'review',
  'run',
  'settings',
  'studio',
  'templates'
]
