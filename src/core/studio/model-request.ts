import { readFile } from 'node:fs/promises'
import { nameOf } from '@shared/domain/product-groups'
import {
  sendImageEdit,
  sendImageGeneration,
  type ImageCall,
  type ImageFile,
  type ImageOutcome
} from './image-request'
import { promptFor, type Recipe } from './recipes'
import { studioCacheKey } from './studio-output'
import type { StudioPhoto } from './studio-photo'

/** Photos one edit may carry besides the lead (the endpoint's 16 in all). */
const MAX_ALSO = 15

/** What the model is asked for a photo: an edit of it (and its product's others), or words alone. */
export type ModelRequest =
  { kind: 'edit'; photos: ImageFile[]; mask?: ImageFile } | { kind: 'generate'; prompt: string }

/** A photo read for its recipe: its bytes, the cache key of its image, what the model is asked. */
export interface PhotoAsk {
  bytes: Buffer
  key: string
  /** None for a recipe of local steps only. */
  request: ModelRequest | null
}

/**
 * Reads what a photo's image needs: the photo, the product's other photos and the photo's mask
 * for an edit (all in the cache key, in order), or the filled prompt for a generation (the key is
 * the prompt, so photos of one product name share one image).
 */
export async function photoAsk(photo: StudioPhoto, recipe: Recipe): Promise<PhotoAsk> {
  const bytes = await readFile(photo.path)
  const ask = recipe.ask
  if (!ask) return { bytes, key: studioCacheKey(bytes, recipe), request: null }
  if (ask.generate) {
    const prompt = promptFor(ask, nameOf(photo.relative))
    const key = studioCacheKey([Buffer.from(`\0generate\0${prompt}`)], recipe)
    return { bytes, key, request: { kind: 'generate', prompt } }
  }
  const paths = [photo.path, ...(photo.also ?? []).slice(0, MAX_ALSO)]
  const names = [photo.relative, ...paths.slice(1)].map(nameOf)
  const inputs = [bytes, ...(await Promise.all(paths.slice(1).map((path) => readFile(path))))]
  const photos = inputs.map((b, i) => ({ bytes: b, name: names[i], type: mimeOf(names[i]) }))
  const maskBytes = photo.mask ? await readFile(photo.mask) : null
  const keyed = maskBytes
    ? [...inputs, Buffer.concat([Buffer.from('\0mask\0'), maskBytes])]
    : inputs
  const mask = maskBytes ? { bytes: maskBytes, name: 'mask.png', type: 'image/png' } : undefined
  return {
    bytes,
    key: studioCacheKey(keyed, recipe),
    request: { kind: 'edit', photos, ...(mask ? { mask } : {}) }
  }
}

/** Sends a photo's request on a key. */
export function sendModelRequest(
  call: ImageCall,
  recipe: Recipe,
  request: ModelRequest
): Promise<ImageOutcome> {
  if (request.kind === 'generate')
    return sendImageGeneration(call, recipe.ask!, recipe.outputFormat, request.prompt)
  return sendImageEdit(call, recipe.ask!, recipe.outputFormat, request.photos, request.mask)
}

function mimeOf(name: string): string {
  if (/\.png$/i.test(name)) return 'image/png'
  if (/\.webp$/i.test(name)) return 'image/webp'
  return 'image/jpeg'
}
