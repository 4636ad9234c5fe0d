import type { IncomingMessage, ServerResponse } from 'node:http'
import { checkServed } from './model-life'
import { formatDuration } from '@shared/ratelimit/duration'
import type { KeyAccount, Refusal } from './accounts'
import { applyAnswerFault, drawAnswerFault } from './answer-faults'
import { buildCompletion, prepareChat, type PreparedChat } from './chat'
import { parseChatRequest } from './chat-request'
import { ORG, RATE_LIMIT_DOCS, SimError, quotaError } from './errors'
import { applyFault } from './fault-responses'
import { drawFault } from './faults'
import type { FlexDesk } from './flex'
import { readJson, sendJson } from './http'
import type { SimulatorOptions } from './options'
import type { LogEntry } from './request-log'
import type { Random } from './rng'

/** What the chat endpoint needs from the server around it. */
export interface ChatContext {
  options: SimulatorOptions
  random: Random
  nextId: () => string
  /** Keeps a hung response open until the simulator closes. */
  hold: (res: ServerResponse) => void
  flex: FlexDesk
}

type Logged = Omit<LogEntry, 'seq' | 'at' | 'time' | 'method' | 'path' | 'key'>

/** `POST /v1/chat/completions` for an authenticated key: limits, faults, latency, answer. */
export async function handleChat(
  req: IncomingMessage,
  res: ServerResponse,
  account: KeyAccount,
  ctx: ChatContext
): Promise<Logged> {
  let clientGone = false
  res.once('close', () => (clientGone = !res.writableEnded))
  const prepared = await parseAndPrepare(req, ctx).catch((error: unknown) => {
    account.countRefused() // errors count toward RPM too, where the scenario says so
    throw error
  })
  const facts = describe(prepared)
  try {
    ctx.flex.admit(prepared.request)
  } catch (refusal) {
    ;(refusal as SimError).facts = facts
    throw refusal
  }
  const limitHeaders = (): Record<string, string> =>
    ctx.options.rateLimitHeaders ? account.headers(ctx.options.remainingScale) : {}
  const refused = admission(account, prepared, limitHeaders, ctx.options.bare429)
  if (refused) {
    refused.facts = { ...facts, ...refused.facts }
    throw refused
  }
  const headers = limitHeaders()
  const fault = drawFault(ctx.options.faults, ctx.random)
  await sleep(latency(ctx) * ctx.flex.latencyFactor(prepared.request))
  // A client that gave up does not stop the work: the answer is billed all the same.
  if (clientGone || res.destroyed) return { ...facts, ...billedAnyway(prepared, ctx), status: 0 }
  if (fault) return { ...facts, ...(await applyFault(fault, res, headers, ctx)) }
  return { ...facts, ...answer(res, prepared, account, headers, ctx) }
}

/** The answer (its prompt-cache reads in `usage`, an odd answer where the scenario draws one). */
function answer(
  res: ServerResponse,
  prepared: PreparedChat,
  account: KeyAccount,
  headers: Record<string, string>,
  ctx: ChatContext
): Logged {
  const cached = account.promptCache.read(prepared.request)
  const seconds = Math.floor(ctx.options.now() / 1000)
  const completion = buildCompletion(prepared, ctx.nextId(), seconds, cached)
  const oddAnswer = drawAnswerFault(ctx.options.answerFaults, ctx.random)
  if (oddAnswer) applyAnswerFault(completion, oddAnswer)
  const answeredAt = Date.now()
  sendJson(res, 200, completion, { ...headers, 'x-request-id': `req_${ctx.nextId()}` })
  const usage = completion.usage as { completion_tokens: number }
  return {
    status: 200,
    outcome: oddAnswer ? `answer:${oddAnswer}` : 'ok',
    completionTokens: usage.completion_tokens,
    ...(cached > 0 ? { cachedTokens: cached } : {}),
    answeredAt
  }
}

