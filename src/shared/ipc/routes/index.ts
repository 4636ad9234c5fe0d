import type { z } from 'zod'
import type { WorkspaceUpdate } from '../../domain/workspace'
import type { Route } from '../route'
import type { IpcResult } from '../result'
import { appRoutes } from './app'
import { exportRoutes } from './export'
import { jobsRoutes } from './jobs'
import { limitsRoutes } from './limits'
import { queueRoutes } from './queue'
import { reviewRoutes } from './review'
import { runRoutes } from './run'
import { settingsRoutes } from './settings'
import { studioRoutes } from './studio'
import { templatesRoutes } from './templates'

/** Every request the window can make, by domain: preload, main handlers and test bridge are typed from it. */
export const routes = {
  app: appRoutes,
  queue: queueRoutes,
  run: runRoutes,
  jobs: jobsRoutes,
  review: reviewRoutes,
  export: exportRoutes,
  limits: limitsRoutes,
  settings: settingsRoutes,
  templates: templatesRoutes,
  studio: studioRoutes
}

export type Routes = typeof routes
export type Domain = keyof Routes

/** Every route, flat. */
export const allRoutes: Route[] = Object.values(routes).flatMap((domain) =>
  Object.values(domain as Record<string, Route>)
)

type RouteOf<D extends Domain, M extends keyof Routes[D]> =
  Routes[D][M] extends Route<infer I, infer O>
    ? { input: z.input<I>; parsed: z.output<I>; output: z.output<O> }
    : never

/** `window.api`: one method per route, taking its input and resolving to its output. */
export type PhotoscribeApi = {
  [D in Domain]: {
    [M in keyof Routes[D]]: undefined extends RouteOf<D, M>['input']
      ? (input?: RouteOf<D, M>['input']) => Promise<RouteOf<D, M>['output']>
      : (input: RouteOf<D, M>['input']) => Promise<RouteOf<D, M>['output']>
  }
} & {
  /** Paths of dropped files (Electron's `webUtils.getPathForFile`), then `queue.add`. */
  addDropped(files: readonly File[]): Promise<{ added: number }>
  /** Updates main pushes; returns the unsubscribe. */
  onUpdate(listener: (update: WorkspaceUpdate) => void): () => void
}

/**
 * What the preload exposes as `window.api`: the same methods resolving to their IpcResult, so a
 * failure crosses the context bridge as data (a thrown Error would keep only its message). The
 * renderer's `bridge.ts` unwraps it into a PhotoscribeApi whose failures throw the Problem.
 */
export type BridgeApi = {
  [D in Domain]: {
    [M in keyof PhotoscribeApi[D]]: PhotoscribeApi[D][M] extends (
      ...args: infer A
    ) => Promise<infer O>
      ? (...args: A) => Promise<IpcResult<O>>
      : never
  }
} & {
  addDropped(files: readonly File[]): Promise<IpcResult<{ added: number }>>
  onUpdate(listener: (update: WorkspaceUpdate) => void): () => void
}

/** What main implements for each route (inputs already parsed). */
export type Handlers = {
  [D in Domain]: {
    [M in keyof Routes[D]]: (
      input: RouteOf<D, M>['parsed']
    ) => Promise<RouteOf<D, M>['output']> | RouteOf<D, M>['output']
  }
}
