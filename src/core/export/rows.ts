import { skuOf } from '@shared/domain/sku'
import type { JobItem, JobState } from '../jobs/job-state'
import type { Verdict } from '../jobs/journal-events'
import { relativePath } from './shop/image-url'

/** Where a job's photos came from, to name each row by its path below its folder and its SKU. */
export interface RowSource {
  inputs: readonly string[]
  skuPattern?: string
}

/** One spreadsheet row: one per photo path (duplicates share the answer). */
export interface ResultRow {
  file: string
  folder: string
  /** The photo's path below the folder it was added from (`shop/TSHIRT-01_front.jpg`). */
  relative: string
  sku: string
  status: 'done' | 'failed' | 'pending'
  /** A person's judgement of the answer in the review desk, when given. */
  verdict: Verdict | ''
  reason: string
  fields: Record<string, unknown>
  model: string
  tokensIn: number
  tokensOut: number
  costUsd: number
  durationMs: number
  fromCache: boolean
}

/** Rows to write, counted first, made as they are read (a writer may read them more than once). */
export interface RowList extends Iterable<ResultRow> {
  readonly length: number
}

/**
 * Every path of every item, in the order the job found them; `approvedOnly`: approved answers.
 * Rows are made as a writer reads them, never all at once: 100,000 rows held whole would double
 * an export's memory.
 */
export function resultRows(
  state: JobState,
  approvedOnly = false,
  source: RowSource = { inputs: [] }
): RowList {
  const chosen = (): JobItem[] => {
    const items = [...state.items.values()]
    return approvedOnly ? items.filter((item) => item.verdict === 'approved') : items
  }
  return {
    length: chosen().reduce((sum, item) => sum + item.paths.length, 0),
    *[Symbol.iterator]() {
      for (const item of chosen()) for (const path of item.paths) yield row(item, path, source)
    }
  }
}

function row(item: JobItem, path: string, source: RowSource): ResultRow {
  const parts = path.split(/[\\/]/)
  const result = item.result
  const file = parts.at(-1) ?? path
  return {
    file,
    folder: parts.slice(0, -1).join('/'),
    relative: relativePath(path, source.inputs),
    sku: skuOf(file, source.skuPattern),
    status: item.status,
    verdict: item.verdict ?? '',
    reason: item.reason ?? result?.review ?? '',
    fields: result?.fields ?? {},
    model: result?.model ?? '',
    tokensIn: result?.promptTokens ?? 0,
    tokensOut: result?.completionTokens ?? 0,
    costUsd: result?.costUsd ?? 0,
    durationMs: Math.round(result?.latencyMs ?? 0),
    fromCache: result?.fromCache ?? false
  }
}
