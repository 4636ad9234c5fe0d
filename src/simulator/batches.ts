import { SimError, invalidRequest } from './errors'
import type { FileStore } from './files'
import type { BatchOptions } from './options'
import { shuffled, type Random } from './rng'

/** Runs one batch line's body as the endpoint would; a SimError becomes an error-file line. */
export type LineProcessor = (
  body: unknown
) => Promise<{ body: Record<string, unknown>; usage?: Record<string, number> }>

interface InputLine {
  custom_id: string
  body: unknown
}

interface BatchRecord {
  id: string
  input_file_id: string
  endpoint: string
  completion_window: string
  metadata: Record<string, string> | null
  createdMs: number
  lines: InputLine[]
  validationErrors: { code: string; line: number; message: string; param: string | null }[]
  cancelledMs?: number
  outcome?: Promise<Outcome>
}

interface Outcome {
  output_file_id: string | null
  error_file_id: string | null
  request_counts: { total: number; completed: number; failed: number }
}

type Phase =
  | 'validating'
  | 'failed'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'expired'
  | 'cancelling'
  | 'cancelled'

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
  async create(raw: unknown): Promise<Record<string, unknown>> {
    const body = (raw ?? {}) as Record<string, unknown>
    if (typeof body.input_file_id !== 'string')
      throw invalidRequest(
        'missing_required_parameter',
        "Missing required parameter: 'input_file_id'.",
        'input_file_id'
      )
    if (body.endpoint !== '/v1/chat/completions')
      throw invalidRequest(
        'invalid_value',
        'The simulator batches only /v1/chat/completions.',
        'endpoint'
      )
    if (body.completion_window !== '24h')
      throw invalidRequest(
        'invalid_value',
        "Invalid 'completion_window': only '24h' is supported.",
        'completion_window'
      )
    const input = this.files.get(body.input_file_id)
    const { lines, errors } = parseInputFile(input.content.toString('utf8'))
    const record: BatchRecord = {
      id: `batch_sim${String(++this.counter).padStart(6, '0')}`,
      input_file_id: body.input_file_id,
      endpoint: body.endpoint,
      completion_window: '24h',
      metadata: (body.metadata as Record<string, string>) ?? null,
      createdMs: this.now(),
      lines,
      validationErrors: errors
    }
    this.batches.set(record.id, record)
    return this.describe(record)
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
  async list(limit = 20, after?: string): Promise<Record<string, unknown>> {
    const all = [...this.batches.values()].reverse()
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
    if (this.options.expire) return 'expired'
    return elapsed < 3 * step ? 'finalizing' : 'completed'
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
    for (const [index, line] of record.lines.entries()) {
      const id = `batch_req_${record.id.slice(6)}_${index}`
      if (index >= answered) {
        errors.push(unfinishedLine(id, line.custom_id, phase))
        continue
      }
      const result = await this.answer(line)
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

  private async answer(
    line: InputLine
  ): Promise<{ status_code: number; request_id: string; body: unknown }> {
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
      return { status_code: 200, request_id, body: (await this.process(line.body)).body }
    } catch (error) {
      if (error instanceof SimError)
        return { status_code: error.status, request_id, body: error.body }
      throw error
    }
  }
}

function parseInputFile(text: string): {
  lines: InputLine[]
  errors: BatchRecord['validationErrors']
} {
  const lines: InputLine[] = []
  const errors: BatchRecord['validationErrors'] = []
  const seen = new Set<string>()
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return
    const fail = (message: string): void =>
      void errors.push({ code: 'invalid_request', line: index + 1, message, param: null })
    let parsed: Record<string, unknown>
    try {
      parsed = JSON.parse(raw)
    } catch {
      return fail('This line is not parseable as valid JSON.')
    }
    const customId = parsed.custom_id
    if (typeof customId !== 'string' || customId === '') return fail('Each line needs a custom_id.')
    if (seen.has(customId)) return fail(`Duplicate custom_id '${customId}'.`)
    if (parsed.url !== '/v1/chat/completions')
      return fail("The line's url must match the batch endpoint.")
    seen.add(customId)
    lines.push({ custom_id: customId, body: parsed.body })
  })
  if (lines.length === 0 && errors.length === 0)
    errors.push({
      code: 'empty_file',
      line: 0,
      message: 'The input file has no requests.',
      param: null
    })
  return { lines, errors }
}

/** The error line of a request the batch never ran (it expired or was cancelled first). */
function unfinishedLine(id: string, customId: string, phase: Phase): string {
  const code = phase === 'expired' ? 'batch_expired' : 'batch_cancelled'
  return JSON.stringify({
    id,
    custom_id: customId,
    response: null,
    error: {
      code,
      message: 'This request could not be executed before the completion window expired.'
    }
  })
}
