import type { ModelPrices } from '@shared/models/catalog'
import type { Detail } from '@shared/models/image-tokens'
import type { EndpointRef } from '../openai/endpoint'
import type { Template } from '../templates/template'
import type { JobState } from './job-state'

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
