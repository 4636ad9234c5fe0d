/** Facts about the running app that the window shows (About, footer). */
export interface AppInfo {
  name: string
  version: string
  platform: string
  arch: string
  dataDir: string
  /** Runtime versions, e.g. `{ node: '20.20.2', electron: '45.4.1' }`. */
  runtime: Record<string, string>
}
