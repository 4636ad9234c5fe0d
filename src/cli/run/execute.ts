import {
  countItems,
  ConnectRefused,
  JobServiceError,
  connect,
  endpointFor,
  endpointId,
  flexProblem,
  insecureKeyTransport,
  openEngine,
  openParts,
  startingLimitsNote,
  type Connection,
  type EndpointRef,
  type JobOutcome,
  type JobRunner,
  type JobService,
  type StoredJob
} from '../../core'
import type { JobProgress } from '@shared/domain/progress'
import { batchSummary, estimateSummary, flexSummary } from '@shared/format/estimate-summary'
import { maskSecret } from '@shared/redact'
import { englishProblem } from '@shared/i18n/problems'
import { cliProblem } from '../problem-words'
import { DEFAULT_SETTINGS, hasCredentials, isVisibleAscii } from '@shared/settings/schema'
import type { Simulator } from '../../simulator/server'
import { ExitCodes } from '../exit-codes'
import type { CliIo } from '../io'
import { DEMO_KEY, DEMO_LIMITS, samplesDir, startDemoSimulator } from '../../simulator/demo'
import { listJobsOnDyingModels, switchHow, switchModel, warnIfDying } from './dying-jobs'
import { progressJson, progressLine } from './progress-line'
import { exitCodeFor, summaryJson, summaryLines } from './report'
import { exportChoiceOf, exportNotes } from './export-flags'
import {
  UsageError,
  checkOut,
  modeFromFlags,
  dataDirFrom,
  settingsFromFlags,
  type RunFlags
} from './settings'

interface Endpoint {
  apiKey: string
  baseURL?: string
  ref: EndpointRef
  simulator?: Simulator
}

const NO_KEY =
  'No OpenAI API key: set OPENAI_API_KEY (https://platform.openai.com/api-keys), and OPENAI_BASE_URL for another OpenAI-compatible endpoint — or add --demo to try Photoscribe with the built-in simulator and sample photos.'

/** `photoscribe run`: a new job (or --resume), its live progress, the results file, an exit code. */
export async function executeRun(inputs: string[], flags: RunFlags, io: CliIo): Promise<number> {
  const dataDir = dataDirFrom(flags)
  if (flags.demo && inputs.length === 0) inputs = [samplesDir()]
  if (flags.demo && flags.rpm === undefined) Object.assign(flags, DEMO_LIMITS)
  modeFromFlags(flags)
  const endpoint = flags.dryRun ? dryRunEndpoint(flags) : await openEndpoint(flags)
  const service = openEngine(dataDir, process.env)
  try {
    const job = await asUsage(
      flags.resume
        ? resumeJob(service, flags, endpoint.ref, io)
        : createJobFromFlags(service, inputs, flags, endpoint.ref, io),
      flags
    )
    if (!flags.resume) await listJobsOnDyingModels(service, flags.json, io)
    warnIfDying(service, job, flags, io)
    if (flags.dryRun) return await dryRun(service, job, io)
    return await runToEnd(service, job, endpoint, flags, io)
  } finally {
    await endpoint.simulator?.close()
  }
}

/** The engine's refusals as usage errors, with the flag that sets what it refused. */
async function asUsage<T>(work: Promise<T>, flags: RunFlags): Promise<T> {
  return work.catch((error: unknown) => {
    if (!(error instanceof JobServiceError)) throw error
    const modelFlag = flags.switchModel ? '--switch-model' : flags.resume ? '--resume' : '--model'
    const flag =
      {
        budget: '--budget',
        mode: '--batch',
        endpoint: '--resume',
        model: modelFlag,
        skuPattern: '--sku-pattern'
      }[error.field as string] ?? '--resume'
    throw new UsageError(`${flag}: ${cliProblem(switchHow(error.problem, flags))}`)
  })
}

async function createJobFromFlags(
  service: JobService,
  inputs: string[],
  flags: RunFlags,
  endpoint: EndpointRef,
  io: CliIo
): Promise<StoredJob> {
  const settings = await settingsFromFlags(inputs, flags, endpoint, service.dataDir, (line) => {
    if (!flags.json) io.out(line)
  })
  const note = startingLimitsNote(settings.model, { rpm: flags.rpm, tpm: flags.tpm })
  const job = await service.create(settings)
  if (note && !flags.json) io.out(note)
  return job
}

