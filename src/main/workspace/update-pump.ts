import type { QueueRow } from '@shared/domain/queue'
import type { ViewPatch, WorkspaceUpdate } from '@shared/domain/workspace'

/** How often at most the window hears of changes: about ten batches a second. */
export const UPDATE_INTERVAL_MS = 100

interface PendingPatch {
  rows: Map<string, QueueRow>
  removed: Set<string>
  rest: Omit<ViewPatch, 'viewId' | 'rows' | 'removed'>
}

/**
 * Coalesces everything main has to tell the window into one update per interval: the newest
 * state of each row and each field wins, so 500 row changes in 100 ms cross IPC once.
 */
export class UpdatePump {
  private patches = new Map<string, PendingPatch>()
  private whole: Omit<WorkspaceUpdate, 'patches'> = {}
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly send: (update: WorkspaceUpdate) => void,
    private readonly intervalMs = UPDATE_INTERVAL_MS,
    /** Adds what follows from the rest (the studio of a queue newly open or grown) before sending. */
    private readonly complete: (update: WorkspaceUpdate) => void = () => {}
  ) {}

  /** Changes to one open queue. */
  patch(viewId: string, patch: Omit<ViewPatch, 'viewId'>): void {
    const pending = this.patches.get(viewId) ?? {
      rows: new Map(),
      removed: new Set<string>(),
      rest: {}
    }
    for (const row of patch.rows ?? []) {
      pending.rows.set(row.id, row)
      pending.removed.delete(row.id)
    }
    for (const id of patch.removed ?? []) {
      pending.rows.delete(id)
      pending.removed.add(id)
    }
    const rest: Omit<ViewPatch, 'viewId'> = { ...patch }
    delete rest.rows
    delete rest.removed
    Object.assign(pending.rest, rest)
    this.patches.set(viewId, pending)
    this.schedule()
  }

  /** Whole-window changes: what is open, the jobs list, the chart's history. */
  set(update: Omit<WorkspaceUpdate, 'patches'>): void {
    if ('view' in update || 'sample' in update) this.dropPatchesOf(update)
    Object.assign(this.whole, update)
    this.schedule()
  }

  /** Sends what is pending now (a window that just became ready, tests). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.patches.size === 0 && Object.keys(this.whole).length === 0) return
    const patches = [...this.patches].map(([viewId, p]) => ({
      viewId,
      ...(p.rows.size > 0 ? { rows: [...p.rows.values()] } : {}),
      ...(p.removed.size > 0 ? { removed: [...p.removed] } : {}),
      ...p.rest
    }))
    const update: WorkspaceUpdate = { ...this.whole, ...(patches.length ? { patches } : {}) }
    this.patches = new Map()
    this.whole = {}
    this.complete(update)
    this.send(update)
  }

  /** Forgets everything pending (the window reloaded and gets a snapshot instead). */
  reset(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.patches = new Map()
    this.whole = {}
  }

  private dropPatchesOf(update: Omit<WorkspaceUpdate, 'patches'>): void {
    for (const view of [update.view, update.sample]) if (view) this.patches.delete(view.id)
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs)
  }
}
