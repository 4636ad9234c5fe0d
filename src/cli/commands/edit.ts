import type { Command } from 'commander'
import {
  IMAGE_QUALITIES,
  IMAGE_TIERS,
  tierTpm,
  findImageModel,
  imageModelGone,
  type ImageQuality
} from '@shared/models/image-models'
import {
  BATCH_PRICE,
  BUILT_IN_RECIPES,
  dataLayout,
  FileLeaseBoard,
  RecipeStore,
  StudioRun,
  askedRecipe,
  cheaperPlans,
  findRecipe,
  fits,
  planFor,
  readRecipeFile,
  studioPhotos,
  studioProducts,
  todayFrom,
  type Connection,
  type Recipe,
  type StudioLimits,
  type StudioPhoto,
  type StudioPlan,
  type StudioResult
} from '../../core'
import { ExitCodes } from '../exit-codes'
import type { CliIo } from '../io'
import { throughBatch } from './edit-batch'
import { environmentConnection } from '../run/execute'
import { UsageError, dataDirFrom } from '../run/settings'

interface EditFlags {
  recipe: string
  outDir: string
  model?: string
  quality?: string
  size?: string
  prompt?: string
  ipm: number
  dataDir?: string
  dryRun: boolean
  resendPossiblyBilled: boolean
  tpm?: number
  budget?: number
  finishWithin?: number
  batch: boolean
  groupBy?: string
}

/** Registers `edit`: marketplace images of photos by a recipe, at the key's images per minute. */
export function registerEdit(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const command = program
    .command('edit <inputs...>')
    .description('make marketplace images (white background, cut-out, lifestyle, …) of photos')
    .requiredOption(
      '--recipe <name|file.json>',
      `one of: ${BUILT_IN_RECIPES.map((r) => r.id).join(', ')}, or your own recipe file`
    )
    .requiredOption('--out-dir <dir>', 'where the new images go (the originals are never touched)')
    .option('--model <id>', 'the image model (default gpt-image-2)')
    .option('--quality <q>', 'low, medium, high or auto')
    .option('--size <WxH>', 'the output size, e.g. 1024x1024, or auto')
    .option('--prompt <words>', "the scene or instruction, in place of the recipe's")
    .option(
      '--group-by <sku|folder>',
      "one image per product: its photos (up to 16) go together, the image named after the lead's"
    )
    .option(
      '--ipm <n>',
      `the key's images per minute (its usage tier's; default ${IMAGE_TIERS[0].ipm}, tier 1)`,
      Number,
      IMAGE_TIERS[0].ipm
    )
    .option(
      '--tpm <n>',
      "the key's tokens per minute for the image model (default: the usage tier of --ipm; tier 1: 100,000)",
      Number
    )
  withSendingOptions(command).action(async (inputs: string[], flags: EditFlags) =>
    setExit(await edit(inputs, flags, io))
  )
}

/** How much, how long, where the cache lives, and how it is sent. */
function withSendingOptions(command: Command): Command {
  return command
    .option('--budget <usd>', 'the most to spend; the run stops before going over', Number)
    .option(
      '--finish-within <minutes>',
      'the time you give it; cheaper ways are offered when it cannot',
      Number
    )
    .option('--data-dir <dir>', 'where the cache lives (default: the app’s data folder)')
    .option('--dry-run', 'say what it would cost and take; send nothing', false)
    .option(
      '--batch',
      'through the Batch API: half the price, within 24 h (run the command again to collect)',
      false
    )
    .option(
      '--resend-possibly-billed',
      'send again the photos whose earlier answer was lost after sending (each may be billed twice)',
      false
    )
}

