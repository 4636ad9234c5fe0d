/** Where one batch file stands: built on disk, uploaded, a batch made of it, settled. */
export interface BatchPart {
  /** 1-based, in the order the parts were built. */
  n: number
  /** The job items whose lines the file holds (`custom_id` = item id). */
  ids: string[]
  /** Each line's result-cache key, in the order of `ids`. */
  cacheKeys: string[]
  /** Lines that carry a product's photos: the line's id → every photo's id, that one first. */
  products?: Record<string, string[]>
  /** The file under the job's folder. */
  file: string
  lines: number
  bytes: number
  /** Input tokens the lines will enqueue (the Batch API's limit counts them). */
  tokens: number
  /** What the budget reserved for the part at Batch prices until its answers are priced. */
  costUsd: number
  /** Batches of this file the server refused (a full queue), never to be taken for the current one. */
  refused: string[]
  /** An upload was started: it may have reached the server even if no answer came back. */
  uploading: boolean
  fileId?: string
  /** A batch was asked for: it may exist even if no answer came back. */
  creating: boolean
  batchId?: string
  keyId?: string
  /** The server's word for the batch (validating, in_progress, …) once it exists. */
  status?: string
  counts?: BatchCounts
  /** Every line of the part has been recorded (or the part was refused for good). */
  settled: boolean
  /** Why the part was refused, when it was. */
  problem?: string
}

export interface BatchCounts {
  total: number
  completed: number
  failed: number
}

/** What a closed batch file holds: its lines' ids and cache keys, sizes, tokens, reserved money. */
export interface WrittenPart {
  ids: string[]
  cacheKeys: string[]
  products?: Record<string, string[]>
  lines: number
  bytes: number
  tokens: number
  costUsd: number
}

/** What the journal says about a job's batches. */
export interface BatchState {
  parts: Map<number, BatchPart>
  /** The enqueued-token limit a refusal named (it wins over the catalog and Settings). */
  learnedLimit?: number
  /** A person asked for the open batches to be cancelled. */
  cancelRequested: boolean
  /** Item id → part number, for the item's latest part (built on demand). */
  partOfItem?: Map<string, number>
}

/** The batch lines of `journal.jsonl`: every id is journaled before the step after it. */
export type BatchEvent =
  | ({ e: 'batch-part'; part: number; file: string } & WrittenPart)
  | { e: 'batch-uploading'; part: number; keyId: string; at: number }
  | { e: 'batch-uploaded'; part: number; fileId: string; at: number }
  | { e: 'batch-creating'; part: number; keyId: string; at: number }
  | { e: 'batch-created'; part: number; batchId: string; keyId: string; at: number }
  | { e: 'batch-status'; part: number; status: string; counts?: BatchCounts; at: number }
  /** The batch failed before running: `retry` puts the file back to be submitted again (a full queue). */
  | { e: 'batch-refused'; part: number; code: string; message: string; retry: boolean; at: number }
  | { e: 'batch-limit'; tokens: number; at: number }
  | { e: 'batch-settled'; part: number; at: number }
  | { e: 'batch-cancel'; at: number }

export function emptyBatchState(): BatchState {
  return { parts: new Map(), cancelRequested: false }
}

/** Applies one batch event (replay, and live after an append). */
export function applyBatchEvent(state: BatchState, event: BatchEvent): void {
  if (event.e === 'batch-part') return addPart(state, event)
  if (event.e === 'batch-limit') return void (state.learnedLimit = event.tokens)
  if (event.e === 'batch-cancel') return void (state.cancelRequested = true)
  const part = state.parts.get(event.part)
  if (!part) return
  switch (event.e) {
    case 'batch-uploading':
      return void Object.assign(part, { uploading: true, keyId: event.keyId })
    case 'batch-uploaded':
      return void Object.assign(part, { fileId: event.fileId, uploading: false })
    case 'batch-creating':
      return void Object.assign(part, { creating: true, keyId: event.keyId })
    case 'batch-created':
      return void Object.assign(part, {
        batchId: event.batchId,
        keyId: event.keyId,
        creating: false,
        status: 'validating'
      })
    case 'batch-status':
      return void Object.assign(part, { status: event.status, counts: event.counts ?? part.counts })
    case 'batch-refused':
      refuse(part, event)
      return settled(state)
    case 'batch-settled':
      part.settled = true
      return settled(state)
  }
}

function addPart(state: BatchState, event: Extract<BatchEvent, { e: 'batch-part' }>): void {
  const { part: n, file, ids, cacheKeys, lines, bytes, tokens, costUsd, products } = event
  state.parts.set(n, {
    ...{ n, file, ids, cacheKeys, lines, bytes, tokens, costUsd },
    ...(products ? { products } : {}),
    ...{ refused: [], uploading: false, creating: false, settled: false }
  })
  state.partOfItem = undefined
}

/** A cancel has been carried out once nothing is open any more. */
function settled(state: BatchState): void {
  if (openParts(state).length === 0) state.cancelRequested = false
}

function refuse(part: BatchPart, event: Extract<BatchEvent, { e: 'batch-refused' }>): void {
  part.problem = event.message
  part.status = 'failed'
  if (part.batchId) part.refused.push(part.batchId)
  if (event.retry) Object.assign(part, { batchId: undefined, creating: false, status: undefined })
  else part.settled = true
}

/** The parts not settled yet, in order. */
export function openParts(state: BatchState): BatchPart[] {
  return [...state.parts.values()].filter((part) => !part.settled)
}

/** Every photo a part's lines carry: each line's, and the other photos of a product's line. */
export function partPhotos(part: Pick<BatchPart, 'ids' | 'products'>): string[] {
  if (!part.products) return part.ids
  return part.ids.flatMap((id) => part.products?.[id] ?? [id])
}

/** The photos one line of a part carries (a product's), lead first; undefined for one photo. */
export function linePhotos(part: Pick<BatchPart, 'products'>, id: string): string[] | undefined {
  return part.products && Object.hasOwn(part.products, id) ? part.products[id] : undefined
}

/** The latest part an item's line went into, if any. */
export function partOf(state: BatchState, itemId: string): BatchPart | undefined {
  if (!state.partOfItem) {
    state.partOfItem = new Map()
    for (const part of state.parts.values())
      for (const id of partPhotos(part)) state.partOfItem.set(id, part.n)
  }
  const n = state.partOfItem.get(itemId)
  return n === undefined ? undefined : state.parts.get(n)
}

/** Statuses after which a batch changes no more. */
export const FINAL_BATCH_STATUSES: ReadonlySet<string> = new Set([
  'completed',
  'expired',
  'failed',
  'cancelled'
])
