import { AppError, ErrorCodes } from '@shared/errors'
import type { StudioEstimate, StudioOptions, StudioView } from '@shared/studio/studio-view'
import type { WorkspaceUpdate } from '@shared/domain/workspace'
import {
  BUILT_IN_RECIPES,
  type StudioRun,
  askedRecipe,
  dataLayout,
  FileLeaseBoard,
  type Recipe,
  type StudioImages
} from '../../../core'
import type { StudioHost } from './studio-host'
import { openQueue, type OpenQueue, type QueuePhoto } from './queue-photos'
import { QueueStudio } from './queue-studio'
import { StudioRecipes } from './studio-recipes'
import { batchesHome } from './studio-batching'
import { DEMO_IPM, studioRunFor } from './studio-run-for'
import { TIER_ONE_IMAGE_TPM, askKey, studioEstimate, studioLimits } from './studio-estimate'

/** Why a batched run ended before its batches: they keep running where they were sent. */
const BATCHES_KEEP_RUNNING =
  'Stopped watching. The batches already sent keep running at OpenAI: Make images again collects them.'

/**
 * The window's photo studio: marketplace images of the open queue's photos by a recipe, on the
 * same keys as the copy, with a live view (every photo, each key's pace) the window hears.
 */
export class StudioDesk {
  private readonly studios = new Map<string, QueueStudio>()
  /** What one image cost by answers' `usage`, by ask (model, quality, size): estimates learn. */
  private readonly learned = new Map<string, number>()
  private timer: ReturnType<typeof setInterval> | null = null

  /** The built-in recipes and a person's own. */
  readonly recipes = new StudioRecipes(() => dataLayout(this.ws.deps.dataDir).recipes)

  constructor(private readonly ws: StudioHost) {}

  /** The studio of the open queue, as the window shows it; null when nothing is open. */
  view(): StudioView | null {
    const queue = openQueue(this.ws)
    if (!queue) return null
    void this.recipes.load(() => this.publish())
    const studio = this.studioOf(queue)
    const recipe = this.recipe(studio.options)
    return {
      viewId: queue.viewId,
      options: studio.options,
      recipes: this.recipes.all().map((r) => ({ id: r.id, name: r.name, ...(r.ask ?? {}) })),
      outDir: studio.outDir,
      estimate: this.estimate(queue, studio, recipe),
      status: studio.status,
      ...(studio.stopReason ? { stopReason: studio.stopReason } : {}),
      items: [...studio.items.values()],
      lanes: studio.lanes(),
      spentUsd: studio.spentBefore + (studio.run?.spentUsd ?? 0),
      elapsedMs: studio.elapsedMs(),
      ...(studio.batches ? { batches: studio.batches } : {})
    }
  }

  /** Tells the window the studio changed (coalesced with everything else it hears). */
  publish(): void {
    this.ws.pump.set({ studio: this.view() })
  }

  /** The queue and photo count the window's studio was last told of. */
  private shown: string | null = null

  /** Adds the studio to an update when the open queue changed or grew since the window heard. */
  complete(update: WorkspaceUpdate): void {
    if (update.studio === undefined) {
      const queue = openQueue(this.ws)
      if ((queue && `${queue.viewId}:${queue.count}`) === this.shown) return
      update.studio = this.view()
    }
    this.shown = update.studio && `${update.studio.viewId}:${update.studio.estimate?.images}`
  }

  /** The studio's record of the open job, read once it is opened (choices, images, verdicts). */
  async opened(): Promise<void> {
    const queue = openQueue(this.ws)
    if (queue) await this.studioOf(queue).loaded
  }

  async setOptions(change: Partial<StudioOptions>): Promise<StudioView | null> {
    const studio = this.openStudio()
    const next: Record<string, unknown> = { ...studio.options, ...change }
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete next[key]
    await this.recipes.load()
    if (!this.recipes.find(String(next.recipeId)))
      throw new AppError(ErrorCodes.invalidInput, { code: 'unknownRecipe', field: 'recipeId' })
    studio.options = next as StudioOptions
    await studio.saveSetup()
    this.publish()
    return this.view()
  }