async function edit(inputs: string[], flags: EditFlags, io: CliIo): Promise<number> {
  const recipe = chosenRecipe(await namedRecipe(flags.recipe, dataDirFrom(flags)), flags)
  const photos = byProduct(await studioPhotos(inputs), flags.groupBy)
  if (photos.length === 0) throw new UsageError(`No photos found in ${inputs.join(', ')}.`)
  const limits = { ipm: flags.ipm, tpm: flags.tpm ?? tierTpm(flags.ipm) }
  io.out(
    `${photos.length} ${flags.groupBy ? 'products' : 'photos'} · recipe ${recipe.id} · ${planLine(recipe, photos.length, limits)}${batchLine(recipe, photos.length, limits)}`
  )
  if (recipe.ask && !offered(recipe, photos.length, limits, flags, io)) return ExitCodes.stopped
  if (flags.dryRun) return ExitCodes.ok
  const connection = await environmentConnection()
  const cacheDir = dataLayout(dataDirFrom(flags)).studioCache
  if (flags.batch && !(await throughBatch(batchable(recipe), photos, connection, cacheDir, io)))
    return ExitCodes.stopped
  const run = liveRun(recipe, connection, flags, limits.tpm, io)
  const results = [...(await run.run(photos)).values()]
  io.out(summary(results))
  if (results.some((r) => r.status === 'possiblyBilled'))
    io.out(
      'Photos marked "possibly billed" were sent and their answer was lost: they are not sent again by themselves. Add --resend-possibly-billed to send them again (each may then be billed twice).'
    )
  for (const result of results)
    if ('reason' in result) io.err(`  ${result.status}: ${result.reason}`)
  if (results.some((r) => r.status === 'waiting')) return ExitCodes.stopped
  return results.every((r) => !('reason' in r)) ? ExitCodes.ok : ExitCodes.someFailed
}

/** The live run: the environment's keys at the flags' limits, the data folder's cache and leases. */
function liveRun(
  recipe: Recipe,
  connection: Connection,
  flags: EditFlags,
  tpm: number,
  io: CliIo
): StudioRun {
  const data = dataLayout(dataDirFrom(flags))
  return new StudioRun(recipe, {
    baseURL: connection.baseURL ?? 'https://api.openai.com/v1',
    keys: connection.keys.map(({ id, apiKey }) => ({
      id,
      apiKey,
      ipm: flags.ipm,
      tpm
    })),
    fetch: connection.fetch,
    leases: new FileLeaseBoard(data.leases),
    cacheDir: data.studioCache,
    outDir: flags.outDir,
    resendPossiblyBilled: flags.resendPossiblyBilled,
    budgetUsd: flags.budget,
    onResult: (photo, result) => io.status(`${photo.relative}: ${result.status}`)
  })
}

/** The recipe, when the Batch API can make its images (edits by a model). */
function batchable(recipe: Recipe): Recipe {
  if (!recipe.ask) throw new UsageError('--batch: this recipe sends nothing (local steps only).')
  if (recipe.ask.generate)
    throw new UsageError('--batch: recipes made from words alone go live only; leave out --batch.')
  return recipe
}

/** A built-in recipe by name, one saved in the window, or a person's own from a `.json` file. */
async function namedRecipe(name: string, dataDir: string): Promise<Recipe> {
  if (name.toLowerCase().endsWith('.json'))
    return readRecipeFile(name).catch((error: Error) => {
      throw new UsageError(`--recipe: ${error.message}`)
    })
  const saved = await new RecipeStore(dataLayout(dataDir).recipes).list()
  const recipe = findRecipe(name) ?? saved.find((r) => r.id === name)
  if (recipe) return recipe
  throw new UsageError(
    `--recipe: use one of ${[...BUILT_IN_RECIPES, ...saved].map((r) => r.id).join(', ')}, or a recipe .json file; got "${name}".`
  )
}

/** Photos as they go: one each, or one per product with `--group-by`. */
function byProduct(photos: StudioPhoto[], groupBy: string | undefined): StudioPhoto[] {
  if (groupBy === undefined) return photos
  if (groupBy !== 'sku' && groupBy !== 'folder')
    throw new UsageError(`--group-by: use sku or folder; got "${groupBy}".`)
  return studioProducts(photos, groupBy)
}

