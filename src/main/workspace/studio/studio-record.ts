import { appendFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  studioItemSchema,
  studioOptionsSchema,
  type StudioItem,
  type StudioOptions
} from '@shared/studio/studio-view'
import { z } from 'zod'

const eventSchema = z.union([
  z.object({ t: z.literal('setup'), options: studioOptionsSchema, outDir: z.string().nullable() }),
  z.object({ t: z.literal('item'), item: studioItemSchema }),
  z.object({ t: z.literal('approve'), rowId: z.string(), approved: z.boolean() })
])
export type StudioRecordEvent = z.infer<typeof eventSchema>

/** What a job's studio record holds: the last choices and output folder, every photo's image. */
export interface StudioRecord {
  options?: StudioOptions
  outDir?: string | null
  items: Map<string, StudioItem>
}

const FILE = 'studio.jsonl'

/**
 * Reads a job's studio record (`studio.jsonl` in its folder): the last line of each kind wins; a
 * torn or unreadable line (a crash mid-write) is skipped, never the whole record.
 */
export async function readStudioRecord(jobDir: string): Promise<StudioRecord> {
  const record: StudioRecord = { items: new Map() }
  const text = await readFile(join(jobDir, FILE), 'utf8').catch(() => '')
  for (const line of text.split('\n')) {
    const event = parse(line)
    if (event?.t === 'setup')
      Object.assign(record, { options: event.options, outDir: event.outDir })
    if (event?.t === 'item') record.items.set(event.item.rowId, event.item)
    if (event?.t === 'approve') {
      const item = record.items.get(event.rowId)
      if (item) record.items.set(event.rowId, { ...item, approved: event.approved })
    }
  }
  return record
}

function parse(line: string): StudioRecordEvent | null {
  if (!line.trim()) return null
  try {
    const parsed = eventSchema.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Appends to a job's studio record, one whole line at a time, in order. */
export class StudioRecordWriter {
  private chain: Promise<void> = Promise.resolve()
  /** The first line starts on a line of its own, after a line a crash may have torn. */
  private lead = '\n'

  constructor(private readonly jobDir: string) {}

  /** Settles when every line appended so far is written. */
  written(): Promise<void> {
    return this.chain
  }

  append(event: StudioRecordEvent): Promise<void> {
    const line = `${this.lead}${JSON.stringify(event)}\n`
    this.lead = ''
    this.chain = this.chain.then(() => appendFile(join(this.jobDir, FILE), line))
    return this.chain
  }
}
