import type { Handlers } from '@shared/ipc/routes'
import { cancelOpenBatches, retryRows } from '../../workspace/actions'
import { runDemo, runOpen, runSample } from '../../workspace/runs'
import type { Workspace } from '../../workspace/workspace'
import type { JobView } from '../../workspace/job-view'

const done = { ok: true as const }

/** The run that Pause, Resume and Cancel act on: the open job's, else the sample's. */
function activeView(ws: Workspace): JobView {
  return ws.runs.activeRun()
}

/** Pause or Resume: the engine at once, then the window. */
function control(
  ws: Workspace,
  apply: (run: NonNullable<JobView['run']>) => void,
  status: 'paused' | 'running'
): () => typeof done {
  return () => {
    const view = activeView(ws)
    apply(view.run!)
    view.status = status
    ws.pump.patch(view.id, { run: view.runView(ws.now()) })
    return done
  }
}

/** `run:*`: start, sample, demo, pause, resume, cancel, retry. */
export function runHandlers(ws: Workspace): Handlers['run'] {
  return {
    start: async () => ({ jobId: await runOpen(ws) }),
    sample: async ({ ids }) => ({ jobId: await runSample(ws, ids) }),
    demo: async () => ({ jobId: await runDemo(ws) }),
    pause: control(ws, (run) => run.pause(), 'paused'),
    resume: control(ws, (run) => run.resume(), 'running'),
    cancel: () => {
      activeView(ws).run!.cancel()
      return done
    },
    retry: async ({ ids, code, mode }) => ({ retried: await retryRows(ws, ids, code, mode) }),
    cancelBatches: async () => {
      await cancelOpenBatches(ws)
      return done
    }
  }
}
