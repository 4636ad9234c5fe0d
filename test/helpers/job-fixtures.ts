import { jobSpecSchema } from '@shared/domain/job-spec'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { JobSettings } from '../../src/core/jobs/job-store'
import { makeJpeg } from './images'
import { tempDir } from './temp'

/** A temp folder with `n` distinct small product-like JPEGs; returns the folder and data dir. */
export async function photoFolder(n: number): Promise<{ photos: string; dataDir: string }> {
  const root = await tempDir('job')
  const photos = join(root, 'photos')
  const { mkdir } = await import('node:fs/promises')
  await mkdir(photos)
  for (let i = 0; i < n; i++)
    await writeFile(
      join(photos, `IMG_${String(i).padStart(4, '0')}.jpg`),
      await makeJpeg(120 + i, 90, (i * 37) % 255)
    )
  return { photos, dataDir: join(root, 'data') }
}

/** Job settings for tests: gpt-4o, low detail, the simulator's limits. */
export function testSettings(inputs: string[], extra: Partial<JobSettings> = {}): JobSettings {
  // Through the job's one schema, as job.json is read: its defaults fill what is left out.
  const spec = jobSpecSchema.parse({
    name: 'test job',
    inputs,
    templateId: 'seo-meta',
    language: 'English',
    model: 'gpt-4o',
    detail: 'low',
    rpm: 6000,
    tpm: 10_000_000,
    maxConcurrency: 50,
    imageAdmission: 'formula',
    jpegQuality: 85,
    endpoint: { kind: 'compatible', baseURL: 'http://127.0.0.1/simulator' },
    createdAt: new Date().toISOString(),
    ...extra
  })
  return { ...spec, ...extra, endpoint: extra.endpoint ?? spec.endpoint! }
}