  /** "Output folder…": where the images go (the originals are never touched). */
  async chooseOutDir(): Promise<string | null> {
    const studio = this.openStudio()
    const dir = await this.ws.deps.desktop.chooseFolder()
    if (!dir) return null
    studio.outDir = dir
    await studio.saveSetup()
    this.publish()
    return dir
  }

  /** Makes the recipe's image of every photo of the open queue; a second press does nothing. */
  async start(resendPossiblyBilled: boolean): Promise<{ started: boolean }> {
    const queue = this.requireQueue()
    const studio = this.studioOf(queue)
    await studio.loaded
    if (studio.run) return { started: false }
    const recipe = this.recipe(studio.options)
    this.checkStart(queue, studio, recipe)
    const connection = recipe.ask
      ? await this.ws.deps.connection.open(queue.endpoint, recipe.ask.model)
      : null
    if (studio.run) return { started: false }
    if (connection?.azure)
      throw new AppError(ErrorCodes.refused, { code: 'studioAzure', field: 'provider' })
    const cacheDir = dataLayout(this.ws.deps.dataDir).studioCache
    const publish = (): void => this.publish()
    const leases = new FileLeaseBoard(dataLayout(this.ws.deps.dataDir).leases)
    const given = { queue, studio, recipe, connection, cacheDir, leases, now: this.ws.now, publish }
    const run = studioRunFor(given, resendPossiblyBilled)
    studio.begin(run, new Map((connection?.keys ?? []).map((k) => [k.id, k.label])))
    this.ticking()
    this.publish()
    const photos = queue.photos()
    const batching = studio.options.batch && connection && recipe.ask && !recipe.ask.generate
    const first = batching
      ? () => batchesHome({ recipe, photos, connection, cacheDir, studio, run, publish })
      : null
    void this.carry(photos, studio, run, recipe, first)
    return { started: true }
  }

  /** Stops the open queue's studio run: images being made finish, the rest wait. */
  stop(): void {
    const studio = this.openStudio()
    if (!studio.run) return
    studio.status = 'stopping'
    studio.run.stop('Stopped by you.')
    this.publish()
  }

  /** Approves (or takes back) made images: the shop exports then use them. */
  async approve(rowIds: readonly string[], approved: boolean): Promise<number> {
    const studio = this.openStudio()
    let changed = 0
    for (const id of rowIds) if (await studio.approve(id, approved)) changed++
    this.publish()
    return changed
  }

  /** An open queue's image of a row (the after of before/after), for the thumbnail protocol. */
  outputPath(viewId: string, rowId: string): string | undefined {
    if (!this.ws.runs.openQueues().includes(viewId)) return undefined
    return this.studios.get(viewId)?.outputPath(rowId)
  }

  /**
   * The open job's approved images by their photo's file, under the output folder, for its shop
   * exports (the job's record is read first if the studio was not opened yet).
   */
  async approvedImages(viewId: string): Promise<StudioImages> {
    const queue = openQueue(this.ws)
    if (!queue || queue.viewId !== viewId) return { root: '', byPhoto: new Map() }
    const studio = this.studioOf(queue)
    await studio.loaded
    return studio.approvedImages(queue.photos())
  }

  /** Stops taking photos and waits for what is recorded to be written (the app quits). */
  async close(): Promise<void> {
    for (const studio of this.studios.values()) studio.run?.stop('The app is closing.')
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await Promise.all([...this.studios.values()].map((studio) => studio.written()))
  }

  private checkStart(queue: OpenQueue, studio: QueueStudio, recipe: Recipe): void {
    if (queue.count === 0)
      throw new AppError(ErrorCodes.refused, { code: 'studioNoPhotos', field: 'photos' })
    if (!studio.outDir)
      throw new AppError(ErrorCodes.refused, { code: 'studioNoFolder', field: 'outDir' })
    const estimate = this.estimate(queue, studio, recipe)
    if (estimate.gone) {
      const { shutdownDate, replacement = 'gpt-image-2' } = estimate.gone
      const params = { n: recipe.ask!.model, date: shutdownDate, replacement }
      throw new AppError(ErrorCodes.refused, { code: 'modelGone', field: 'model', params })
    }
    if (!estimate.fits)
      throw new AppError(ErrorCodes.refused, { code: 'studioDoesNotFit', field: 'budgetUsd' })
  }

