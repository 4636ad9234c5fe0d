import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { parseJobOptions, type JobOptions } from '@shared/domain/job-options'
import { cliProblem } from '../problem-words'
import {
  BUILTIN_TEMPLATES,
  TemplateStore,
  jobSettingsFrom,
  parseTemplate,
  readProductSheet,
  resolveDataDir,
  templatesDir,
  type EndpointRef,
  type JobSettings,
  type Template
} from '../../core'
import { SHEET_ENCODINGS, type SheetEncoding } from '@shared/domain/sheet-encoding'
import { exportChoiceOf, outProblem, type OutputFlags } from './export-flags'
import { UsageError } from './usage-error'

/** Flags of `photoscribe run`, as commander parses them. */
export interface RunFlags extends OutputFlags {
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
  moveEndpoint: boolean
  switchModel?: string
  photoRoot?: string
  demo: boolean
  json: boolean
  dataDir?: string
  products?: string
  productsEncoding?: string
  jsonMode: boolean
  skuPattern?: string
  brandVoice?: string
  useWords?: string
  avoidWords?: string
  priceInput?: number
  priceOutput?: number
  batch: boolean
  batchSize?: number
  live: boolean
  flex: boolean
  flexFallback: boolean
  cancelBatches: boolean
  shard?: string
}

export { UsageError }

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

async function productsFrom(
  flags: RunFlags,
  note: (line: string) => void
): Promise<JobSettings['productContext']> {
  if (!flags.products) return undefined
  const encoding = flags.productsEncoding
  if (encoding !== undefined && !(SHEET_ENCODINGS as readonly string[]).includes(encoding))
    throw new UsageError(
      `--products-encoding: "${encoding}" is not one of ${SHEET_ENCODINGS.join(', ')}.`
    )
  const sheet = await readProductSheet(flags.products, {
    encoding: encoding as SheetEncoding | undefined
  }).catch((error: Error) => {
    throw new UsageError(`--products: ${error.message}`)
  })
  if (sheet.encoding) note(encodingNote(flags.products, sheet.encoding))
  return sheet.context
}

const HOW = {
  bom: 'its byte order mark',
  'utf-8': 'valid UTF-8',
  detected: 'detected',
  chosen: 'chosen'
}

/** "Read products.csv as gb18030 (detected; set --products-encoding to choose another)." */
function encodingNote(
  path: string,
  { encoding, how }: { encoding: string; how: keyof typeof HOW }
): string {
  const choose = how === 'detected' ? '; --products-encoding chooses another' : ''
  return `Read ${path} as ${encoding} (${HOW[how]}${choose}).`
}

/** Validates the flags for a new job and turns them into its settings. */
export async function settingsFromFlags(
  inputs: string[],
  flags: RunFlags,
  endpoint: EndpointRef,
  dataDir: string,
  note: (line: string) => void = () => {}
): Promise<JobSettings> {
  if (inputs.length === 0)
    throw new UsageError(
      'Name the photos or folders to process, e.g. `photoscribe run ./photos --out results.xlsx`, or add --demo.'
    )
  if (!flags.dryRun) checkOut(flags.out, flags)
  const options = optionsFromFlags(flags)
  const template = await templateFrom(flags.template, dataDir)
  return jobSettingsFrom(options, {
    name: inputs.map((i) => i.split(/[\\/]/).filter(Boolean).at(-1) ?? i).join(', '),
    inputs,
    template,
    endpoint,
    productContext: await productsFrom(flags, note)
  })
}

function pricesFrom(flags: RunFlags): JobSettings['prices'] {
  if (flags.priceInput === undefined && flags.priceOutput === undefined) return undefined
  return { input: flags.priceInput, output: flags.priceOutput }
}

/** The flag each job option comes from, to name it in a message. */
const FLAG_OF: Record<string, string> = {
  templateId: '--template',
  language: '--lang',
  moreLanguages: '--lang',
  model: '--model',
  detail: '--detail',
  rpm: '--rpm',
  tpm: '--tpm',
  maxConcurrency: '--concurrency',
  budgetUsd: '--budget',
  prices: '--price-input/--price-output',
  imageAdmission: '--image-charge',
  structuredMode: '--json-mode',
  skuPattern: '--sku-pattern',
  brand: '--brand-voice/--use-words/--avoid-words',
  batchLines: '--batch-size',
  mode: '--flex',
  flexFallback: '--flex-fallback',
  groupBy: '--group-by',
  shard: '--shard'
}

