import { chmod, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findModel } from '@shared/models/catalog'
import { PreparedImageCache, cacheKey } from '../../../src/core/images/cache'
import { boundedMap } from '../../../src/core/images/lookahead'
import { createPreparer } from '../../../src/core/images/prepare'
import { makeJpeg } from '../../helpers/images'
import { gpt4oSettings } from '../../helpers/preprocess-settings'
import { tempDir } from '../../helpers/temp'

const settings = gpt4oSettings('low')

describe('prepared-image cache', () => {
  it('keys by content and every setting that changes the output', () => {
    const key = cacheKey('abc', settings)
    expect(cacheKey('abc', settings)).toBe(key)
    expect(cacheKey('abd', settings)).not.toBe(key)
    expect(cacheKey('abc', { ...settings, detail: 'high' })).not.toBe(key)
    expect(cacheKey('abc', { ...settings, jpegQuality: 70 })).not.toBe(key)
    expect(cacheKey('abc', { ...settings, method: findModel('gpt-5-mini')!.imageTokens })).not.toBe(
      key
    )
  })

  it('serves a second preparation of the same photo from disk, across restarts', async () => {
    const dir = await tempDir('cache')
    const photo = join(dir, 'shoe.jpg')
    await writeFile(photo, await makeJpeg(1200, 900))
    const cache = await PreparedImageCache.open(join(dir, 'cache'), 50_000_000)
    const first = await createPreparer(settings, cache)({ id: '1', path: photo })
    await cache.idle()
    const second = await createPreparer(
      settings,
      await PreparedImageCache.open(join(dir, 'cache'), 50_000_000)
    )({ id: '1', path: photo })
    expect(first).toMatchObject({ ok: true, fromCache: false })
    expect(second).toMatchObject({ ok: true, fromCache: true })
    if (!first.ok || !second.ok) throw new Error('unreachable')
    expect(second.image.prepared.data.equals(first.image.prepared.data)).toBe(true)
    expect(second.image.prepared).toMatchObject({ width: 512, height: 384, mime: 'image/jpeg' })
    expect(second.sha256).toBe(first.sha256)
  })

  it('stays under its size bound by removing the least recently used', async () => {
    const dir = await tempDir('cache')
    const photos = await Promise.all(
      [1, 2, 3].map(async (i) => ({
        id: String(i),
        path: join(dir, `${i}.jpg`),
        bytes: await makeJpeg(900, 600, i * 60)
      }))
    )
    for (const photo of photos) await writeFile(photo.path, photo.bytes)
    const probe = await createPreparer(settings, null)(photos[0])
    if (!probe.ok) throw new Error('unreachable')
    const entrySize = probe.image.prepared.data.length + 300
    const cache = await PreparedImageCache.open(join(dir, 'cache'), entrySize * 2)
    const prepare = createPreparer(settings, cache)
    for (const index of [0, 1, 0, 2]) {
      await prepare(photos[index])
      await cache.idle()
    }
    expect(cache.sizeBytes).toBeLessThanOrEqual(entrySize * 2)
    expect(await prepare(photos[0])).toMatchObject({ fromCache: true })
    await cache.idle()
    expect(await prepare(photos[1])).toMatchObject({ fromCache: false })
  })

  it('turns an unreadable file into a failed item with the reason', async () => {
    const dir = await tempDir('cache')
    const missing = await createPreparer(settings, null)({ id: 'x', path: join(dir, 'nope.jpg') })
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'unreadable', message: "Photoscribe can't open this file (the file is gone)." }
    })
    const locked = join(dir, 'locked.jpg')
    await writeFile(locked, await makeJpeg(10, 10))
    await chmod(locked, 0o000)
    const outcome = await createPreparer(settings, null)({ id: 'y', path: locked })
    // root can read anything; elsewhere the permission error must come back as a reason.
    if (process.getuid?.() !== 0)
      expect(outcome).toMatchObject({ ok: false, error: { code: 'unreadable' } })
  })
})

describe('boundedMap (look-ahead)', () => {
  it('never holds more than `limit` results, and yields every item once', async () => {
    let held = 0
    let maxHeld = 0
    const work = async (n: number): Promise<number> => {
      held++
      maxHeld = Math.max(maxHeld, held)
      await new Promise((resolve) => setTimeout(resolve, (n * 7) % 5))
      return n
    }
    const seen: number[] = []
    for await (const n of boundedMap(
      Array.from({ length: 50 }, (_, i) => i),
      work,
      4
    )) {
      held--
      seen.push(n)
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    expect(maxHeld).toBeLessThanOrEqual(4)
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i))
  })
})
