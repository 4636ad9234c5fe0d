import { createHash } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { endpointId, type EndpointRef } from '../openai/endpoint'
import type { ChatBody } from '../openai/transport'
import { replaceFile } from '../files/atomic-file'
import type { ItemResult } from './journal-events'

/**
 * The result-cache key: the endpoint and the whole request body, which holds the bytes of the
 * photo as sent, the model, detail, prompt, schema and every other setting that changes the
 * request. Only an identical request to the same endpoint gets the same answer.
 */
export function resultKey(endpoint: EndpointRef, body: ChatBody): string {
  return createHash('sha256')
    .update(endpointId(endpoint))
    .update('\n')
    .update(JSON.stringify(body))
    .digest('hex')
}

/**
 * Answers kept across jobs: an identical request is served from here for free. An entry is
 * replaced whole but not forced to disk (the job's journal is the answer's durable record): one
 * a crash left empty or torn reads as a miss.
 */
export class ResultCache {
  /** Shard folders made by this process: one `mkdir` each, not one per answer. */
  private readonly made = new Set<string>()

  constructor(private readonly dir: string) {}

  async get(key: string): Promise<ItemResult | null> {
    try {
      return JSON.parse(await readFile(this.path(key), 'utf8')) as ItemResult
    } catch {
      return null
    }
  }

  async put(key: string, result: ItemResult): Promise<void> {
    const shard = key.slice(0, 2)
    if (!this.made.has(shard)) {
      await mkdir(join(this.dir, shard), { recursive: true })
      this.made.add(shard)
    }
    const text = JSON.stringify({ ...result, fromCache: false })
    await replaceFile(this.path(key), text).catch(async (error: NodeJS.ErrnoException) => {
      // The folder went away while the app ran (the cache was cleared): make it again, once.
      if (error.code !== 'ENOENT') throw error
      await mkdir(join(this.dir, shard), { recursive: true })
      await replaceFile(this.path(key), text)
    })
  }

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`)
  }
}
