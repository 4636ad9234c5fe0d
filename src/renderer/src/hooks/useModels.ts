import type { Snapshot } from '@shared/domain/workspace'
import { useWorkspaceState } from '../context'

const NONE: Snapshot['models'] = []

/** The model choices main offered (one array for "none yet", so the selector stays stable). */
export function useModels(): Snapshot['models'] {
  return useWorkspaceState((s) => s.snapshot?.models ?? NONE)
}
