import type { Handlers } from '@shared/ipc/routes'
import { openJob } from '../../workspace/actions'
import { moveJob } from '../../workspace/runs'
import type { Workspace } from '../../workspace/workspace'

/** `jobs:*`: the sidebar. */
export function jobsHandlers(ws: Workspace): Handlers['jobs'] {
  return {
    list: () => ws.jobEntries(),
    open: async ({ id }) => {
      await openJob(ws, id)
      return { ok: true as const }
    },
    moveEndpoint: ({ id }) => moveJob(ws, id),
    newQueue: () => {
      ws.runs.closeDraft()
      ws.ensureDraft()
      return { ok: true as const }
    }
  }
}