/** `--lang es` or `--lang en,es,de` (every language in one request per photo). */
function languagesFromFlag(lang: string): Pick<JobOptions, 'language' | 'moreLanguages'> {
  const [first, ...more] = lang
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => LANGUAGES[l.toLowerCase()] ?? l)
  return more.length > 0
    ? { language: first ?? lang, moreLanguages: more }
    : { language: first ?? lang }
}

/** `--brand-voice`, `--use-words` and `--avoid-words` (comma-separated) as the job's brand. */
function brandFromFlags(flags: RunFlags): JobOptions['brand'] {
  if (flags.brandVoice === undefined && !flags.useWords && !flags.avoidWords) return undefined
  const words = (list?: string): string[] =>
    (list ?? '')
      .split(',')
      .map((word) => word.trim())
      .filter(Boolean)
  return {
    voice: flags.brandVoice ?? '',
    use: words(flags.useWords),
    avoid: words(flags.avoidWords)
  }
}

/** `--shard 2/3`: this machine's slice, 1-based. */
function shardFrom(text: string | undefined): JobOptions['shard'] {
  if (text === undefined) return undefined
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text)
  if (!match)
    throw new UsageError(`--shard: write this machine's part as i/n, e.g. 2/3; got "${text}".`)
  return { index: Number(match[1]), count: Number(match[2]) }
}

/** The flags as job options, checked by the one schema the window uses too. */
function optionsFromFlags(flags: RunFlags): JobOptions {
  const parsed = parseJobOptions({
    ...languagesFromFlag(flags.lang),
    model: flags.model,
    detail: flags.detail,
    rpm: flags.rpm,
    tpm: flags.tpm,
    maxConcurrency: flags.concurrency,
    budgetUsd: flags.budget,
    prices: pricesFrom(flags),
    imageAdmission: flags.imageCharge,
    structuredMode: flags.jsonMode ? 'json_object' : 'json_schema',
    skuPattern: flags.skuPattern,
    brand: brandFromFlags(flags),
    mode: modeFromFlags(flags) ?? 'live',
    flexFallback: flags.flexFallback,
    batchLines: flags.batchSize,
    groupBy: flags.groupBy,
    shard: shardFrom(flags.shard)
  })
  if (parsed.ok) return parsed.options
  const flag = FLAG_OF[parsed.field.split('.')[0]] ?? parsed.field
  throw new UsageError(`${flag} ${cliProblem(parsed.problem)}`)
}

/** How the run sends: `--live`, `--flex` or `--batch` (a resume may switch), else the job's own. */
export function modeFromFlags(flags: RunFlags): 'live' | 'flex' | 'batch' | undefined {
  const chosen = (['live', 'flex', 'batch'] as const).filter((mode) => flags[mode])
  if (chosen.length > 1)
    throw new UsageError(`${chosen.map((m) => `--${m}`).join(' and ')}: choose one.`)
  if (flags.flexFallback && !flags.flex)
    throw new UsageError(
      '--flex-fallback goes with --flex: it says what Flex does without capacity.'
    )
  if (flags.live && !flags.resume)
    throw new UsageError('--live goes with --resume: new jobs run live unless --batch is given.')
  if (flags.photoRoot && !flags.resume)
    throw new UsageError(
      '--photo-root goes with --resume <job>: it says where that job’s photos are.'
    )
  if (flags.moveEndpoint && !flags.resume)
    throw new UsageError('--move-endpoint goes with --resume <job>: it moves that job.')
  if (flags.switchModel && !flags.resume)
    throw new UsageError(
      '--switch-model goes with --resume <job>: it switches that job; a new job takes --model.'
    )
  if (flags.cancelBatches && !flags.resume)
    throw new UsageError(
      '--cancel-batches goes with --resume <job>: it cancels that job’s batches.'
    )
  return chosen[0]
}

/** Checks the output path: its extension picks a table's format, or --format a shop's file. */
export function checkOut(out: string | undefined, flags: OutputFlags): void {
  if (!out)
    throw new UsageError('--out is required: where to write the results, e.g. --out results.xlsx.')
  const problem = outProblem(out, flags)
  if (problem) throw new UsageError(problem)
  // The shop flags are checked before anything is sent, not when the file is written.
  exportChoiceOf(flags)
}
