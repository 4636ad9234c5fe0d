import { daysBetween } from './lifecycle'

/** How good an image is asked to be (`auto` lets the model choose). */
export const IMAGE_QUALITIES = ['low', 'medium', 'high', 'auto'] as const
export type ImageQuality = (typeof IMAGE_QUALITIES)[number]

/** An OpenAI image model: when it stops, what it costs, what it allows. */
export interface ImageModel {
  id: string
  /** `YYYY-MM-DD` the API stops serving it; none announced when absent. */
  shutdownDate?: string
  /** The model to use instead, once it is gone. */
  replacement?: string
  /** USD per 1M tokens: text in, image in, image out. */
  prices: { textInput: number; imageInput: number; imageOutput: number }
  /** Output image tokens for one 1024×1024 image at each quality (others scale by area). */
  squareOutputTokens: Record<Exclude<ImageQuality, 'auto'>, number>
  /** Images per minute at usage tier 1 (the third-party tier table: a start, learned after). */
  tierOneIpm: number
  /** Any W×H with both sides divisible by 16 (else only the three fixed sizes). */
  freeSizes: boolean
}

/**
 * The image models as of December 2026 (OpenAI's model and deprecation pages, the SDK's image
 * resource; the per-image token figures of gpt-image-2 are third-party and learned from `usage`).
 */
export const IMAGE_MODELS: readonly ImageModel[] = [
  {
    id: 'gpt-image-2',
    prices: { textInput: 5, imageInput: 8, imageOutput: 30 },
    squareOutputTokens: { low: 200, medium: 1_760, high: 7_040 },
    tierOneIpm: 5,
    freeSizes: true
  },
  ...['gpt-image-1', 'gpt-image-1-mini', 'gpt-image-1.5', 'chatgpt-image-latest'].map(
    (id): ImageModel => ({
      id,
      shutdownDate: id === 'gpt-image-1' ? '2026-10-23' : '2026-12-01',
      replacement: 'gpt-image-2',
      prices: { textInput: 5, imageInput: 10, imageOutput: 40 },
      squareOutputTokens: { low: 272, medium: 1_056, high: 4_160 },
      tierOneIpm: 5,
      freeSizes: false
    })
  )
]

/** Looks an image model up by id, accepting dated snapshots (`gpt-image-2-2026-04-21`). */
export function findImageModel(id: string): ImageModel | undefined {
  const base = id.replace(/-\d{4}-\d{2}-\d{2}$/, '')
  return IMAGE_MODELS.find((m) => m.id === id || m.id === base)
}

/**
 * Why an image model cannot be used on `today` (`YYYY-MM-DD`, given: nothing here reads a clock):
 * shut down, with the model to use instead; null when it can (or is not in the catalog).
 */
export function imageModelGone(
  id: string,
  today: string
): { shutdownDate: string; replacement?: string } | null {
  const model = findImageModel(id)
  if (!model?.shutdownDate || daysBetween(today, model.shutdownDate) > 0) return null
  return { shutdownDate: model.shutdownDate, replacement: model.replacement }
}

/** Output tokens of one image of `width`×`height` at `quality` (`auto`: medium), by area. */
export function outputImageTokens(
  model: ImageModel,
  width: number,
  height: number,
  quality: ImageQuality
): number {
  const square = model.squareOutputTokens[quality === 'auto' ? 'medium' : quality]
  return Math.round((square * width * height) / (1024 * 1024))
}

/** What one edited image is expected to cost: its output tokens, plus its inputs. */
export function imageCostUsd(
  model: ImageModel,
  out: { width: number; height: number; quality: ImageQuality },
  input: { textTokens: number; imageTokens: number }
): number {
  const outputTokens = outputImageTokens(model, out.width, out.height, out.quality)
  return tokensCostUsd(model, { ...input, outputTokens })
}

/** What image tokens cost at the model's prices: text and photos in, the image out. */
export function tokensCostUsd(
  model: ImageModel,
  tokens: { textTokens: number; imageTokens: number; outputTokens: number }
): number {
  const { prices } = model
  return (
    (tokens.textTokens * prices.textInput +
      tokens.imageTokens * prices.imageInput +
      tokens.outputTokens * prices.imageOutput) /
    1_000_000
  )
}

/**
 * Usage tiers of the image models (third-party table for gpt-image-2, April 2026): images and
 * tokens per minute, tier 1 to 5.
 */
export const IMAGE_TIERS: readonly { ipm: number; tpm: number }[] = [
  { ipm: 5, tpm: 100_000 },
  { ipm: 20, tpm: 250_000 },
  { ipm: 50, tpm: 800_000 },
  { ipm: 150, tpm: 3_000_000 },
  { ipm: 250, tpm: 8_000_000 }
]

/** The tokens per minute that go with `ipm` images per minute: the smallest tier that allows it. */
export function tierTpm(ipm: number): number {
  const tier = IMAGE_TIERS.find((t) => t.ipm >= ipm)
  if (tier) return tier.tpm
  const top = IMAGE_TIERS.at(-1)!
  return Math.round((top.tpm / top.ipm) * ipm)
}