/** Where a dry run would send: nothing is sent, so no key is needed. */
function dryRunEndpoint(flags: RunFlags): Endpoint {
  const baseURL = process.env.OPENAI_BASE_URL || undefined
  if (baseURL && hasCredentials(baseURL))
    throw new UsageError(`OPENAI_BASE_URL: ${cliProblem(insecureKeyTransport(baseURL)!)}`)
  const ref = flags.demo ? { kind: 'demo' as const } : endpointFor(baseURL)
  return { apiKey: '', ref }
}

/** The endpoint and key from --demo or the environment; never from a job's files. */
async function openEndpoint(flags: RunFlags): Promise<Endpoint> {
  if (flags.demo) {
    const simulator = await startDemoSimulator()
    return { apiKey: DEMO_KEY, baseURL: simulator.url, ref: { kind: 'demo' }, simulator }
  }
  const apiKey = process.env.OPENAI_API_KEY?.trim()
  if (!apiKey) throw new UsageError(NO_KEY)
  if (/\s/.test(apiKey))
    throw new UsageError(
      `OPENAI_API_KEY holds a space or a line break (${maskSecret(apiKey)}): it looks like two keys were pasted together. Set one key.`
    )
  if (!isVisibleAscii(apiKey))
    throw new UsageError(
      `OPENAI_API_KEY: ${englishProblem('keyInvisible')} (${maskSecret(apiKey)}).`
    )
  const baseURL = process.env.OPENAI_BASE_URL || undefined
  const insecure = baseURL ? insecureKeyTransport(baseURL) : null
  if (insecure) throw new UsageError(`OPENAI_BASE_URL: ${cliProblem(insecure)}`)
  return { apiKey, baseURL, ref: endpointFor(baseURL) }
}

async function resumeJob(
  service: JobService,
  flags: RunFlags,
  current: EndpointRef,
  io: CliIo
): Promise<StoredJob> {
  if (!flags.dryRun) checkOut(flags.out, flags)
  const job = flags.moveEndpoint
    ? await moveJob(service, flags.resume!, current, io)
    : // A dry run sends nothing, so it may look at a job from any endpoint.
      flags.dryRun
      ? await service.open(flags.resume!)
      : await service.resume(flags.resume!, current)
  if (flags.switchModel) await switchModel(service, job, flags, io)
  return flags.photoRoot ? service.rootPhotosAt(job, flags.photoRoot) : job
}

/** `--move-endpoint`: the job goes on at the endpoint set now, priced by the catalog there. */
async function moveJob(
  service: JobService,
  jobId: string,
  current: EndpointRef,
  io: CliIo
): Promise<StoredJob> {
  const job = await service.open(jobId)
  if (endpointId(job.settings.endpoint) === endpointId(current)) return job
  const moved = await service.moveEndpoint(job, current, {
    pricing: undefined,
    prices: job.settings.prices
  })
  io.err(
    `Moved job ${job.id} from ${moved.from} to ${moved.to}: what is left is sent and billed there.`
  )
  return job
}

async function dryRun(service: JobService, job: StoredJob, io: CliIo): Promise<number> {
  const { settings } = job
  const estimate = await service.estimateJob(job, [{ rpm: settings.rpm, tpm: settings.tpm }])
  const photos = countItems(job.state).pending - estimate.unreadable
  const sent =
    photos === estimate.requests
      ? `${photos} photos`
      : `${photos} photos in ${estimate.requests} requests (one per product)`
  io.out(
    `${sent} · ${estimate.promptTokens.toLocaleString('en')} prompt tokens · ~${estimate.outputTokens.toLocaleString('en')} answer tokens · ${settings.model}, ${settings.detail} detail`
  )
  const mark = (mode: string): string => (settings.mode === mode ? '▸ ' : '  ')
  io.out(`${mark('live')}Live: ${estimateSummary(estimate).replace(/; Batch API:.*$/, '')}`)
  if (!flexProblem(settings)) io.out(`${mark('flex')}${flexSummary(estimate)}`)
  io.out(`${mark('batch')}${batchSummary(estimate)}`)
  if (estimate.cachedTokens > 0)
    io.out(
      `  ≈ ${Math.round((100 * estimate.cachedTokens) / estimate.promptTokens)} % of prompt tokens expected from the prompt cache (billed at the cached price).`
    )
  if (estimate.unreadable > 0)
    io.out(`${estimate.unreadable} photo(s) could not be read and are not counted.`)
  io.out(
    `Nothing was sent. Job ${job.id} is saved; run it with: photoscribe run --resume ${job.id} --out results.xlsx`
  )
  return ExitCodes.ok
}

