import { readdir, readFile, writeFile } from 'node:fs/promises'
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
})
