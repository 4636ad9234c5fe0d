import { execFileSync } from 'node:child_process'
import { copyFile, mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { newJob } from '../../src/core/jobs/new-job'
import { exportJob } from '../../src/core/export/export-job'
import { runJobOnSim } from '../helpers/job-run'
import { testSettings } from '../helpers/job-fixtures'
import { makeJpeg } from '../helpers/images'
import { simulatorPerTest } from '../helpers/sim'
import { tempDir } from '../helpers/temp'

const sims = simulatorPerTest()
const FIXTURES = join(import.meta.dirname, '../fixtures/images')
const LONG_NAME = `${'very-long-product-name-'.repeat(10)}.jpg`

/** One folder of odd files a real drop might hold, and what each must end as. */
async function oddFolder(root: string): Promise<Record<string, RegExp>> {
  const dir = join(root, 'drop')
  await mkdir(dir)
  const put = (name: string, data: Buffer | string): Promise<void> =>
    writeFile(join(dir, name), data)
  await put('zero-bytes.jpg', '')
  await put('really-text.jpg', 'This is a shopping list, not a photo.\n')
  await put(
    'one-pixel.png',
    await sharp({ create: { width: 1, height: 1, channels: 3, background: '#c33' } })
      .png()
      .toBuffer()
  )
  await put(
    'banner-20000-tall.jpg',
    await sharp({ create: { width: 40, height: 20_000, channels: 3, background: '#3c3' } })
      .jpeg()
      .toBuffer()
  )
  // A PNG whose header claims 30,000 × 30,000 (900 MP): a few bytes on disk, over the decode limit.
  await put('pixel-bomb.png', await pixelBomb())
  // 10,000 × 10,000: exactly at the 100 MP limit, so it is read, shrunk and sent.
  await put(
    'hundred-megapixels.jpg',
    await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: '#36c' } })
      .jpeg({ quality: 50 })
      .toBuffer()
  )
  await put('🛍️ sac à main – été.jpg', await makeJpeg(90, 60, 40))
  await put('حقيبة يد.jpg', await makeJpeg(80, 60, 90))
  await put(LONG_NAME, await makeJpeg(70, 60, 140))
  await put('deleted-before-run.jpg', await makeJpeg(60, 60, 200))
  await put('replaced-before-run.jpg', await makeJpeg(100, 50, 10))
  await copyFile(join(FIXTURES, 'truncated.jpg'), join(dir, 'truncated.jpg'))
  await copyFile(join(FIXTURES, 'corrupt-header.jpg'), join(dir, 'corrupt-header.jpg'))
  await symlink(dir, join(dir, 'loop'))
  execFileSync('mkfifo', [join(dir, 'a-pipe.jpg')])
  return {
    'zero-bytes.jpg': /empty|no bytes|0 bytes|not an image|damaged/i,
    'really-text.jpg': /not an image|not a photo|format/i,
    'pixel-bomb.png': /pixel|too large|megapixel/i,
    'corrupt-header.jpg': /damaged|corrupt|can.t be read|not an image/i,
    'a-pipe.jpg': /not a regular file|pipe|device|FIFO/i,
    'deleted-before-run.jpg': /gone|no longer|missing|not found/i
  }
}

/** A real 1×1 PNG whose header is rewritten to claim 30,000 × 30,000 pixels (CRC fixed). */
async function pixelBomb(): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
    .png()
    .toBuffer()
  png.writeUInt32BE(30_000, 16)
  png.writeUInt32BE(30_000, 20)
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29)
  return png
}

describe('hostile and odd input in one drop', () => {
  it('gives every file its own clear result, runs the rest, and writes nothing outside the data folder', async () => {
    const sim = await sims.start({ latencyMs: 5 })
    const root = await tempDir('hostile')
    const expected = await oddFolder(root)
    const dataDir = join(root, 'data')
    const job = await newJob(dataDir, testSettings([join(root, 'drop')]))
    await rm(join(root, 'drop', 'deleted-before-run.jpg'))
    await writeFile(join(root, 'drop', 'replaced-before-run.jpg'), await makeJpeg(50, 100, 250))
    const before = (await readdir(join(root, 'drop'))).sort()
    const { job: after } = await runJobOnSim(dataDir, job.id, { sim })
    const byName = new Map(
      [...after.state.items.values()].flatMap((item) =>
        item.paths.map((p) => [p.split('/').pop()!, item] as const)
      )
    )
    for (const [name, reason] of Object.entries(expected)) {
      const item = byName.get(name)
      expect(item?.status, name).toBe('failed')
      expect(item?.reason, name).toMatch(reason)
    }
    for (const name of [
      'one-pixel.png',
      'banner-20000-tall.jpg',
      'hundred-megapixels.jpg',
      '🛍️ sac à main – été.jpg',
      'حقيبة يد.jpg',
      LONG_NAME,
      'truncated.jpg',
      'replaced-before-run.jpg'
    ])
      expect(byName.get(name)?.status, name).toBe('done')
    // The symlink loop is walked once, not forever; nothing was added to the chosen folder.
    expect(before).toEqual((await readdir(join(root, 'drop'))).sort())
    const out = join(root, 'results.csv')
    await exportJob(after, out, dataDir)
    expect((await readdir(root)).sort()).toEqual(['data', 'drop', 'results.csv'])
  }, 60_000)

  it('a photo this user may not read fails alone, with "permission denied"', async () => {
    const sim = await sims.start({ latencyMs: 5 })
    const root = await tempDir('hostile')
    const drop = join(root, 'drop')
    await mkdir(drop)
    await writeFile(join(drop, 'fine.jpg'), await makeJpeg(90, 60, 30))
    const locked = join(drop, 'locked.jpg')
    await writeFile(locked, await makeJpeg(90, 60, 60))
    if (!lockForThisUser(locked)) {
      console.log('Skipping the unreadable-photo case: root here cannot make a file unreadable.')
      return
    }
    try {
      const dataDir = join(root, 'data')
      const job = await newJob(dataDir, testSettings([drop]))
      const { job: after } = await runJobOnSim(dataDir, job.id, { sim })
      const byName = new Map(
        [...after.state.items.values()].map((item) => [item.paths[0].split('/').pop(), item])
      )
      expect(byName.get('fine.jpg')?.status).toBe('done')
      expect(byName.get('locked.jpg')).toMatchObject({ status: 'failed' })
      expect(byName.get('locked.jpg')?.reason).toMatch(/permission denied/)
    } finally {
      if (process.getuid?.() === 0) execFileSync('umount', [locked])
    }
  }, 30_000)
})

/**
 * Makes `path` unreadable to this process: chmod 000, or for root (who reads any file) a bind
 * mount of a write-only kernel file over it. False when neither can be done here.
 */
function lockForThisUser(path: string): boolean {
  if (process.getuid?.() !== 0) {
    execFileSync('chmod', ['000', path])
    return true
  }
  try {
    execFileSync('mount', ['--bind', '/proc/sys/vm/compact_memory', path], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
