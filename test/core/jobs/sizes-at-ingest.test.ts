import { copyFile, mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { newJob } from '../../../src/core/jobs/new-job'
import { estimateFromPhotos } from '../../../src/core/jobs/dry-run'
import { testSettings } from '../../helpers/job-fixtures'
import { tempDir } from '../../helpers/temp'

const FIXTURES = join(import.meta.dirname, '../../fixtures/images')

describe('photo sizes read while hashing', () => {
  it('journals each readable photo’s upright size with it (EXIF rotation applied), and the dry run estimates from those', async () => {
    const root = await tempDir('sizes-at-ingest')
    const drop = join(root, 'drop')
    await mkdir(drop)
    for (const name of ['Landscape_6.jpg', 'Portrait_8.jpg', 'with-alpha.png', 'G31D.TIF'])
      await copyFile(join(FIXTURES, name), join(drop, name))
    const job = await newJob(join(root, 'data'), testSettings([drop]))
    const journal = (await readFile(job.journalPath, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { e: string; paths?: string[]; size?: unknown })
      .filter((event) => event.e === 'added')
    for (const event of journal) {
      const meta = await sharp(join(job.settings.photoRoot!, event.paths![0])).metadata()
      const upright = meta.autoOrient ?? { width: meta.width, height: meta.height }
      // TIFF is not parsed here: sharp reads it when the estimate asks.
      if (event.paths![0].endsWith('.TIF')) expect(event.size).toBeUndefined()
      else expect(event.size).toEqual(upright)
    }
    const estimate = await estimateFromPhotos(job.state, job.settings, [{ rpm: 500, tpm: 200_000 }])
    expect(estimate.unreadable).toBe(0)
    expect(estimate.requests).toBe(journal.length)
  })
})
