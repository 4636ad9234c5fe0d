import type { Command } from 'commander'
import { DEFAULT_MODEL, MODEL_CATALOG, type ModelInfo } from '@shared/models/catalog'
import { modelLife, type ModelLife } from '@shared/models/lifecycle'
import { ModelListings, todayFrom, type ModelListing } from '../../core'
import type { CliIo } from '../io'
import { environmentConnection } from '../run/execute'

interface ModelsFlags {
  json: boolean
  check: boolean
}

/** Registers `models`: the catalog with prices and shutdown dates; `--check` asks the endpoint. */
export function registerModels(program: Command, io: CliIo): void {
  program
    .command('models')
    .description('list the vision models: prices, shutdown dates, replacements, the default')
    .option('--json', 'print JSON lines', false)
    .option('--check', 'ask the endpoint (OPENAI_BASE_URL, OPENAI_API_KEY) which it serves', false)
    .action(async (flags: ModelsFlags) => {
      const today = todayFrom()()
      const listing = flags.check
        ? await new ModelListings().listing(await environmentConnection())
        : null
      if (flags.check && !listing)
        io.err('photoscribe: the endpoint sent no model list; the catalog’s dates are shown.')
      for (const model of MODEL_CATALOG) {
        const life = modelLife(model.id, today, listing)
        io.out(
          flags.json ? JSON.stringify(modelJson(model, life, listing)) : modelLine(model, life)
        )
      }
    })
}

function modelJson(model: ModelInfo, life: ModelLife, listing: ModelListing | null): object {
  return {
    event: 'model',
    id: model.id,
    default: model.id === DEFAULT_MODEL,
    prices: model.prices,
    flex: model.flex,
    shutdownDate: 'shutdownDate' in life ? life.shutdownDate : (model.shutdownDate ?? null),
    replacement: model.replacement ?? null,
    status: life.kind,
    ...(listing ? { listed: listing.has(model.id) } : {})
  }
}

function modelLine(model: ModelInfo, life: ModelLife): string {
  const { input, cachedInput, output } = model.prices
  const price = `$${input} / $${cachedInput} cached / $${output} per 1M`
  const mark = model.id === DEFAULT_MODEL ? ' (default)' : ''
  const status =
    life.kind === 'live'
      ? model.shutdownDate
        ? `shuts down ${model.shutdownDate}`
        : 'no shutdown announced'
      : life.kind === 'unlisted'
        ? 'not offered by this endpoint'
        : `${life.kind === 'gone' ? 'switched off' : 'shuts down'} ${life.shutdownDate}`
  const next = model.replacement ? ` → ${model.replacement}` : ''
  return `${model.id.padEnd(14)} ${price.padEnd(40)} ${status}${next}${mark}`
}
