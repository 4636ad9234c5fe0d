import type { Handlers } from '@shared/ipc/routes'
import {
  approvePassing,
  judge,
  regenerate,
  regenerateCost,
  undoLast
} from '../../workspace/review-desk'
import { productKeywords, setProductKeywords } from '../../workspace/product-keywords'
import type { Workspace } from '../../workspace/workspace'

/** `review:*`: the review desk's verdicts, Undo and Regenerate, on the open job. */
export function reviewHandlers(ws: Workspace): Handlers['review'] {
  return {
    judge: async ({ ids, verdict }) => ({ changed: await judge(ws, ids, verdict) }),
    approvePassing: async () => ({ changed: await approvePassing(ws) }),
    undo: async () => ({ changed: await undoLast(ws) }),
    keywords: ({ id }) => ({ keywords: productKeywords(ws, id) }),
    setKeywords: async ({ id, keywords }) => ({
      changed: await setProductKeywords(ws, id, keywords)
    }),
    regenerateCost: async ({ id }) => ({ costUsd: await regenerateCost(ws, id) }),
    regenerate: async ({ id, note, field }) => {
      await regenerate(ws, id, note, field)
      return { ok: true as const }
    }
  }
}
