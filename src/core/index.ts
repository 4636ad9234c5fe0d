/**
 * The engine's one door. The CLI and the Electron main process reach the engine only through
 * this module (lint refuses a deeper import from src/cli, src/main and src/renderer).
 *
 * `openEngine(dataDir)` gives the engine on a data folder (a JobService): `connect` is where a
 * key meets an endpoint (exported here as a function: it needs no data folder), `estimate` /
 * `estimateJob` price a queue or a saved job before anything is sent, `create` and `start` make
 * and run a job, `resume` reopens one on the endpoint it ran on (`moveEndpoint` is the deliberate
 * way elsewhere), `open` and `list` read jobs, `export` writes results. Its internals (the Batch
 * run, the lane pool, the journal, the limit resolution) stay behind it.
 */
import { pollScheduleFrom } from './batch/batch-watch'

export { pollScheduleFrom }
import { systemClock } from './scheduler/clock'
import { JobService } from './service/job-service'
import type { ModelListings } from './service/model-check'

/**
 * The engine on a data folder, on the system clock (the day from PHOTOSCRIBE_TODAY, else today);
 * `env` may speed up Batch polling; `listings` shares endpoints' model lists (the window's Test key).
 */
export function openEngine(
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
  listings?: ModelListings
): JobService {
  return new JobService(dataDir, systemClock, pollScheduleFrom(env), undefined, listings)
}

// Jobs: create, open, run, move, export (the service), and what a job is
export { JobService, JobServiceError } from './service/job-service'
export { ConnectRefused, connect } from './service/connect'
export type { ConnectRequest } from './service/connect'
export {
  ModelListings,
  deadModelProblem,
  dyingModelProblem,
  modelNote,
  todayFrom
} from './service/model-check'
export type { ModelListing } from './service/model-check'
export type { Connection, ConnectionKey, JobMode, JobRunner } from './service/job-service'
export { jobName, jobOptionsOf, jobSettingsFrom } from './service/job-settings'
export type { JobSettings, StoredJob } from './jobs/job-store'
export { saveJobSettings } from './jobs/job-store'
export { countItems, jobSpend, toSend } from './jobs/job-state'
export type { JobItem, JobState } from './jobs/job-state'
export type { JobSummary } from './jobs/job-summary'
export type { ItemResult, JournalEvent, Verdict } from './jobs/journal-events'
export { editedEvent } from './jobs/edited-event'
export { noteOnJob } from './jobs/job-notes'
export { openParts, partOf, partPhotos } from './jobs/batch-state'
export { jobTemplate, productOf, withProductKeywords } from './jobs/job-request'
export { groupingPreview } from './jobs/products'
export { flexProblem } from './jobs/flex'
export { jobsOnDyingModels, type JobOnDyingModel } from './service/model-switch'
export type { JobOutcome } from './scheduler/types'
export { FileLeaseBoard, type LeaseBoard } from './scheduler/key-lease'
export { batchProgress, partStatus } from './batch/batch-progress'
export { dataLayout, resolveDataDir } from './paths'
export { keepMemoryFlat, widenThreadPool } from './memory'
export { buildAppInfo } from './app-info'

// Estimates: before anything is sent
export type { KeyEstimateLimits, MeasuredPhoto } from './jobs/photo-estimate'
export { looksCutOff } from './images/cut-off'
export { BATCH_FILES } from './images/read-threads'
export { readPhotoHeads, readPhotoSize, type PhotoHead } from './images/photo-head'
export { previewTemplate } from './jobs/template-preview'
export { startingLimitsNote } from './estimate/limits-note'
export { resolvePrices, tokenCost } from './estimate/catalog-overrides'

// Where requests go: endpoints, proxies, the transport (a key meets an endpoint here)
export {
  OPENAI_BASE_URL,
  describeEndpoint,
  endpointFor,
  endpointId,
  insecureKeyTransport
} from './openai/endpoint'
export type { EndpointRef } from './openai/endpoint'
export { fetchVia, proxyRouteFor } from './openai/proxy-route'
export type { ProxyRoute, SystemProxyResolver } from './openai/proxy-route'
export { createOpenAITransport } from './openai/transport'
export type { AzureEndpoint, ChatBody, EndpointConfig } from './openai/transport'

// Photos in, templates, sheets, files out
export { listFiles } from './ingest/ingest'
export type { Listing } from './ingest/ingest'
export { SUPPORTED_EXTENSIONS } from './ingest/extensions'
export { BUILTIN_TEMPLATES } from './templates/builtins'
export { TemplateError, TemplateStore, parseTemplate, templatesDir } from './templates/custom'
export { staticPrefixTokens } from './templates/build-request'
export type { Template } from './templates/template'
export { ruleBreak } from './templates/rules'
export { AnswerChecks, type AnswerFlag } from './jobs/answer-checks'
export { readProductSheet } from './templates/product-sheet'
export type { ProductSheet } from './templates/product-sheet'
export { isExportPath } from './export/write-results'
export type { ExportChoice, ExportReport } from './export/export-job'
export { importEdits } from './export/import-edits'
export { writeFileAtomic } from './files/atomic-file'
export {
  StudioRun,
  type StudioLaneState,
  type StudioPhoto,
  type StudioResult
} from './studio/studio-run'
export {
  BUILT_IN_RECIPES,
  askedRecipe,
  findRecipe,
  type AskChange,
  type Recipe
} from './studio/recipes'
export { studioPhotos, studioProducts } from './studio/studio-photos'
export { relativePath } from './export/shop/image-url'
export type { StudioImages } from './export/shop/listing'
export {
  cheaperPlans,
  fits,
  planFor,
  type StudioLimits,
  type StudioPlan
} from './studio/studio-plan'
export { readRecipeFile } from './studio/recipe-file'
export { RecipeStore, recipeIdFrom } from './studio/recipe-store'
export { BATCH_PRICE, StudioBatch, studioBatchOn } from './studio/studio-batch'
