import { AppError, ErrorCodes } from '@shared/errors'
import { BUILT_IN_RECIPES, RecipeStore, recipeIdFrom, type Recipe } from '../../../core'

/**
 * The recipes the studio offers: the built-ins, then a person's own (saved from the window or
 * imported from a file), read from the data folder once and again after each change.
 */
export class StudioRecipes {
  private saved: Recipe[] = []
  private loading: Promise<void> | null = null

  constructor(private readonly dir: () => string) {}

  all(): readonly Recipe[] {
    return [...BUILT_IN_RECIPES, ...this.saved]
  }

  find(id: string): Recipe | undefined {
    return this.all().find((recipe) => recipe.id === id)
  }

  /** Reads the saved recipes the first time it is asked; `then` runs once they are in. */
  load(then: () => void = () => {}): Promise<void> {
    this.loading ??= this.reload().then(then)
    return this.loading
  }

  /** Keeps `base` (with the person's changes) as a new recipe named `name`. */
  async saveAs(base: Recipe, name: string): Promise<Recipe> {
    await this.load()
    const id = recipeIdFrom(name, (taken) => this.find(taken) !== undefined)
    const recipe = await this.store()
      .save({ ...base, id, name: name.trim() })
      .catch(refused)
    await this.reload()
    return recipe
  }

  /** A recipe file from elsewhere, checked field by field and kept. */
  async importFile(path: string): Promise<Recipe> {
    await this.load()
    const recipe = await this.store().importFile(path).catch(refused)
    await this.reload()
    return recipe
  }

  private async reload(): Promise<void> {
    this.saved = await this.store().list()
  }

  private store(): RecipeStore {
    return new RecipeStore(this.dir())
  }
}

/** A recipe the store would not keep: the file's or the field's own words. */
function refused(error: Error): never {
  throw new AppError(ErrorCodes.invalidInput, {
    code: 'recipeInvalid',
    field: 'recipe',
    params: { message: error.message }
  })
}
