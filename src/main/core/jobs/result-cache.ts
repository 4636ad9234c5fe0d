import { createHash } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from './atomic-file'
import type { ItemResult } from './journal-events'

/** The result-cache key: the same photo, model, detail, prompt and schema get the same answer. */
export function resultKey(
  sha256: string,
  model: string,
  detail: string,
  promptKey: string
): string {
  return createHash('sha256')
    .update(JSON.stringify([sha256, model, detail, promptKey]))
    .digest('hex')
}

/** Answers kept across jobs: an identical request is served from here for free. */
export class ResultCache {
  constructor(private readonly dir: string) {}

  async get(key: string): Promise<ItemResult | null> {
    try {
      return JSON.parse(await readFile(this.path(key), 'utf8')) as ItemResult
    } catch {
      return null
    }
  }

  async put(key: string, result: ItemResult): Promise<void> {
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true })
    await writeFileAtomic(this.path(key), JSON.stringify({ ...result, fromCache: false }))
  }

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`)
  }
}
