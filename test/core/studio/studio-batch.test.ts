import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { StudioBatch, askedRecipe, findRecipe, studioPhotos } from '../../../src/core'
import type { BatchClient, RemoteBatch } from '../../../src/core/batch/batch-client'
import { makeJpeg } from '../../helpers/images'
import { tempDir } from '../../helpers/temp'

/** A Batch API that creates the batch and then loses the answer to the create call, once. */
function losingClient(): BatchClient & { creates: number; batches: RemoteBatch[] } {
  const batches: RemoteBatch[] = []
  let lost = false
  const client = {
    creates: 0,
    batches,
    upload: async () => 'file-abc123',
    findUpload: async () => null,
    create: async (_key: string, fileId: string) => {
      client.creates++
      const batch: RemoteBatch = {
        id: `batch_${client.creates}`,
        status: 'in_progress',
        inputFileId: fileId,
        outputFileId: null,
        errorFileId: null,
        counts: { total: 3, completed: 0, failed: 0 },
        errors: [],
        metadata: {}
      }
      batches.push(batch)
      if (!lost) {
        lost = true
        throw new Error('socket hang up')
      }
      return batch
    },
    list: async () => ({ batches: [...batches].reverse(), hasMore: false, lastId: null }),
    retrieve: async (_key: string, id: string) => batches.find((b) => b.id === id)!,
    cancel: async () => {},
    download: async () => {}
  }
  return client
}

describe('studio batches', () => {
  it('finds a batch whose creation answer was lost by its input file, and never creates it twice', async () => {
    const root = await tempDir('studio-batch-lost')
    const dir = join(root, 'photos')
    await mkdir(dir)
    for (let i = 0; i < 3; i++)
      await writeFile(join(dir, `P${i}.jpg`), await makeJpeg(120 + i, 90, i * 50))
    const recipe = askedRecipe(findRecipe('white-background')!, { quality: 'low' })
    const client = losingClient()
    const batch = new StudioBatch(recipe, client, 'k1', join(root, 'cache'))
    const photos = await studioPhotos([dir])
    await expect(batch.submit(photos)).rejects.toThrow('socket hang up')
    expect(client.creates).toBe(1)
    // The next run: the record names the uploaded file; the batch is found by it, still running.
    const home = await batch.collect()
    expect(home.running.map((b) => b.id)).toEqual(['batch_1'])
    expect(client.creates).toBe(1)
    // Its photos are in a running batch: submitting again sends none of them.
    expect(await batch.submit(photos)).toEqual([])
    expect(client.creates).toBe(1)
  })
})
