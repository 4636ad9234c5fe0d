import { join } from 'node:path'
import { writeFile } from 'node:fs/promises'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { PreparedImageCache } from '../../../src/core/images/cache'
import { createPreparer } from '../../../src/core/images/prepare'
import { preprocessImage } from '../../../src/core/images/preprocess'
import { spreadsheetThumbnail } from '../../../src/core/images/thumbnail'
import { makeJpeg } from '../../helpers/images'
import { gpt4oSettings } from '../../helpers/preprocess-settings'
import { tempDir } from '../../helpers/temp'

const settings = gpt4oSettings('low')

describe('thumbnails for spreadsheets', () => {
  it('are made on export from the prepared image: a JPEG of about 160 px', async () => {
    const prepared = await preprocessImage(await makeJpeg(1600, 1200), settings)
    const meta = await sharp(await spreadsheetThumbnail({ prepared })).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 160, 120])
  })

  it('come from the WebP an entry cached before still carries', async () => {
    const prepared = await preprocessImage(await makeJpeg(1600, 1200), settings)
    const webp = await sharp(await makeJpeg(80, 40))
      .webp()
      .toBuffer()
    const meta = await sharp(await spreadsheetThumbnail({ prepared, thumbnail: webp })).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 80, 40])
  })

  it('are not made when a photo is prepared, and older entries keep theirs', async () => {
    const dir = await tempDir('thumbs')
    const photo = join(dir, 'shoe.jpg')
    await writeFile(photo, await makeJpeg(1200, 900))
    const cache = await PreparedImageCache.open(join(dir, 'cache'), 50_000_000)
    const outcome = await createPreparer(settings, cache)({ id: '1', path: photo })
    await cache.idle()
    if (!outcome.ok) throw new Error('unreachable')
    expect(outcome.image.thumbnail).toBeUndefined()
    const reopened = await PreparedImageCache.open(join(dir, 'cache'), 50_000_000)
    await reopened.put('older', {
      prepared: outcome.image.prepared,
      thumbnail: Buffer.from('webp')
    })
    await reopened.idle()
    const older = await (await PreparedImageCache.open(join(dir, 'cache'), 50_000_000)).get('older')
    expect(older?.thumbnail?.toString()).toBe('webp')
    expect(older?.prepared.data.equals(outcome.image.prepared.data)).toBe(true)
  })
})
