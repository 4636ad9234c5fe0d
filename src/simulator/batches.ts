import { SimError, invalidRequest, quotaError } from './errors'
import {
  checkCreate,
  parseInputFile,
  unfinishedLine,
  type InputLine,
  type Phase,
  type ValidationError
} from './batch-input'
import type { FileStore } from './files'
import type { BatchOptions } from './options'
import { shuffled, type Random } from './rng'

/** Runs one batch line's body as the endpoint would (a SimError becomes an error-file line), and counts its input tokens. */
export interface LineProcessor {
  answer(body: unknown, endpoint: string): Promise<{ body: Record<string, unknown> }>
  promptTokens(body: unknown, endpoint: string): Promise<number>
}

/** Whose batches these are (one key's), the queue limit it has and its credit (`quotaAfter`). */
export interface BatchOwner {
  options: { batchQueueTokens?: number }
  readonly quotaExhausted: boolean
  /** Requests run so far: each line of an accepted batch counts, as a live request does. */
  admitted: number
}

type LineResult = { status_code: number; request_id: string; body: unknown }

interface BatchRecord {
  id: string
  owner: BatchOwner
  /** 1-based creation order (which batches expire or fail validation). */
  index: number
  /** Input tokens the batch holds in its owner's queue until it is over. */
  tokens: number
  /** Every line answered in the background from creation on. */
  answers?: Promise<LineResult[]>
  input_file_id: string
  endpoint: string
  completion_window: string
  metadata: Record<string, string> | null
  createdMs: number
  lines: InputLine[]
  validationErrors: ValidationError[]
  cancelledMs?: number
  outcome?: Promise<Outcome>
}

const OPEN_PHASES = new Set(['validating', 'in_progress', 'finalizing', 'cancelling'])

interface Outcome {
  output_file_id: string | null
  error_file_id: string | null
  request_counts: { total: number; completed: number; failed: number }
}

/** The Batches API over the in-memory file store, with statuses driven by the (injected) clock. */
export class BatchStore {
  private readonly batches = new Map<string, BatchRecord>()
  private counter = 0

  constructor(
    private readonly files: FileStore,
    private readonly options: BatchOptions,
    private readonly process: LineProcessor,
    private readonly random: Random,
    private readonly now: () => number
  ) {}

  /** `POST /v1/batches`. */
  async create(raw: unknown, owner: BatchOwner): Promise<Record<string, unknown>> {
    const body = checkCreate(raw)
    if (owner.quotaExhausted) throw quotaError()
    const input = this.files.get(body.input_file_id)
    const { lines, errors } = parseInputFile(input.content.toString('utf8'), body.endpoint)
    const index = ++this.counter
    if (errors.length === 0 && index <= this.options.failValidation)
      errors.push({
        code: 'invalid_request',
        line: 1,
        message: 'The simulator failed this file (failValidation).',
        param: null
      })
    const tokens = errors.length === 0 ? await this.queueTokens(lines, owner, body.endpoint) : 0
    const record: BatchRecord = {
      id: `batch_sim${String(index).padStart(6, '0')}`,
      owner,
      index,
      tokens,
      input_file_id: body.input_file_id,
      endpoint: body.endpoint,
      completion_window: '24h',
      metadata: body.metadata ?? null,
      createdMs: this.now(),
      lines,
      validationErrors: errors
    }
    this.queueCheck(record, lines)
    if (record.validationErrors.length === 0) {
      record.answers = this.answerAll(record)
      owner.admitted += lines.length
    }
    this.batches.set(record.id, record)
    return this.describe(record)
  }

  /** The input tokens a file would enqueue, counted only for a key that has a queue limit. */
  private async queueTokens(
    lines: InputLine[],
    owner: BatchOwner,
    endpoint: string
  ): Promise<number> {
    if (owner.options.batchQueueTokens === undefined) return 0
    let sum = 0
    for (const line of lines)
      sum += await this.process.promptTokens(line.body, endpoint).catch(() => 0)
    return sum
  }

  /** A batch that does not fit its owner's queue: refused with a 429, or failed as OpenAI does. */
  private queueCheck(record: BatchRecord, lines: InputLine[]): void {
    const limit = record.owner.options.batchQueueTokens
    if (limit === undefined || record.validationErrors.length > 0) return
    let waiting = 0
    for (const other of this.batches.values())
      if (other.owner === record.owner && OPEN_PHASES.has(this.phase(other)))
        waiting += other.tokens
    if (waiting + record.tokens <= limit) return
    const model = (lines[0]?.body as { model?: string } | undefined)?.model ?? 'the model'
    const message = `Enqueued token limit reached for ${model} in organization org-sim. Limit: ${limit.toLocaleString('en')} enqueued tokens. Please try again once some in_progress batches have been completed.`
    if (this.options.queueRefusal === '429')
      throw new SimError(429, 'invalid_request_error', 'token_limit_exceeded', message)
    record.validationErrors.push({ code: 'token_limit_exceeded', line: 0, message, param: null })
    record.tokens = 0
  }

  /** `GET /v1/batches/{id}`. */
  async retrieve(id: string): Promise<Record<string, unknown>> {
    return this.describe(this.find(id))
  }

