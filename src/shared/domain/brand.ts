import { z } from 'zod'
import { problem } from '../problem'

const word = z.string().trim().min(1, problem('required')).max(60, problem('tooLong', 60))

/**
 * The brand's voice for every job of the workspace (Settings → Defaults), and per job: how it
 * speaks, words it likes, words it never uses (checked in every answer, like a template's own).
 */
export const brandSchema = z
  .object({
    voice: z.string().trim().max(500, problem('tooLong', 500)).default(''),
    use: z.array(word).max(50, problem('atMost', 50)).default([]),
    avoid: z.array(word).max(50, problem('atMost', 50)).default([])
  })
  .strict()

export type Brand = z.infer<typeof brandSchema>

export const NO_BRAND: Brand = { voice: '', use: [], avoid: [] }
