import type { Problem } from '@shared/problem'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AppInfo } from '@shared/domain/app-info'
import type { EstimateView, QueueRow } from '@shared/domain/queue'
import type { LimitSample, RunView } from '@shared/domain/run-view'
import type { OpenView, Snapshot, ViewPatch, WorkspaceUpdate } from '@shared/domain/workspace'
import type { SettingsView } from '@shared/settings/view'
import type { StudioView } from '@shared/studio/studio-view'
import { UpdateHold } from './update-hold'

/** What the window works on: the copy of the photos, or images of them (the studio). */
export type WorkTab = 'copy' | 'studio'

/** A queue as the window holds it: rows by id plus their order, so a row update touches one entry. */
export interface QueueState {
  id: string
  kind: OpenView['kind']
  name: string
  walking: boolean
  demo: boolean
  options: OpenView['options']
  ids: string[]
  /**
   * Rows by id. Updated in place (copying 10,000 entries ten times a second costs frames):
   * `version` changes with every change, and a changed row is a new object, so memoized rows
   * re-render exactly when theirs changed.
   */
  rows: Map<string, QueueRow>
  version: number
  estimate?: EstimateView
  run: RunView
  /** When the window heard the run view (its countdowns count from here). */
  runAt: number
  /** When each row was last heard of (retry countdowns count from here). */
  rowAt: Map<string, number>
}

export interface WorkspaceState {
  ready: boolean
  /** Why the state could not be loaded (worded by the window). */
  error: Problem | null
  info: AppInfo | null
  snapshot: Omit<Snapshot, 'view' | 'sample' | 'history' | 'studio'> | null
  view: QueueState | null
  sample: QueueState | null
  history: LimitSample[]
  /** Row ids the user selected in the open queue. */
  selected: Set<string>
  /** The row open in the review desk, if any. */
  reviewing: string | null
  review(id: string | null): void
  tab: WorkTab
  setTab(tab: WorkTab): void
  /** The photo studio of the open queue. */
  studio: StudioView | null
  /** The row open in the studio's before/after view, if any. */
  comparing: string | null
  compare(id: string | null): void
  setReady(snapshot: Snapshot, info: AppInfo, now: number): void
  fail(problem: Problem): void
  apply(update: WorkspaceUpdate, now: number): void
  /** An update from main: applied at once, or held while the queue is scrolled (`holdUpdates`). */
  receive(update: WorkspaceUpdate, now: number): void
  /** The queue is being scrolled: updates wait until it settles (at most a second). */
  holdUpdates(): void
  select(ids: Iterable<string>, on: boolean): void
  clearSelection(): void
  /** Settings as main just saved them (the answer of a settings request). */
  setSettings(settings: SettingsView): void
}

export type WorkspaceStore = StoreApi<WorkspaceState>

const HISTORY = 300

/** The window's copy of main's state: set once by the ready handshake, then by update batches. */
export function createWorkspaceStore(): WorkspaceStore {
  return createStore<WorkspaceState>()((set) => ({
    ready: false,
    error: null,
    info: null,
    snapshot: null,
    view: null,
    sample: null,
    history: [],
    selected: new Set(),
    reviewing: null,
    review(id) {
      set({ reviewing: id })
    },
    ...studioState(set),
    setReady(snapshot, info, now) {
      set(readyState(snapshot, info, now))
    },
    fail(problem) {
      set({ error: problem, ready: true })
    },
    apply(update, now) {
      set((state) => applyUpdate(state, update, now))
    },
    ...heldUpdates(set),
    select(ids, on) {
      set((state) => ({ selected: toggled(state.selected, ids, on) }))
    },
    clearSelection() {
      set({ selected: new Set() })
    },
    setSettings(settings) {
      set((state) => (state.snapshot ? { snapshot: { ...state.snapshot, settings } } : {}))
    }
  }))
}

/** Updates from main as they arrive, held while the queue is scrolled (see UpdateHold). */
function heldUpdates(
  set: StoreApi<WorkspaceState>['setState']
): Pick<WorkspaceState, 'receive' | 'holdUpdates'> {
  const hold = new UpdateHold<{ update: WorkspaceUpdate; now: number }>((held) =>
    set((state) => applyAll(state, held))
  )
  return {
    receive: (update, now) => hold.push({ update, now }),
    holdUpdates: () => hold.hold()
  }
}