async function runToEnd(
  service: JobService,
  job: StoredJob,
  endpoint: Endpoint,
  flags: RunFlags,
  io: CliIo
): Promise<number> {
  announce(job, service.dataDir, flags.json, io)
  const connection = await connectionFor(endpoint, flags)
  const mode = modeFromFlags(flags) ?? job.settings.mode ?? 'live'
  // `--flex` on a resume says what Flex does without capacity for this run.
  if (flags.flex) job.settings = { ...job.settings, flexFallback: flags.flexFallback }
  const run = await asUsage(
    Promise.resolve().then(() =>
      service.start(job, connection, progressPrinter(flags, io), undefined, mode)
    ),
    flags
  )
  if (flags.cancelBatches) await cancelBatchesOf(run)
  const started = performance.now()
  const outcome = await untilDoneOrSignal(run)
  io.status('')
  const report = await service.export(job, flags.out!, exportChoiceOf(flags))
  const seconds = (performance.now() - started) / 1000
  const twice = run.totals().possiblyPaidTwice
  for (const line of flags.json
    ? summaryJson(job.id, outcome, job.state, seconds, twice)
    : summaryLines(job.id, outcome, job.state, seconds, twice))
    io.out(line)
  if (!flags.json)
    for (const line of [`Results: ${flags.out}`, ...exportNotes(report)]) io.out(line)
  if (!flags.json && openParts(job.state.batch).length > 0)
    io.out(
      `The job's batches keep running at OpenAI. Collect their results with: photoscribe run --resume ${job.id} --out ${flags.out}`
    )
  return exitCodeFor(outcome, job.state)
}

/** The one key of the environment (or the demo's), through the engine's one connection builder (the key's transport check, then HTTPS_PROXY / NO_PROXY, as any CLI tool). */
async function connectionFor(endpoint: Endpoint, flags: RunFlags): Promise<Connection> {
  const key = {
    id: 'key-1',
    label: flags.demo ? 'demo' : `…${endpoint.apiKey.slice(-4)}`,
    apiKey: endpoint.apiKey,
    rpm: flags.rpm,
    tpm: flags.tpm
  }
  return connect({
    endpoint: endpoint.ref,
    baseURL: endpoint.baseURL,
    keys: [key],
    proxy: DEFAULT_SETTINGS.proxy,
    env: process.env
  }).catch((error: unknown) => {
    if (error instanceof ConnectRefused)
      throw new UsageError(`OPENAI_BASE_URL: ${cliProblem(error.problem)}`)
    throw error
  })
}

/** The connection OPENAI_API_KEY and OPENAI_BASE_URL name (`photoscribe models --check`). */
export async function environmentConnection(): Promise<Connection> {
  const flags = { demo: false } as RunFlags
  return connectionFor(await openEndpoint(flags), flags)
}

/** `--cancel-batches`: only a Batch job has batches to cancel. */
async function cancelBatchesOf(run: JobRunner): Promise<void> {
  await run.cancelBatches().catch((error: Error) => {
    throw new UsageError(`--cancel-batches: ${error.message.replace(/^This/, 'this')}`)
  })
}

/** JSON lines with --json, a live status line on a terminal, nothing otherwise. */
function progressPrinter(flags: RunFlags, io: CliIo): (progress: JobProgress) => void {
  if (flags.json) return (progress) => io.out(progressJson(progress))
  if (io.isTTY) return (progress) => io.status(progressLine(progress))
  return () => {}
}

/** Runs the job; Ctrl-C or SIGTERM cancels it (resumably). */
async function untilDoneOrSignal(run: JobRunner): Promise<JobOutcome> {
  const onSignal = (): void => run.cancel()
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  return run.run().finally(() => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  })
}

function announce(job: StoredJob, dataDir: string, json: boolean, io: CliIo): void {
  if (json) return io.out(JSON.stringify({ event: 'job', jobId: job.id, dataDir }))
  io.out(
    `Job ${job.id} · ${job.state.items.size} photos · ${job.settings.model} · data in ${dataDir}`
  )
}
