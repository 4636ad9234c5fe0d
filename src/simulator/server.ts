import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { FlexDesk } from './flex'
import type { AddressInfo } from 'node:net'
import { MODEL_CATALOG, findModel } from '@shared/models/catalog'
import { checkServed, modelNotFound, served } from './model-life'
import { KeyAccount } from './accounts'
import { handleImages } from './image-endpoint'
import { batchApiRoutes, json, type Outcome, type Route, type RouteTable } from './routes'
import { BatchStore, type LineProcessor } from './batches'
import { batchImageAnswer, readJsonEdit } from './image-batch'
import { imageUsage } from './image-endpoint'
import { buildCompletion, prepareChat } from './chat'
import { handleChat, type ChatContext } from './chat-endpoint'
import { parseChatRequest } from './chat-request'
import { SimError, requestRateLimit } from './errors'
import { FileStore } from './files'
import { bearerToken, keyHint, sendError } from './http'
import {
  keyOptionsFor,
  resolveOptions,
  type SimulatorOptions,
  type SimulatorOverrides
} from './options'
import { RequestLog } from './request-log'
import { seededRandom } from './rng'

/** A running simulator: its base URL (ending in `/v1`), its request log, and `close()`. */
export interface Simulator {
  url: string
  options: SimulatorOptions
  log: RequestLog
  /** Requests being answered now (a fake-clock test moves time only when none are). */
  inFlight(): number
  /** Credit added to a key: its `quotaAfter` no longer applies. */
  topUp(key: string): void
  close(): Promise<void>
}