/** Several updates, in order, as one state change. */
function applyAll(
  state: WorkspaceState,
  held: readonly { update: WorkspaceUpdate; now: number }[]
): WorkspaceState {
  return held.reduce((s, { update, now }) => ({ ...s, ...applyUpdate(s, update, now) }), state)
}

/** The tab open, the studio and the photo open in its before/after view. */
function studioState(
  set: StoreApi<WorkspaceState>['setState']
): Pick<WorkspaceState, 'tab' | 'setTab' | 'studio' | 'comparing' | 'compare'> {
  return {
    tab: 'copy',
    setTab: (tab) => set({ tab, reviewing: null, comparing: null }),
    studio: null,
    comparing: null,
    compare: (id) => set({ comparing: id })
  }
}

/** The whole state the ready handshake gives. */
function readyState(snapshot: Snapshot, info: AppInfo, now: number): Partial<WorkspaceState> {
  const { view, sample, history, studio, ...rest } = snapshot
  return {
    studio,
    comparing: null,
    ready: true,
    info,
    snapshot: rest,
    view: view && toQueue(view, now),
    sample: sample && toQueue(sample, now),
    history: history.slice(-HISTORY),
    selected: new Set(),
    reviewing: null
  }
}

function toggled(selected: ReadonlySet<string>, ids: Iterable<string>, on: boolean): Set<string> {
  const next = new Set(selected)
  for (const id of ids) {
    if (on) next.add(id)
    else next.delete(id)
  }
  return next
}

/** One update batch as one state change: replaced queues first, then patches, jobs, history. */
export function applyUpdate(
  state: WorkspaceState,
  update: WorkspaceUpdate,
  now: number
): Partial<WorkspaceState> {
  const next: Partial<WorkspaceState> = {}
  let view = state.view
  let sample = state.sample
  if (update.view !== undefined) {
    view = update.view && toQueue(update.view, now)
    next.selected = new Set()
    if (view?.id !== state.view?.id) next.reviewing = null
  }
  if (update.sample !== undefined) sample = update.sample && toQueue(update.sample, now)
  for (const patch of update.patches ?? []) {
    if (view?.id === patch.viewId) view = patchQueue(view, patch, now)
    else if (sample?.id === patch.viewId) sample = patchQueue(sample, patch, now)
  }
  next.view = view
  next.sample = sample
  if (state.snapshot) {
    const { jobs, connection, templates, settings, modelOffers } = update
    const whole = Object.entries({ jobs, connection, templates, settings, modelOffers }).filter(
      ([, value]) => value !== undefined
    )
    if (whole.length > 0) next.snapshot = { ...state.snapshot, ...Object.fromEntries(whole) }
  }
  if (update.studio !== undefined) {
    next.studio = update.studio
    if (update.studio?.viewId !== state.studio?.viewId) next.comparing = null
  }
  if (update.history) next.history = [...state.history, ...update.history].slice(-HISTORY)
  return next
}

function toQueue(view: OpenView, now: number): QueueState {
  return {
    id: view.id,
    kind: view.kind,
    name: view.name,
    walking: view.walking,
    demo: view.demo,
    options: view.options,
    ids: view.rows.map((row) => row.id),
    rows: new Map(view.rows.map((row) => [row.id, row])),
    version: 0,
    estimate: view.estimate,
    run: view.run,
    runAt: now,
    rowAt: new Map(view.rows.map((row) => [row.id, now]))
  }
}

function patchQueue(queue: QueueState, patch: ViewPatch, now: number): QueueState {
  const next = { ...queue, version: queue.version + 1 }
  const added: string[] = []
  for (const row of patch.rows ?? []) {
    if (!queue.rows.has(row.id)) added.push(row.id)
    queue.rows.set(row.id, row)
    queue.rowAt.set(row.id, now)
  }
  if (added.length > 0) next.ids = [...queue.ids, ...added]
  if (patch.removed?.length) {
    const gone = new Set(patch.removed)
    for (const id of gone) queue.rows.delete(id)
    next.ids = next.ids.filter((id) => !gone.has(id))
  }
  if (patch.walking !== undefined) next.walking = patch.walking
  if (patch.name !== undefined) next.name = patch.name
  if (patch.options) next.options = patch.options
  if (patch.estimate) next.estimate = patch.estimate
  if (patch.run) Object.assign(next, { run: patch.run, runAt: now })
  return next
}
