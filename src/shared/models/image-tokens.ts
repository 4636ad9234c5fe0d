/** How a model turns an image into tokens (docs/openai.md, Images). */
export type ImageTokenMethod =
  | { kind: 'tile'; base: number; tile: number }
  | { kind: 'patch'; budget: number; multiplier: number }

/** The `detail` values the app sends; `auto` is treated as `high` (the model may choose either). */
export type Detail = 'low' | 'high' | 'auto'

export interface Size {
  width: number
  height: number
}

const TILE = 512
const PATCH = 32
const LOW_BOX = 512

/** Scales a size down (never up) to fit inside a box, keeping the aspect ratio. */
export function fitWithin(size: Size, maxWidth: number, maxHeight: number): Size {
  const scale = Math.min(1, maxWidth / size.width, maxHeight / size.height)
  return scaled(size, scale)
}

function scaled(size: Size, scale: number): Size {
  if (scale >= 1) return { ...size }
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale))
  }
}

/** Tile models at high detail: fit 2048², then shortest side 768 (never upscaled). */
export function tileHighSize(size: Size): Size {
  const boxed = fitWithin(size, 2048, 2048)
  const shortest = Math.min(boxed.width, boxed.height)
  return scaled(boxed, 768 / shortest)
}

/** Patch models: the size the documented shrink rule produces, and its patch count. */
export function patchResize(size: Size, budget: number): { size: Size; patches: number } {
  const original = Math.ceil(size.width / PATCH) * Math.ceil(size.height / PATCH)
  if (original <= budget) return { size: { ...size }, patches: original }
  const shrink = Math.sqrt((PATCH * PATCH * budget) / (size.width * size.height))
  const wPatches = (size.width * shrink) / PATCH
  const hPatches = (size.height * shrink) / PATCH
  const adjusted =
    shrink * Math.min(Math.floor(wPatches) / wPatches, Math.floor(hPatches) / hPatches)
  // 1e-6 absorbs float error so 1056.0000 does not become 1055.
  const resized = {
    width: Math.max(1, Math.floor(size.width * adjusted + 1e-6)),
    height: Math.max(1, Math.floor(size.height * adjusted + 1e-6))
  }
  const patches = Math.ceil(resized.width / PATCH) * Math.ceil(resized.height / PATCH)
  return { size: resized, patches: Math.min(patches, budget) }
}

/** The pixel size the API works from for this detail: what preprocessing should upload. */
export function apiImageSize(size: Size, detail: Detail, method: ImageTokenMethod): Size {
  if (detail === 'low') return fitWithin(size, LOW_BOX, LOW_BOX)
  if (method.kind === 'tile') return tileHighSize(size)
  return patchResize(size, method.budget).size
}

/**
 * Billed tokens for one image. Tile: base (+ tiles at high detail). Patch: patches × multiplier,
 * rounded up; `low` on patch models is taken as the patches of the 512² version (undocumented).
 */
export function imageTokens(size: Size, detail: Detail, method: ImageTokenMethod): number {
  if (method.kind === 'tile') {
    if (detail === 'low') return method.base
    const high = tileHighSize(size)
    const tiles = Math.ceil(high.width / TILE) * Math.ceil(high.height / TILE)
    return method.base + method.tile * tiles
  }
  const source = detail === 'low' ? fitWithin(size, LOW_BOX, LOW_BOX) : size
  const { patches } = patchResize(source, method.budget)
  return Math.ceil(patches * method.multiplier - 1e-9)
}
