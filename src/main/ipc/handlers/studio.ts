import type { Handlers } from '@shared/ipc/routes'
import type { StudioOptions } from '@shared/studio/studio-view'
import type { Workspace } from '../../workspace/workspace'

/** `studio:*`: the photo studio of the open queue. */
export function studioHandlers(ws: Workspace): Handlers['studio'] {
  return {
    setOptions: (change) => {
      const options: Partial<StudioOptions> = {}
      for (const [name, value] of Object.entries(change))
        (options as Record<string, unknown>)[name] = value ?? undefined
      return ws.studio.setOptions(options)
    },
    chooseOutDir: async () => ({ outDir: await ws.studio.chooseOutDir() }),
    start: ({ resendPossiblyBilled }) => ws.studio.start(resendPossiblyBilled),
    stop: () => {
      ws.studio.stop()
      return { ok: true as const }
    },
    saveRecipe: async ({ name }) => ({ id: await ws.studio.saveRecipe(name) }),
    importRecipe: async () => ({ id: await ws.studio.importRecipe() }),
    approve: async ({ ids, approved }) => ({ changed: await ws.studio.approve(ids, approved) })
  }
}
