import { readFile } from 'node:fs/promises'
import { recipeSchema } from '@shared/studio/recipe-schema'
import type { Recipe } from './recipes'

/**
 * A person's own recipe from a JSON file (the built-ins' shape): checked field by field, so a
 * typo is named before anything is sent. Machine-made pixels are marked whenever a model is asked.
 */
export async function readRecipeFile(path: string): Promise<Recipe> {
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    throw new Error(`The recipe ${path} could not be read as JSON: ${(error as Error).message}`)
  }
  const parsed = recipeSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
    throw new Error(`The recipe ${path} is not valid: ${where}${issue.message}`)
  }
  const recipe = parsed.data
  return { ...recipe, aiMade: recipe.aiMade ?? Boolean(recipe.ask) }
}