  /** Runs to the end, then says so: in the view, and as a notification. */
  private async carry(
    photos: readonly QueuePhoto[],
    studio: QueueStudio,
    run: StudioRun,
    recipe: Recipe,
    /** Through the Batch API first: true once every image is cached. */
    first: (() => Promise<boolean>) | null
  ): Promise<void> {
    const failed = (error: Error) => {
      studio.stopReason = error.message
      return null
    }
    const home = first ? await first().catch(failed) : true
    const results = home ? ((await run.run(photos).catch(failed)) ?? new Map()) : new Map()
    if (!home && !studio.stopReason) studio.stopReason = BATCHES_KEEP_RUNNING
    const observed = run.spend.observedEachUsd
    if (observed !== null) this.learned.set(askKey(recipe), observed)
    const waiting = [...results.values()].find((r) => r.status === 'waiting')
    studio.end(waiting && 'reason' in waiting ? waiting.reason : studio.stopReason)
    this.ticking()
    this.publish()
    const made = [...results.values()].filter((r) => r.status === 'made').length
    this.ws.deps.desktop.notify('Photoscribe', `${recipe.name}: ${made} new images.`)
  }

  /** Once a second while a studio runs: elapsed time and each key's pace and countdown. */
  private ticking(): void {
    const running = [...this.studios.values()].some((studio) => studio.run)
    if (running && !this.timer) this.timer = setInterval(() => this.publish(), 1000)
    if (!running && this.timer) {
      clearInterval(this.timer)
      this.timer = null
    }
  }

  /** The run's cost and time at the keys' limits (learned costs first), and whether it fits. */
  private estimate(queue: OpenQueue, studio: QueueStudio, recipe: Recipe): StudioEstimate {
    const { today } = this.ws.service
    const learned = this.learned.get(askKey(recipe))
    const limits = this.limits(queue, recipe)
    return studioEstimate(recipe, queue.count, limits, studio.options, today(), learned)
  }

  private limits(queue: OpenQueue, recipe: Recipe): ReturnType<typeof studioLimits> {
    if (!recipe.ask) return studioLimits([])
    if (queue.endpoint.kind === 'demo') return { ipm: DEMO_IPM, tpm: TIER_ONE_IMAGE_TPM * 10 }
    return studioLimits(this.ws.deps.connection.keyLimits(recipe.ask.model))
  }

  private recipe(options: StudioOptions): Recipe {
    return askedRecipe(this.recipes.find(options.recipeId) ?? BUILT_IN_RECIPES[0], options)
  }

  /** "Save as my recipe": the recipe as chosen now (model, quality, size, scene) under a name. */
  async saveRecipe(name: string): Promise<string> {
    const studio = this.openStudio()
    const recipe = await this.recipes.saveAs(this.recipe(studio.options), name)
    const { finishWithin, budgetUsd, batch } = studio.options
    studio.options = { recipeId: recipe.id, finishWithin, budgetUsd, batch }
    await studio.saveSetup()
    this.publish()
    return recipe.id
  }

  /** "Import recipe…": a recipe file, checked and kept, then chosen. */
  async importRecipe(): Promise<string | null> {
    const path = await this.ws.deps.desktop.chooseFile('recipe')
    if (!path) return null
    const recipe = await this.recipes.importFile(path)
    await this.setOptions({
      recipeId: recipe.id,
      model: undefined,
      quality: undefined,
      size: undefined,
      prompt: undefined
    })
    return recipe.id
  }

  private studioOf(queue: OpenQueue): QueueStudio {
    let studio = this.studios.get(queue.viewId)
    if (!studio) {
      studio = new QueueStudio(queue.viewId, queue.jobDir, this.ws.now)
      this.studios.set(queue.viewId, studio)
      void studio.loaded.then(() => this.publish())
    }
    return studio
  }

  private requireQueue(): OpenQueue {
    const queue = openQueue(this.ws)
    if (!queue) throw new AppError(ErrorCodes.refused, { code: 'studioNoPhotos', field: 'photos' })
    return queue
  }

  private openStudio(): QueueStudio {
    return this.studioOf(this.requireQueue())
  }
}
