import type { QueueRow } from '@shared/domain/queue'
import { emptyTotals, type RunView } from '@shared/domain/run-view'
import { jobOptionsSchema } from '@shared/domain/job-options'
import type { OpenView } from '@shared/domain/workspace'
import type { RowActions } from '../../src/renderer/src/features/queue/QueueRowView'

/** A queue row's actions that do nothing (a test replaces the one it checks). */
export const noActions: RowActions = {
  retry: () => {},
  edit: () => {},
  save: async () => true,
  showInFolder: () => {},
  copy: () => {},
  toggle: () => {},
  review: () => {}
}

export function runView(
  over: Partial<RunView> = {},
  totals: Partial<RunView['totals']> = {}
): RunView {
  return {
    status: 'idle',
    keys: [],
    elapsedMs: 0,
    mode: 'live',
    ...over,
    totals: { ...emptyTotals(), ...totals }
  }
}

export function draftView(rows: QueueRow[], over: Partial<OpenView> = {}): OpenView {
  return {
    id: 'draft-1',
    kind: 'draft',
    name: 'Spring catalog',
    walking: false,
    demo: false,
    rows,
    options: jobOptionsSchema.parse({}),
    run: runView(),
    ...over
  }
}
