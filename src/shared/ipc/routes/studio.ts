import { z } from 'zod'
import { studioOptionsSchema, studioViewSchema } from '../../studio/studio-view'
import { defineRoutes } from '../route'

const rowIds = z.array(z.string().min(1).max(64)).min(1).max(100_000)

/** The photo studio of the open queue: a recipe, an output folder, a run, verdicts on images. */
export const studioRoutes = defineRoutes('studio', {
  /** Changes the recipe or what is asked of it; a field set to null goes back to the recipe's. */
  setOptions: {
    input: studioOptionsSchema
      .partial()
      .extend({
        model: studioOptionsSchema.shape.model.nullable(),
        quality: studioOptionsSchema.shape.quality.nullable(),
        size: studioOptionsSchema.shape.size.nullable(),
        prompt: studioOptionsSchema.shape.prompt.nullable(),
        finishWithin: studioOptionsSchema.shape.finishWithin.nullable(),
        budgetUsd: studioOptionsSchema.shape.budgetUsd.nullable(),
        batch: studioOptionsSchema.shape.batch.nullable()
      })
      .partial()
      .strict(),
    output: studioViewSchema.nullable()
  },
  /** "Output folder…": a folder dialog in main; null when cancelled. */
  chooseOutDir: { input: z.undefined(), output: z.object({ outDir: z.string().nullable() }) },
  /**
   * Makes the recipe's image of every photo of the open queue. `resendPossiblyBilled`: photos an
   * earlier run may have been billed for are sent again (the person was told each may bill twice).
   */
  start: {
    input: z.object({ resendPossiblyBilled: z.boolean().default(false) }).strict(),
    output: z.object({ started: z.boolean() })
  },
  /** Keeps the recipe as chosen now (model, quality, size, scene) under a name, and picks it. */
  saveRecipe: {
    input: z.object({ name: z.string().trim().min(1).max(80) }).strict(),
    output: z.object({ id: z.string() })
  },
  /** A recipe file (JSON) through a dialog in main, checked, kept and picked; null when cancelled. */
  importRecipe: { input: z.undefined(), output: z.object({ id: z.string().nullable() }) },
  /** Stops the run: images being made finish, the rest wait. */
  stop: { input: z.undefined(), output: z.object({ ok: z.literal(true) }) },
  /** Approves made images (or takes the verdict back): shop exports use the approved ones. */
  approve: {
    input: z.object({ ids: rowIds, approved: z.boolean() }).strict(),
    output: z.object({ changed: z.number().int() })
  }
})
