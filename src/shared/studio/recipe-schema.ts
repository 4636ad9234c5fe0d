import { z } from 'zod'
import { IMAGE_QUALITIES } from '../models/image-models'

const localStep = z.discriminatedUnion('step', [
  z
    .object({ step: z.literal('square'), background: z.string().regex(/^#[0-9a-fA-F]{6}$/) })
    .strict(),
  z.object({ step: z.literal('min-size'), px: z.number().int().min(1).max(20_000) }).strict(),
  z.object({ step: z.literal('resize'), longSide: z.number().int().min(16).max(20_000) }).strict()
])

/** A recipe as saved and edited (JSON): every field checked, nothing else allowed. */
export const recipeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/),
    name: z.string().trim().min(1).max(80),
    ask: z
      .object({
        prompt: z.string().trim().min(1).max(32_000),
        model: z.string().trim().min(1).max(100).default('gpt-image-2'),
        size: z
          .string()
          .regex(/^(auto|\d{2,5}x\d{2,5})$/)
          .default('1024x1024'),
        quality: z.enum(IMAGE_QUALITIES).default('medium'),
        background: z.enum(['transparent', 'opaque', 'auto']).default('auto'),
        inputFidelity: z.enum(['high', 'low']).default('high'),
        generate: z.boolean().optional()
      })
      .strict()
      .optional(),
    outputFormat: z.enum(['png', 'jpeg', 'webp']).default('png'),
    after: z.array(localStep).max(10).default([]),
    aiMade: z.boolean().optional()
  })
  .strict()
  .refine((recipe) => recipe.ask || recipe.after.length > 0, {
    message: 'A recipe needs a model ask or at least one local step.'
  })
  .refine((recipe) => recipe.ask?.background !== 'transparent' || recipe.outputFormat !== 'jpeg', {
    message: 'A transparent background needs PNG or WebP output.',
    path: ['outputFormat']
  })
