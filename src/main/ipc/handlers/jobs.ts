import type { Handlers } from '@shared/ipc/routes'
import { openJob } from '../../workspace/actions'
import { moveJob } from '../../workspace/runs'
import { switchJobModel } from '../../workspace/job-switch'
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
    switchModel: ({ id, to }) => switchJobModel(ws, id, to),
    newQueue: () => {
      ws.runs.closeDraft()
      ws.ensureDraft()
      return { ok: true as const }
    }
  }
}
