import { AppError, ErrorCodes } from '@shared/errors'
import { JobView } from './job-view'
import { refusedAsAppError } from './runs'
import type { Workspace } from './workspace'

/**
 * "Switch job to …": the photos a stopped job has left are asked with `to`, at the prices Settings
 * give `to`; the answers kept stay and name the model they came from. Refused while it runs.
 */
export async function switchJobModel(
  ws: Workspace,
  id: string,
  to: string
): Promise<{ from: string; to: string }> {
  const open = ws.runs.view(id)
  if (open?.running) throw new AppError(ErrorCodes.busy, { code: 'stopBeforeSwitch' })
  const view = open ?? new JobView(await refusedAsAppError(ws.service.open(id)), false)
  const { pricing, prices } = ws.deps.connection.priced(to)
  const switched = await refusedAsAppError(
    ws.service.switchModel(view.job, to, { pricing, prices })
  )
  if (open) ws.pump.set({ view: ws.openView() })
  await ws.refreshJobs()
  return switched
}
