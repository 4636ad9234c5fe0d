import { z } from 'zod'
import { settingsViewSchema } from '../settings/view'
import { modelOfferSchema } from '../models/model-offers'
import { jobOptionsSchema } from './job-options'
import { estimateViewSchema, queueRowSchema } from './queue'
import { limitSampleSchema, runViewSchema } from './run-view'
import { studioViewSchema } from '../studio/studio-view'

/** What the sidebar shows of a job. */
export const jobEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int(),
  /** Of `done`: answers approved in the review desk, and those still needing review. */
  approved: z.number().int(),
  review: z.number().int(),
  spentUsd: z.number(),
  finished: z.boolean(),
  stopKind: z.string().optional(),
  running: z.boolean(),
  demo: z.boolean(),
  sample: z.boolean()
})
export type JobEntry = z.infer<typeof jobEntrySchema>

/** The queue open in the window: new photos not run yet (a draft), or a job. */
export const openViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['draft', 'job']),
  name: z.string(),
  /** Photos are still being found (a folder walk). */
  walking: z.boolean(),
  demo: z.boolean(),
  rows: z.array(queueRowSchema),
  options: jobOptionsSchema,
  estimate: estimateViewSchema.optional(),
  run: runViewSchema,
  /** The sample run beside this queue ("Try on a sample"), when there is one. */
  sampleJobId: z.string().optional()
})
export type OpenView = z.infer<typeof openViewSchema>

/** What the window can run against until Settings exist: a key from the environment, or the demo. */
export const connectionInfoSchema = z.object({
  hasKey: z.boolean(),
  keyLabel: z.string().optional(),
  endpoint: z.string()
})

export const choiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** USD per 1M tokens, when known. */
  input: z.number().optional(),
  output: z.number().optional()
})

/** Everything a window needs on open (the ready handshake), before any update arrives. */
export const snapshotSchema = z.object({
  view: openViewSchema.nullable(),
  /** The sample job of the open view, when one ran. */
  sample: openViewSchema.nullable(),
  jobs: z.array(jobEntrySchema),
  connection: connectionInfoSchema,
  templates: z.array(choiceSchema),
  models: z.array(choiceSchema),
  languages: z.array(z.string()),
  history: z.array(limitSampleSchema),
  /** An unfinished job offered for resume at start. */
  resumable: jobEntrySchema.nullable(),
  settings: settingsViewSchema,
  /** Saved things naming a model that is gone or shuts down soon, offered for a switch. */
  modelOffers: z.array(modelOfferSchema),
  /** The photo studio of the open queue. */
  studio: studioViewSchema.nullable()
})
export type Snapshot = z.infer<typeof snapshotSchema>

/** Changes to one open queue (the view or the sample beside it). */
export const viewPatchSchema = z.object({
  viewId: z.string(),
  name: z.string().optional(),
  options: jobOptionsSchema.optional(),
  rows: z.array(queueRowSchema).optional(),
  removed: z.array(z.string()).optional(),
  walking: z.boolean().optional(),
  run: runViewSchema.optional(),
  estimate: estimateViewSchema.optional()
})
export type ViewPatch = z.infer<typeof viewPatchSchema>

/**
 * One batch of changes main pushes (about ten a second at most), applied in one store update.
 * `view` and `sample` replace what is open; `patches` change the open queues by id.
 */
export const updateSchema = z.object({
  view: openViewSchema.nullable().optional(),
  sample: openViewSchema.nullable().optional(),
  patches: z.array(viewPatchSchema).optional(),
  jobs: z.array(jobEntrySchema).optional(),
  history: z.array(limitSampleSchema).optional(),
  connection: connectionInfoSchema.optional(),
  templates: z.array(choiceSchema).optional(),
  settings: settingsViewSchema.optional(),
  modelOffers: z.array(modelOfferSchema).optional(),
  studio: studioViewSchema.nullable().optional()
})
export type WorkspaceUpdate = z.infer<typeof updateSchema>
