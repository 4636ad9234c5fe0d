import { homedir } from 'node:os'
import { findModel } from '@shared/models/catalog'
import type { Detail } from '@shared/models/image-tokens'
import { resolveLimits } from '../../main/core/estimate/catalog-overrides'
import type { JobSettings } from '../../main/core/jobs/job-store'
import { resolveDataDir } from '../../main/core/paths'
import { findTemplate } from '../../main/core/templates/builtins'

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
const OUTPUTS = /\.(json|jsonl)$/i

/** The data folder: --data-dir, else PHOTOSCRIBE_DATA_DIR, else the desktop app's own folder. */
export function dataDirFrom(flags: Pick<RunFlags, 'dataDir'>): string {
  return flags.dataDir ?? resolveDataDir(process.platform, process.env, homedir())
}

/** Validates the flags for a new job and turns them into its settings. */
export function settingsFromFlags(
  inputs: string[],
  flags: RunFlags,
  baseURL: string | undefined
): JobSettings {
  if (inputs.length === 0)
    throw new UsageError(
      'Name the photos or folders to process, e.g. `photoscribe run ./photos --out results.json`, or add --demo.'
    )
  if (!flags.dryRun) checkOut(flags.out)
  if (!findTemplate(flags.template))
    throw new UsageError(`--template: there is no template "${flags.template}" (try seo-meta).`)
  if (!['low', 'high', 'auto'].includes(flags.detail))
    throw new UsageError(`--detail takes low, high or auto; got "${flags.detail}".`)
  const limits = resolveLimits(flags.model, { rpm: flags.rpm, tpm: flags.tpm })
  if (!limits)
    throw new UsageError(
      `--rpm and --tpm are needed for "${flags.model}": its limits are not in the catalog${findModel(flags.model) ? '' : ' (an unknown or local model)'}.`
    )
  return {
    name: inputs.map((i) => i.split(/[\\/]/).filter(Boolean).at(-1) ?? i).join(', '),
    inputs,
    templateId: flags.template,
    language: LANGUAGES[flags.lang.toLowerCase()] ?? flags.lang,
    model: flags.model,
    detail: flags.detail as Detail,
    rpm: limits.rpm,
    tpm: limits.tpm,
    maxConcurrency: flags.concurrency,
    budgetUsd: flags.budget,
    baseURL,
    imageAdmission: flags.imageCharge,
    jpegQuality: 85,
    createdAt: new Date().toISOString()
  }
}

/** Checks the output path: JSON or JSON lines (spreadsheet formats come with the export issue). */
export function checkOut(out: string | undefined): void {
  if (!out)
    throw new UsageError('--out is required: where to write the results, e.g. --out results.json.')
  if (!OUTPUTS.test(out))
    throw new UsageError(`--out: this version writes .json or .jsonl; got "${out}".`)
}