/** The recipe with the flags' model, quality, size and prompt; a shut-down model refused first. */
function chosenRecipe(base: Recipe, flags: EditFlags): Recipe {
  if (flags.quality && !(IMAGE_QUALITIES as readonly string[]).includes(flags.quality))
    throw new UsageError(`--quality: use low, medium, high or auto; got "${flags.quality}".`)
  if (!Number.isFinite(flags.ipm) || flags.ipm <= 0)
    throw new UsageError('--ipm: a number of images per minute above 0.')
  if (!base.ask) return base
  const model = flags.model ?? base.ask.model
  const gone = imageModelGone(model, todayFrom()())
  if (gone)
    throw new UsageError(
      `--model: ${model} was shut down on ${gone.shutdownDate}; use ${gone.replacement ?? 'a current image model'} (--model ${gone.replacement ?? 'gpt-image-2'}). Nothing was sent.`
    )
  if (!findImageModel(model))
    throw new UsageError(`--model: ${model} is not an image model Photoscribe knows.`)
  return askedRecipe(base, {
    model,
    quality: flags.quality as ImageQuality | undefined,
    size: flags.size,
    prompt: flags.prompt
  })
}

function planLine(recipe: Recipe, photos: number, limits: StudioLimits): string {
  if (!recipe.ask) return 'local steps only: free, nothing is sent'
  return describePlan(planFor(recipe.ask, photos, limits), photos, limits)
}

/** "· Batch: ≈ $0.95 within 24 h": what the same images cost through the Batch API. */
function batchLine(recipe: Recipe, photos: number, limits: StudioLimits): string {
  if (!recipe.ask) return ''
  const cost = planFor(recipe.ask, photos, limits).costUsd * BATCH_PRICE
  return ` · Batch (--batch): ≈ $${cost.toFixed(2)} within 24 h`
}

function describePlan(plan: StudioPlan, photos: number, limits: StudioLimits): string {
  const time =
    plan.minutes < 1 ? `${Math.ceil(plan.minutes * 60)} s` : `${Math.ceil(plan.minutes)} min`
  return `${plan.quality} quality, ${plan.size}: ≈ $${plan.costUsd.toFixed(2)} (≈ $${(plan.costUsd / photos).toFixed(3)} an image) · ≈ ${time} at ${limits.ipm} images/min`
}

/**
 * Whether the recipe as asked holds the budget and the time given; when not, the cheaper ways
 * that do are offered with their cost and time (never applied by themselves) and nothing is sent.
 */
function offered(
  recipe: Recipe,
  photos: number,
  limits: StudioLimits,
  flags: EditFlags,
  io: CliIo
): boolean {
  const given = { budgetUsd: flags.budget, minutes: flags.finishWithin }
  if (fits(planFor(recipe.ask!, photos, limits), given)) return true
  const over = [
    flags.budget !== undefined ? `your $${flags.budget} budget` : '',
    flags.finishWithin !== undefined ? `your ${flags.finishWithin} min` : ''
  ].filter(Boolean)
  io.out(`As asked, this does not fit ${over.join(' or ')}. Nothing was sent.`)
  const cheaper = cheaperPlans(recipe, photos, limits, given)
  if (cheaper.length === 0)
    io.out(
      'No lower quality or smaller size fits either: give more time or budget, or add a key (more images per minute).'
    )
  for (const plan of cheaper)
    io.out(`  --quality ${plan.quality} --size ${plan.size}: ${describePlan(plan, photos, limits)}`)
  return false
}

function summary(results: StudioResult[]): string {
  const count = (status: StudioResult['status']): number =>
    results.filter((r) => r.status === status).length
  return `${count('made')} made · ${count('cached')} from the cache (nothing sent) · ${count('possiblyBilled')} possibly billed (not re-sent) · ${count('failed')} failed · ${count('waiting')} not sent`
}
