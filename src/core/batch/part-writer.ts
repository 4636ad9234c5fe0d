import { open, type FileHandle } from 'node:fs/promises'
import type { PartLimits } from '@shared/models/batch-limits'
import type { WrittenPart } from '../jobs/batch-state'

/**
 * Writes one batch input file line by line (nothing but ids is held in memory), refusing a line
 * that would take it past the limits; `close` syncs it to disk.
 */
export class PartWriter {
  private readonly written: WrittenPart = {
    ids: [],
    cacheKeys: [],
    lines: 0,
    bytes: 0,
    tokens: 0,
    costUsd: 0
  }

  private constructor(
    private readonly file: FileHandle,
    private readonly limits: PartLimits
  ) {}

  static async create(path: string, limits: PartLimits): Promise<PartWriter> {
    return new PartWriter(await open(path, 'w'), limits)
  }

  get lines(): number {
    return this.written.lines
  }

  /** Whether one more line of `bytes` and `tokens` fits (an empty file takes any one line). */
  fits(bytes: number, tokens: number): boolean {
    if (this.written.lines === 0) return true
    const { maxLines, maxBytes, maxTokens } = this.limits
    return (
      this.written.lines + 1 <= maxLines &&
      this.written.bytes + bytes <= maxBytes &&
      this.written.tokens + tokens <= maxTokens
    )
  }

  async write(
    line: Buffer,
    entry: { id: string; cacheKey: string; tokens: number; costUsd: number; photos?: string[] }
  ): Promise<void> {
    // appendFile writes every byte or throws: a bare write() may write part of a line when the
    // disk fills, and report only how much it wrote.
    await this.file.appendFile(line)
    const w = this.written
    w.ids.push(entry.id)
    w.cacheKeys.push(entry.cacheKey)
    if (entry.photos) (w.products ??= {})[entry.id] = entry.photos
    w.lines++
    w.bytes += line.length
    w.tokens += entry.tokens
    w.costUsd += entry.costUsd
  }

  async close(): Promise<WrittenPart> {
    await this.file.sync()
    await this.file.close()
    return this.written
  }

  /** Closes without keeping what was written (the caller deletes the file). */
  async abandon(): Promise<void> {
    await this.file.close().catch(() => undefined)
  }
}

/** One request as a line of a batch input file. */
export function batchLine(customId: string, body: unknown): Buffer {
  return Buffer.from(
    `${JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body })}\n`
  )
}
