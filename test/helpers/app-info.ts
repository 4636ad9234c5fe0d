import type { AppInfo } from '../../src/shared/domain/app-info'

/** What the window's About shows, for router tests. */
export const TEST_APP_INFO: AppInfo = {
  name: 'Photoscribe',
  version: '1.2.3',
  platform: 'linux',
  arch: 'x64',
  dataDir: '/data',
  runtime: {},
  thumbnailBase: 'thumb://t/'
}
