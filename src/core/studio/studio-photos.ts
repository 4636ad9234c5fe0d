import { resolve } from 'node:path'
import { listFiles } from '../ingest/ingest'
import { relativePath } from '../export/shop/image-url'
import type { StudioPhoto } from './studio-run'

/** The photos under `inputs`, each with its path below the folder it was chosen in. */
export async function studioPhotos(inputs: readonly string[]): Promise<StudioPhoto[]> {
  const roots = inputs.map((input) => resolve(input))
  const { files } = await listFiles(roots)
  return files.map((path) => ({ path, relative: relativePath(path, roots) }))
}
