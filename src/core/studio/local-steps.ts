import sharp, { type Sharp } from 'sharp'
import type { LocalStep, Recipe } from './recipes'

/** A local step that refuses a photo (too small for the shop): said, never silently upscaled. */
export class StepRefusal extends Error {}

/**
 * Runs a recipe's local steps on an image (the model's, or the photo itself) and encodes it in the
 * recipe's format. Nothing is upscaled: a photo below a shop's minimum is refused with its size.
 */
export async function runLocalSteps(input: Buffer, recipe: Recipe): Promise<Buffer> {
  let image = sharp(input).rotate()
  for (const step of recipe.after) image = await applyStep(image, step)
  if (recipe.outputFormat === 'png') return image.png().toBuffer()
  if (recipe.outputFormat === 'webp') return image.webp({ quality: 90 }).toBuffer()
  return image.flatten({ background: '#ffffff' }).jpeg({ quality: 92, mozjpeg: true }).toBuffer()
}

async function applyStep(image: Sharp, step: LocalStep): Promise<Sharp> {
  const buffer = await image.toBuffer({ resolveWithObject: true })
  const { width, height } = buffer.info
  const fresh = sharp(buffer.data)
  switch (step.step) {
    case 'square': {
      const side = Math.max(width, height)
      return fresh.resize(side, side, { fit: 'contain', background: step.background })
    }
    case 'min-size':
      if (Math.max(width, height) < step.px)
        throw new StepRefusal(
          `${width}×${height} px is below the ${step.px} px the shop asks for on the longest side; it is not upscaled.`
        )
      return fresh
    case 'resize':
      return fresh.resize(step.longSide, step.longSide, { fit: 'inside', withoutEnlargement: true })
  }
}
