import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ResultCache } from '../../../src/core/jobs/result-cache'
import type { ItemResult } from '../../../src/core/jobs/journal-events'
import { tempDir } from '../../helpers/temp'

const KEY = 'ab'.padEnd(64, '0')
const ANSWER = { text: 'A red chair.', costUsd: 0.0002 } as unknown as ItemResult

describe('the result cache (answers kept across jobs)', () => {
  it('gives back what was put, whole, and leaves no temporary file', async () => {
    const dir = await tempDir('result-cache')
    const cache = new ResultCache(dir)
    await cache.put(KEY, ANSWER)
    expect(await cache.get(KEY)).toMatchObject({ text: 'A red chair.', fromCache: false })
    expect(await readdir(join(dir, 'ab'))).toEqual([`${KEY}.json`])
  })

  it('takes an entry a crash left empty or torn as a miss, never as an answer', async () => {
    const dir = await tempDir('result-cache-torn')
    const cache = new ResultCache(dir)
    await cache.put(KEY, ANSWER)
    const path = join(dir, 'ab', `${KEY}.json`)
    const whole = await readFile(path, 'utf8')
    await writeFile(path, whole.slice(0, whole.length - 5))
    expect(await cache.get(KEY)).toBeNull()
    await writeFile(path, '')
    expect(await cache.get(KEY)).toBeNull()
    await cache.put(KEY, ANSWER)
    expect(await cache.get(KEY)).toMatchObject({ text: 'A red chair.' })
  })

  it('makes a shard folder once, and again if it was removed while the app ran', async () => {
    const dir = await tempDir('result-cache-cleared')
    const cache = new ResultCache(dir)
    await cache.put(KEY, ANSWER)
    await rm(dir, { recursive: true })
    await cache.put(KEY, ANSWER)
    expect(await cache.get(KEY)).toMatchObject({ text: 'A red chair.' })
    const sibling = 'ab'.padEnd(64, '1')
    await cache.put(sibling, ANSWER)
    expect((await readdir(join(dir, 'ab'))).sort()).toEqual([`${KEY}.json`, `${sibling}.json`])
  })
})
