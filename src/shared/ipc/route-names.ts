/**
 * Every route's domain and method, as plain names: what the sandboxed preload needs to build
 * `window.api` without the zod schemas (those stay in main, which checks every input). A test
 * keeps this list and `routes` the same.
 */
export const ROUTE_NAMES = {
  app: ['getInfo', 'ready'],
  queue: [
    'add',
    'choose',
    'remove',
    'setOptions',
    'chooseSheet',
    'clearSheet',
    'setSheetEncoding',
    'edit',
    'showInFolder',
    'copy'
  ],
  run: ['start', 'sample', 'pause', 'resume', 'cancel', 'retry', 'cancelBatches', 'demo'],
  jobs: ['list', 'open', 'moveEndpoint', 'switchModel', 'newQueue'],
  review: [
    'judge',
    'approvePassing',
    'undo',
    'keywords',
    'setKeywords',
    'regenerateCost',
    'regenerate'
  ],
  export: ['save'],
  limits: ['history'],
  settings: [
    'get',
    'update',
    'addKey',
    'replaceKey',
    'renameKey',
    'removeKey',
    'setKeyModels',
    'setKeyLimits',
    'setProxyPassword',
    'testKeyCost',
    'testKey',
    'testConnection'
  ],
  templates: ['list', 'save', 'remove', 'importFile', 'exportFile', 'preview'],
  studio: ['setOptions', 'chooseOutDir', 'start', 'stop', 'approve', 'saveRecipe', 'importRecipe']
} as const

/** A route's IPC channel: `domain:method-name`. */
export function channelOf(domain: string, method: string): string {
  return `${domain}:${method.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`
}