/** Starts the OpenAI simulator on loopback (port 0 = any free port). */
export async function startSimulator(overrides: SimulatorOverrides = {}): Promise<Simulator> {
  const options = resolveOptions(overrides)
  const random = seededRandom(options.seed)
  const log = new RequestLog(options.now, options.logPath)
  const accounts = new Map<string, KeyAccount>()
  const held = new Set<ServerResponse>()
  let ids = 0
  const ctx: ChatContext = {
    options,
    random,
    nextId: () => `sim${(++ids).toString(36)}`,
    hold: (res) => held.add(res),
    flex: new FlexDesk(options.flex, random)
  }
  const routes = buildRoutes(ctx)
  const unreachable = timeWindow(options, () => options.outage)
  const storming = timeWindow(options, () => options.storm)
  let active = 0
  const server = createServer((req, res) => {
    active++
    res.once('close', () => active--)
    if (unreachable()) return dropConnection(req, log)
    if (storming()) return stormAnswer(req, res, log, options.storm!.retryAfter)
    void serve(req, res, { options, accounts, routes, log })
  })
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${options.host}:${port}/v1`,
    options,
    log,
    inFlight: () => active,
    topUp: (key) => topUp(accounts, key),
    close: async () => {
      for (const res of held) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

function topUp(accounts: Map<string, KeyAccount>, key: string): void {
  const account = accounts.get(key)
  if (account) account.options.quotaAfter = undefined
}

/** How a batch line is answered: the same parsing, counting and answer as a live request. */
function answerBody(ctx: ChatContext): LineProcessor {
  const { options } = ctx
  const prepare = (body: unknown) => {
    const request = parseChatRequest(body, options.defaultMaxOutput)
    checkServed(options, request.modelId)
    return prepareChat(request, options.imageCharge)
  }
  return {
    answer: async (body, endpoint) => {
      if (endpoint === '/v1/images/edits') return batchImageAnswer(body, options)
      const prepared = await prepare(body)
      return { body: buildCompletion(prepared, ctx.nextId(), Math.floor(options.now() / 1000)) }
    },
    promptTokens: async (body, endpoint) =>
      endpoint === '/v1/images/edits'
        ? imageUsage(readJsonEdit(body, options)).input_tokens
        : (await prepare(body)).promptTokens
  }
}

/** The endpoint is away: the connection drops before any answer, and the log says so. */
function dropConnection(req: IncomingMessage, log: RequestLog): void {
  req.socket.destroy()
  const key = keyHint(bearerToken(req))
  log.add({ method: req.method ?? 'GET', path: req.url ?? '/', key, status: 0, outcome: 'outage' })
}

/**
 * Counts requests and says whether a timed fault (an outage, a 429 storm) is on now: it starts
 * after `afterRequests` requests and lasts `durationMs`.
 */
function timeWindow(
  options: SimulatorOptions,
  spec: () => { afterRequests: number; durationMs: number } | undefined
): () => boolean {
  let seen = 0
  let startedAt: number | undefined
  return () => {
    const fault = spec()
    if (!fault) return false
    seen++
    if (startedAt === undefined && seen > fault.afterRequests) startedAt = options.now()
    return startedAt !== undefined && options.now() < startedAt + fault.durationMs
  }
}

/** A 429 storm: every request refused as rate limited, with or without `retry-after`. */
function stormAnswer(
  req: IncomingMessage,
  res: ServerResponse,
  log: RequestLog,
  retryAfter: boolean
): void {
  const message = 'Rate limit reached for requests in organization org-sim. Please try again in 1s.'
  sendError(res, requestRateLimit(message, retryAfter))
  const key = keyHint(bearerToken(req))
  log.add({
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    key,
    status: 429,
    outcome: 'rate_limited'
  })
}

function buildRoutes(ctx: ChatContext): RouteTable {
  const { options } = ctx
  const files = new FileStore(options.now)
  const batches = new BatchStore(files, options.batch, answerBody(ctx), ctx.random, options.now)
  return [
    [
      'POST',
      /^\/v1\/chat\/completions$/,
      (req, res, account) => handleChat(req, res, account, ctx)
    ],
    // Azure OpenAI's shape: the deployment in the path, `api-version` required, the key in `api-key`.
    [
      'POST',
      /^\/openai\/deployments\/[\w.-]+\/chat\/completions$/,
      (req, res, account) => {
        if (!new URL(req.url ?? '/', 'http://sim').searchParams.get('api-version'))
          throw new SimError(
            404,
            'invalid_request_error',
            null,
            'Resource not found (api-version missing)'
          )
        return handleChat(req, res, account, ctx)
      }
    ],
    ...imageRoutes(ctx),
    ['GET', /^\/v1\/models$/, async (_req, res) => json(res, modelList(options))],
    [
      'GET',
      /^\/v1\/models\/([\w.:-]+)$/,
      async (_req, res, _a, m) => json(res, oneModel(options, m[1]))
    ],
    ...batchApiRoutes(files, batches, ctx.options.batch.apiFaults, ctx.random)
  ]
}

/** The Images API: edits (multipart) and generations (JSON). */
function imageRoutes(ctx: ChatContext): RouteTable {
  return [
    [
      'POST',
      /^\/v1\/images\/edits$/,
      (req, res, account) => handleImages(req, res, account, ctx, true)
    ],
    [
      'POST',
      /^\/v1\/images\/generations$/,
      (req, res, account) => handleImages(req, res, account, ctx, false)
    ]
  ]
}

/** `GET /v1/models`: the catalog's models still served today, with their shutdown dates. */
function modelList(options: SimulatorOptions): Record<string, unknown> {
  const data = MODEL_CATALOG.filter((m) => served(options, m.id)).map((m) =>
    modelObject(options, m.id)
  )
  return { object: 'list', data }
}

/** `GET /v1/models/{id}`, or 404 `model_not_found` for a model not served. */
function oneModel(options: SimulatorOptions, id: string): Record<string, unknown> {
  if (!findModel(id) || !served(options, id)) throw modelNotFound(id)
  return modelObject(options, id)
}

function modelObject(options: SimulatorOptions, id: string): Record<string, unknown> {
  const shutdown = options.shutdownDates
    ? { shutdown_date: findModel(id)?.shutdownDate ?? null }
    : {}
  return { id, object: 'model', created: 0, owned_by: 'simulator', ...shutdown }
}

interface ServeContext {
  options: SimulatorOptions
  accounts: Map<string, KeyAccount>
  routes: [string, RegExp, Route][]
  log: RequestLog
}

async function serve(req: IncomingMessage, res: ServerResponse, ctx: ServeContext): Promise<void> {
  const method = req.method ?? 'GET'
  const path = new URL(req.url ?? '/', 'http://sim').pathname
  const key = bearerToken(req)
  let outcome: Outcome
  try {
    const account = accountFor(key, ctx)
    outcome = await route(req, res, account, method, path, ctx.routes)
  } catch (error) {
    outcome = respondWithError(res, error)
  }
  ctx.log.add({ method, path, key: keyHint(key), ...outcome })
}

function accountFor(key: string, ctx: ServeContext): KeyAccount {
  const existing = ctx.accounts.get(key)
  if (existing) return existing
  const limits = keyOptionsFor(ctx.options, key)
  if (!limits) {
    const shown = key ? `${key.slice(0, 3)}*****${key.slice(-4)}` : ''
    throw new SimError(
      401,
      'invalid_request_error',
      'invalid_api_key',
      `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`
    )
  }
  const account = new KeyAccount(limits, ctx.options.now)
  ctx.accounts.set(key, account)
  return account
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  account: KeyAccount,
  method: string,
  path: string,
  routes: ServeContext['routes']
): Promise<Outcome> {
  for (const [verb, pattern, handler] of routes) {
    pattern.lastIndex = 0
    const match = pattern.exec(path)
    if (match && verb === method) return handler(req, res, account, match)
  }
  throw new SimError(404, 'invalid_request_error', null, `Invalid URL (${method} ${path})`)
}

function respondWithError(res: ServerResponse, error: unknown): Outcome {
  const simError =
    error instanceof SimError
      ? error
      : new SimError(500, 'server_error', null, `Simulator error: ${String(error)}`)
  if (!res.headersSent && !res.destroyed) sendError(res, simError)
  return { ...simError.facts, status: simError.status, outcome: outcomeOf(simError) }
}

function outcomeOf(error: SimError): string {
  if (error.status === 401) return 'unauthorized'
  if (error.code === 'insufficient_quota') return 'insufficient_quota'
  if (error.code === 'token_limit_exceeded') return 'queue_full'
  if (error.code === 'rate_limit_exceeded')
    return error.message.startsWith('Request too large') ? 'too_large' : 'rate_limited'
  return error.status >= 500 ? 'error' : 'invalid'
}
