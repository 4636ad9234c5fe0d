import type { TFunction } from 'i18next'
import type { PhotoscribeApi } from '@shared/ipc/routes'
import type { Notice } from '../../components/Notices'
import type { WorkspaceStore } from '../../stores/workspace-store'

/**
 * "Move this job…", offered where Run was refused because the job ran on another endpoint: after
 * a confirmation that says what moving costs, the job moves to the endpoint Settings name now
 * and runs there.
 */
export function moveAction(
  bridge: PhotoscribeApi,
  store: WorkspaceStore,
  t: TFunction
): Notice['action'] {
  const id = store.getState().view?.id
  if (!id) return undefined
  return {
    label: t('jobs.move'),
    run: () => {
      if (!globalThis.confirm(t('jobs.moveConfirm'))) return
      void bridge.jobs
        .moveEndpoint({ id })
        .then(() => bridge.run.start())
        .catch(() => undefined)
    }
  }
}
