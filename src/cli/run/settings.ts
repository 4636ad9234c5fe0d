import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { findModel } from '@shared/models/catalog'
import type { Detail } from '@shared/models/image-tokens'
import { resolveLimits } from '../../main/core/estimate/catalog-overrides'
import { isExportPath } from '../../main/core/export/write-results'
import type { JobSettings } from '../../main/core/jobs/job-store'
import type { EndpointRef } from '../../main/core/openai/endpoint'
import { resolveDataDir } from '../../main/core/paths'
import { BUILTIN_TEMPLATES } from '../../main/core/templates/builtins'
import { TemplateStore, parseTemplate, templatesDir } from '../../main/core/templates/custom'
import { readProductSheet } from '../../main/core/templates/product-sheet'
import type { Template } from '../../main/core/templates/template'

/** Flags of `photoscribe run`, as commander parses them. */
export interface RunFlags {
  out?: string
  template: string
  model: string
  detail: string
  lang: string
  rpm?: number
  tpm?: number
  concurrency: number
  budget?: number
  imageCharge: 'formula' | number
  dryRun: boolean
  resume?: string
  demo: boolean
  json: boolean
  dataDir?: string
  products?: string
  jsonMode: boolean
  thumbnails: boolean
  skuPattern?: string
}

/** A usage mistake: exit code 2 and a sentence that names the flag. */
export class UsageError extends Error {}

const LANGUAGES: Record<string, string> = {
  en: 'English',
  es: 'Español',
  de: 'Deutsch',
  fr: 'Français',
  pt: 'Português',
  ja: '日本語',
  zh: '简体中文'
}

/** The data folder: --data-dir, else PHOTOSCRIBE_DATA_DIR, else the desktop app's own folder. */
export function dataDirFrom(flags: Pick<RunFlags, 'dataDir'>): string {
  return flags.dataDir ?? resolveDataDir(process.platform, process.env, homedir())
}

/** `--template`: a built-in or saved template id, or a template JSON file. */
async function templateFrom(flag: string, dataDir: string): Promise<Template> {
  if (flag.toLowerCase().endsWith('.json')) {
    try {
      return parseTemplate(JSON.parse(await readFile(flag, 'utf8')))
    } catch (error) {
      throw new UsageError(`--template: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  const template = await new TemplateStore(templatesDir(dataDir)).resolve(flag)
  if (!template)
    throw new UsageError(
      `--template: there is no template "${flag}" (built-ins: ${BUILTIN_TEMPLATES.map((t) => t.id).join(', ')}).`
    )
  return template
}

async function productsFrom(path: string | undefined): Promise<JobSettings['productContext']> {
  if (!path) return undefined
  return readProductSheet(path).catch((error: Error) => {
    throw new UsageError(`--products: ${error.message}`)
  })
}

/** Validates the flags for a new job and turns them into its settings. */
export async function settingsFromFlags(
  inputs: string[],
  flags: RunFlags,
  endpoint: EndpointRef,
  dataDir: string
): Promise<JobSettings> {
  if (inputs.length === 0)
    throw new UsageError(
      'Name the photos or folders to process, e.g. `photoscribe run ./photos --out results.xlsx`, or add --demo.'
    )
  if (!flags.dryRun) checkOut(flags.out)
  if (!['low', 'high', 'auto'].includes(flags.detail))
    throw new UsageError(`--detail takes low, high or auto; got "${flags.detail}".`)
  const template = await templateFrom(flags.template, dataDir)
  checkSkuPattern(flags.skuPattern)
  const limits = resolveLimits(flags.model, { rpm: flags.rpm, tpm: flags.tpm })
  if (!limits)
    throw new UsageError(
      `--rpm and --tpm are needed for "${flags.model}": its limits are not in the catalog${findModel(flags.model) ? '' : ' (an unknown or local model)'}.`
    )
  return {
    name: inputs.map((i) => i.split(/[\\/]/).filter(Boolean).at(-1) ?? i).join(', '),
    inputs,
    templateId: template.id,
    template,
    productContext: await productsFrom(flags.products),
    structuredMode: flags.jsonMode ? 'json_object' : 'json_schema',
    skuPattern: flags.skuPattern,
    language: LANGUAGES[flags.lang.toLowerCase()] ?? flags.lang,
    model: flags.model,
    detail: flags.detail as Detail,
    rpm: limits.rpm,
    tpm: limits.tpm,
    maxConcurrency: flags.concurrency,
    budgetUsd: flags.budget,
    endpoint,
    imageAdmission: flags.imageCharge,
    jpegQuality: 85,
    createdAt: new Date().toISOString()
  }
}

function checkSkuPattern(pattern: string | undefined): void {
  if (pattern === undefined) return
  try {
    if (!/\((?!\?)/.test(pattern)) throw new Error('it needs a capturing group, e.g. "^(\\w+)_"')
    new RegExp(pattern)
  } catch (error) {
    throw new UsageError(
      `--sku-pattern: ${error instanceof Error ? error.message : String(error)}.`
    )
  }
}

/** Checks the output path: its extension picks the format. */
export function checkOut(out: string | undefined): void {
  if (!out)
    throw new UsageError('--out is required: where to write the results, e.g. --out results.xlsx.')
  if (!isExportPath(out))
    throw new UsageError(`--out: use .xlsx, .csv, .json or .jsonl; got "${out}".`)
}
