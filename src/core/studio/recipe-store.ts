import { mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { recipeSchema } from '@shared/studio/recipe-schema'
import { writeFileAtomic } from '../files/atomic-file'
import { readRecipeFile } from './recipe-file'
import { findRecipe, type Recipe } from './recipes'

/** A recipe's id: lower-case words joined by dashes (the schema's rule). */
const RECIPE_ID = /^[a-z0-9][a-z0-9-]{0,40}$/

/**
 * A person's own recipes, one JSON file each (the shape `--recipe my.json` reads), beside the
 * templates in the data folder. Built-in ids are reserved; a file that no longer reads is left
 * out of the list, never deleted.
 */
export class RecipeStore {
  constructor(private readonly dir: string) {}

  async list(): Promise<Recipe[]> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((n) =>
      n.endsWith('.json')
    )
    const found = await Promise.all(
      names.map((name) => readRecipeFile(join(this.dir, name)).catch(() => null))
    )
    return found.filter((recipe): recipe is Recipe => recipe !== null)
  }

  /** Saves a recipe (checked as a file would be); a built-in's id is refused. */
  async save(recipe: Recipe): Promise<Recipe> {
    const parsed = recipeSchema.safeParse(recipe)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new Error(`The recipe is not valid: ${issue.path.join('.')}: ${issue.message}`)
    }
    if (findRecipe(recipe.id)) throw new Error(`"${recipe.id}" is a built-in recipe's id.`)
    await mkdir(this.dir, { recursive: true })
    await writeFileAtomic(this.pathOf(recipe.id), JSON.stringify(recipe, null, 2))
    return recipe
  }

  /** Reads a recipe file from elsewhere, checks it and keeps a copy. */
  async importFile(path: string): Promise<Recipe> {
    return this.save(await readRecipeFile(path))
  }

  async remove(id: string): Promise<void> {
    await rm(this.pathOf(id), { force: true })
  }

  private pathOf(id: string): string {
    if (!RECIPE_ID.test(id)) throw new Error(`"${id.slice(0, 60)}" is not a recipe id.`)
    return join(this.dir, `${id}.json`)
  }
}

/** A new recipe id from a name: "Beige studio, soft light" → `beige-studio-soft-light`. */
export function recipeIdFrom(name: string, taken: (id: string) => boolean): string {
  const base =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 34) || 'my-recipe'
  let id = base
  for (let n = 2; taken(id) || findRecipe(id); n++) id = `${base}-${n}`
  return id
}
