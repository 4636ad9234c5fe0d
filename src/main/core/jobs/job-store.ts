import { randomBytes } from 'node:crypto'
import { mkdir, readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { ModelPrices } from '@shared/models/catalog'
import type { Detail } from '@shared/models/image-tokens'
import { endpointFor, type EndpointRef } from '../openai/endpoint'
import type { Template } from '../templates/template'
import { writeFileAtomic } from '../files/atomic-file'
import { readJournal } from './journal'
import { foldJournal, type JobState } from './job-state'
import { readFreshSummary, summarize, type JobSummary } from './job-summary'
import { dataLayout } from '../paths'

/** The settings a job was started with; resuming uses exactly these. Never holds an API key. */
export interface JobSettings {
  name: string
  inputs: string[]
  templateId: string
  /** The template itself, snapshotted, so a resume asks exactly the same (custom templates too). */
  template?: Template
  language: string
  model: string
  detail: Detail
  rpm: number
  tpm: number
  maxConcurrency: number
  budgetUsd?: number
  /** The user's prices for the job's model (USD per 1M tokens), over the catalog's. */
  prices?: Partial<ModelPrices>
  /** Where the job's requests go; a resume must go to the same place. */
  endpoint: EndpointRef
  /** Jobs written before `endpoint` existed kept only this; read as `endpoint` on load. */
  baseURL?: string
  /** How the endpoint charges images against tokens/min: billed tokens, or a flat amount. */
  imageAdmission: 'formula' | number
  jpegQuality: number
  /** What transparent pixels become (jobs from before it: white). */
  background?: string
  /**
   * How the job's cost is known: the catalog's prices, the user's, free (a local server), or not
   * at all (an endpoint without published prices): then nothing is priced and no budget kept.
   */
  pricing?: 'catalog' | 'override' | 'free' | 'unknown'
  /** How the endpoint takes multi-field answers (OpenAI: json_schema; others may need json_object). */
  structuredMode?: 'json_schema' | 'json_object'
  /** A regular expression whose first group takes the SKU out of a file name (default: the name without extension). */
  skuPattern?: string
  /** Per-photo product facts (brand, keywords, …) from an imported product sheet, by file name or SKU. */
  productContext?: Record<string, Record<string, string>>
  /** Live requests (the default) or the Batch API: half the price, results within 24 h. */
  mode?: 'live' | 'batch'
  /** Requests per Batch input file, when fewer than the API's 50,000. */
  batchLines?: number
  /** A sample run of a few photos before the whole queue. */
  purpose?: 'sample'
  createdAt: string
}

/** A job on disk: its folder, settings and replayed state. */
export interface StoredJob {
  id: string
  dir: string
  journalPath: string
  settings: JobSettings
  state: JobState
  tornTail: boolean
}

export const jobsDir = (dataDir: string): string => dataLayout(dataDir).jobs

function newJobId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `${stamp}-${randomBytes(2).toString('hex')}`
}

/** Creates `<data>/jobs/<id>/` with `job.json` written atomically. */
export async function createJob(dataDir: string, settings: JobSettings): Promise<StoredJob> {
  const id = newJobId(new Date(settings.createdAt))
  const dir = dataLayout(dataDir).job(id)
  await mkdir(dir, { recursive: true })
  await writeFileAtomic(
    join(dir, 'job.json'),
    JSON.stringify({ version: 1, id, settings }, null, 2)
  )
  return {
    id,
    dir,
    journalPath: join(dir, 'journal.jsonl'),
    settings,
    state: foldJournal([]),
    tornTail: false
  }
}

/** Loads a job and replays its journal. */
export async function loadJob(dataDir: string, id: string): Promise<StoredJob> {
  const dir = dataLayout(dataDir).job(id)
  let raw: string
  try {
    raw = await readFile(join(dir, 'job.json'), 'utf8')
  } catch {
    throw new Error(`There is no job "${id}" in ${jobsDir(dataDir)}.`)
  }
  const { settings } = JSON.parse(raw) as { settings: JobSettings }
  settings.endpoint ??= endpointFor(settings.baseURL)
  const journalPath = join(dir, 'journal.jsonl')
  const { events, tornTail } = await readJournal(journalPath)
  return { id, dir, journalPath, settings, state: foldJournal(events), tornTail }
}

/** Every job, newest first, with its counts: from its summary, or replayed when that is stale. */
export async function listJobs(dataDir: string): Promise<JobSummary[]> {
  const ids = await readdir(jobsDir(dataDir)).catch(() => [] as string[])
  const jobs: JobSummary[] = []
  for (const id of ids.sort().reverse()) {
    const summary =
      (await readFreshSummary(dataLayout(dataDir).job(id))) ??
      (await loadJob(dataDir, id).then(summarize, () => null))
    if (summary) jobs.push(summary)
  }
  return jobs
}