function billedAnyway(prepared: PreparedChat, ctx: ChatContext): Logged {
  if (!ctx.options.billAbandoned) return { status: 0, outcome: 'client_gone' }
  const completion = buildCompletion(prepared, ctx.nextId(), Math.floor(ctx.options.now() / 1000))
  const usage = completion.usage as { completion_tokens: number }
  return { status: 0, outcome: 'client_gone_billed', completionTokens: usage.completion_tokens }
}

async function parseAndPrepare(req: IncomingMessage, ctx: ChatContext): Promise<PreparedChat> {
  const request = parseChatRequest(await readJson(req), ctx.options.defaultMaxOutput)
  checkServed(ctx.options, request.modelId)
  return prepareChat(request, ctx.options.imageCharge)
}

function admission(
  account: KeyAccount,
  prepared: PreparedChat,
  limitHeaders: () => Record<string, string>,
  bare: boolean
): SimError | null {
  const model = prepared.request.modelId
  if (account.quotaExhausted) return quotaError(limitHeaders())
  if (prepared.chargeTokens > account.options.tpm)
    return tooLarge(model, account.options.tpm, prepared.chargeTokens, limitHeaders())
  const refusal = account.admit(prepared.chargeTokens)
  if (!refusal) return null
  return rateLimited(model, refusal, prepared.chargeTokens, bare ? {} : limitHeaders(), bare)
}

function describe(prepared: PreparedChat): Logged & { status: number; outcome: string } {
  return {
    status: 0,
    outcome: '',
    model: prepared.request.modelId,
    images: prepared.images.map(({ sha256, width, height, detail }) => ({
      sha256,
      width,
      height,
      detail
    })),
    chargeTokens: prepared.chargeTokens,
    promptTokens: prepared.promptTokens,
    ...(prepared.request.serviceTier !== 'default'
      ? { serviceTier: prepared.request.serviceTier }
      : {})
  }
}

function latency(ctx: ChatContext): number {
  const { latencyMs, latencyJitterMs } = ctx.options
  return Math.max(0, latencyMs + (ctx.random() * 2 - 1) * latencyJitterMs)
}

function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms))
}

function tooLarge(
  model: string,
  limit: number,
  requested: number,
  headers: Record<string, string>
): SimError {
  return new SimError(
    429,
    'tokens',
    'rate_limit_exceeded',
    `Request too large for ${model} in organization ${ORG} on tokens per min (TPM): Limit ${limit}, Requested ${requested}. The input or output tokens must be reduced in order to run successfully. ${RATE_LIMIT_DOCS}`,
    null,
    headers
  )
}

function rateLimited(
  model: string,
  refusal: Refusal,
  charge: number,
  headers: Record<string, string>,
  bare: boolean
): SimError {
  const unit = {
    requests: 'requests per min (RPM)',
    tokens: 'tokens per min (TPM)',
    requests_per_day: 'requests per day (RPD)'
  }[refusal.kind]
  const requested = refusal.kind === 'tokens' ? charge : 1
  const waitMs = Math.max(1, Math.ceil(refusal.waitMs))
  const message = `Rate limit reached for ${model} in organization ${ORG} on ${unit}: Limit ${refusal.limit}, Used ${refusal.used}, Requested ${requested}. Please try again in ${formatDuration(waitMs)}. ${RATE_LIMIT_DOCS}`
  // OpenAI sends no header for the daily window: only the message says when.
  const retry: Record<string, string> =
    refusal.kind === 'requests_per_day' || bare
      ? {}
      : { 'retry-after': String(Math.ceil(waitMs / 1000)), 'retry-after-ms': String(waitMs) }
  const type = refusal.kind === 'tokens' ? 'tokens' : 'requests'
  const error = new SimError(429, type, 'rate_limit_exceeded', message, null, {
    ...headers,
    ...retry
  })
  error.facts = { retryAfterMs: waitMs }
  return error
}