  /** `POST /v1/batches/{id}/cancel`: cancelling for one step, then cancelled with partial results. */
  async cancel(id: string): Promise<Record<string, unknown>> {
    const record = this.find(id)
    const phase = this.phase(record)
    if (phase === 'completed' || phase === 'failed' || phase === 'expired') {
      throw invalidRequest(null, `Cannot cancel a batch with status '${phase}'.`)
    }
    record.cancelledMs ??= this.now()
    return this.describe(record)
  }

  /** `GET /v1/batches?limit&after`, newest first. */
  async list(owner: BatchOwner, limit = 20, after?: string): Promise<Record<string, unknown>> {
    const all = [...this.batches.values()].filter((b) => b.owner === owner).reverse()
    const start = after ? all.findIndex((b) => b.id === after) + 1 : 0
    const page = all.slice(start, start + limit)
    const data = await Promise.all(page.map((b) => this.describe(b)))
    return {
      object: 'list',
      data,
      first_id: page[0]?.id ?? null,
      last_id: page.at(-1)?.id ?? null,
      has_more: start + limit < all.length
    }
  }

  private find(id: string): BatchRecord {
    const record = this.batches.get(id)
    if (!record)
      throw new SimError(
        404,
        'invalid_request_error',
        null,
        `No batch found with id '${id}'.`,
        'batch_id'
      )
    return record
  }

  private phase(record: BatchRecord): Phase {
    const step = this.options.stepMs
    if (record.cancelledMs !== undefined)
      return this.now() - record.cancelledMs < step ? 'cancelling' : 'cancelled'
    const elapsed = this.now() - record.createdMs
    if (elapsed < step) return 'validating'
    if (record.validationErrors.length > 0) return 'failed'
    if (elapsed < 2 * step) return 'in_progress'
    if (this.expires(record)) return 'expired'
    return elapsed < 3 * step ? 'finalizing' : 'completed'
  }

  private expires(record: BatchRecord): boolean {
    const expire = this.options.expire
    return expire === true || (typeof expire === 'number' && record.index <= expire)
  }

  private async describe(record: BatchRecord): Promise<Record<string, unknown>> {
    const phase = this.phase(record)
    const settled = phase === 'completed' || phase === 'expired' || phase === 'cancelled'
    const outcome = settled ? await (record.outcome ??= this.run(record, phase)) : null
    const seconds = (ms: number): number => Math.floor(ms / 1000)
    return {
      id: record.id,
      object: 'batch',
      endpoint: record.endpoint,
      input_file_id: record.input_file_id,
      completion_window: record.completion_window,
      status: phase,
      output_file_id: outcome?.output_file_id ?? null,
      error_file_id: outcome?.error_file_id ?? null,
      errors:
        record.validationErrors.length > 0
          ? { object: 'list', data: record.validationErrors }
          : null,
      created_at: seconds(record.createdMs),
      expires_at: seconds(record.createdMs) + 86_400,
      request_counts: outcome?.request_counts ?? {
        total: record.lines.length,
        completed: 0,
        failed: 0
      },
      metadata: record.metadata
    }
  }

  /** Answers the lines (all of them, or the first half when expired or cancelled). */
  private async run(record: BatchRecord, phase: Phase): Promise<Outcome> {
    const answered =
      phase === 'completed' ? record.lines.length : Math.floor(record.lines.length / 2)
    const output: string[] = []
    const errors: string[] = []
    const answers = (await record.answers) ?? []
    for (const [index, line] of record.lines.entries()) {
      const id = `batch_req_${record.id.slice(6)}_${index}`
      if (index >= answered) {
        errors.push(unfinishedLine(id, line.custom_id, phase))
        continue
      }
      const result = answers[index]
      ;(result.status_code === 200 ? output : errors).push(
        JSON.stringify({ id, custom_id: line.custom_id, response: result, error: null })
      )
    }
    return {
      output_file_id: this.resultFile(`${record.id}_output.jsonl`, output),
      error_file_id: this.resultFile(`${record.id}_error.jsonl`, errors),
      request_counts: {
        total: record.lines.length,
        completed: output.length,
        failed: record.lines.length - output.length
      }
    }
  }

  /** A batch's output or error file, lines in random order (as OpenAI does not keep them); null when empty. */
  private resultFile(name: string, lines: string[]): string | null {
    if (lines.length === 0) return null
    const content = Buffer.from(shuffled(lines, this.random).join('\n') + '\n')
    return this.files.put(name, 'batch_output', content).id
  }

  /** Answers the lines one after another, in the background, from the batch's creation. */
  private async answerAll(record: BatchRecord): Promise<LineResult[]> {
    const results: LineResult[] = []
    for (const line of record.lines) results.push(await this.answer(line, record.endpoint))
    return results
  }

  private async answer(line: InputLine, endpoint: string): Promise<LineResult> {
    const request_id = `req_sim_${line.custom_id}`
    if (this.random() < this.options.failRate) {
      return {
        status_code: 500,
        request_id,
        body: {
          error: {
            message: 'The server had an error while processing your request.',
            type: 'server_error',
            param: null,
            code: null
          }
        }
      }
    }
    try {
      return {
        status_code: 200,
        request_id,
        body: (await this.process.answer(line.body, endpoint)).body
      }
    } catch (error) {
      if (error instanceof SimError)
        return { status_code: error.status, request_id, body: error.body }
      throw error
    }
  }
}
