import type { AppInfo } from '@shared/domain/app-info'
import type { Handlers } from '@shared/ipc/routes'
import type { Workspace } from '../../workspace/workspace'
import { exportHandlers } from './export'
import { jobsHandlers } from './jobs'
import { queueHandlers } from './queue'
import { runHandlers } from './run'
import { reviewHandlers } from './review'
import { settingsHandlers } from './settings'
import { templatesHandlers } from './templates'
import { studioHandlers } from './studio'
import { windowReady } from '../../workspace/runs'

/** What the handlers need from main (filled by Electron services, or by tests). */
export interface HandlerDeps {
  appInfo: () => AppInfo
  workspace: Workspace
}

/** Every request handler, by domain: a missing one is a compile error. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const ws = deps.workspace
  return {
    app: { getInfo: () => deps.appInfo(), ready: () => windowReady(ws) },
    queue: queueHandlers(ws),
    run: runHandlers(ws),
    jobs: jobsHandlers(ws),
    review: reviewHandlers(ws),
    export: exportHandlers(ws),
    limits: { history: () => [...ws.history.samples] },
    settings: settingsHandlers(ws),
    templates: templatesHandlers(ws),
    studio: studioHandlers(ws)
  }
}
