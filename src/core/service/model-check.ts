import type { Problem } from '@shared/problem'
import { dayOf, modelLife, type ListedModel, type ModelLife } from '@shared/models/lifecycle'
import { OPENAI_BASE_URL, endpointId } from '../openai/endpoint'
import type { Connection } from './connection'

/** How long an endpoint's model list is trusted. */
export const LISTING_TTL_MS = 60 * 60 * 1000
const LISTING_TIMEOUT_MS = 10_000

/** The day a job starts on: `PHOTOSCRIBE_TODAY` (tests and reproductions), else today in UTC. */
export function todayFrom(env: NodeJS.ProcessEnv = process.env): () => string {
  return () => env.PHOTOSCRIBE_TODAY || dayOf(Date.now())
}

/** A model the engine will not send to: switched off (by date or by the endpoint's own list). */
export function deadModelProblem(model: string, life: ModelLife): Problem | null {
  if (life.kind === 'gone')
    return lifeProblem('modelGone', model, life.replacement, { date: life.shutdownDate })
  if (life.kind === 'unlisted') return lifeProblem('modelUnlisted', model, life.replacement)
  return null
}

/** What to tell a person about a model: refused (switched off), warned (shutting down), or null. */
export function modelNote(model: string, life: ModelLife): Problem | null {
  return deadModelProblem(model, life) ?? dyingModelProblem(model, life)
}

/** A model that still runs but shuts down soon: the warning, else null. */
export function dyingModelProblem(model: string, life: ModelLife): Problem | null {
  if (life.kind !== 'dying') return null
  return lifeProblem('modelDying', model, life.replacement, { date: life.shutdownDate })
}

/** The problem naming the replacement, or its `…Alone` wording when OpenAI names none. */
function lifeProblem(
  code: 'modelGone' | 'modelUnlisted' | 'modelDying',
  model: string,
  replacement: string | undefined,
  params: Record<string, string> = {}
): Problem {
  return replacement
    ? { code, field: 'model', params: { n: model, replacement, ...params } }
    : { code: `${code}Alone`, field: 'model', params: { n: model, ...params } }
}

/**
 * Endpoints' own model lists (`GET /v1/models`), each trusted for an hour: the last word on which
 * models exist there and when they shut down. An endpoint that does not answer one (a local
 * server, an error, Azure's different API) has no list, and the catalog's dates count.
 */
export class ModelListings {
  private readonly cache = new Map<string, { at: number; listing: Promise<ModelListing | null> }>()

  constructor(private readonly now: () => number = Date.now) {}

  /** The endpoint's list, fetched at most once an hour. */
  listing(connection: ListedConnection): Promise<ModelListing | null> {
    if (connection.azure || connection.endpoint.kind === 'demo') return Promise.resolve(null)
    const id = endpointId(connection.endpoint)
    const cached = this.cache.get(id)
    if (cached && this.now() - cached.at < LISTING_TTL_MS) return cached.listing
    const listing = fetchListing(connection)
    this.cache.set(id, { at: this.now(), listing })
    return listing
  }
}

export type ModelListing = ReadonlyMap<string, ListedModel>

/** What asking an endpoint for its models takes (any connection has it). */
type ListedConnection = Pick<
  Connection,
  'endpoint' | 'baseURL' | 'keys' | 'fetch' | 'defaultHeaders' | 'azure'
>

async function fetchListing(connection: ListedConnection): Promise<ModelListing | null> {
  const base = (connection.baseURL ?? OPENAI_BASE_URL).replace(/\/+$/, '')
  const key = connection.keys[0]?.apiKey
  try {
    const response = await (connection.fetch ?? fetch)(`${base}/models`, {
      headers: { ...connection.defaultHeaders, ...(key ? { authorization: `Bearer ${key}` } : {}) },
      signal: AbortSignal.timeout(LISTING_TIMEOUT_MS)
    })
    if (!response.ok) return null
    return parseListing(await response.json())
  } catch {
    return null
  }
}

/** `{ data: [{ id, shutdown_date? }] }` as a map; anything else is no list at all. */
export function parseListing(body: unknown): ModelListing | null {
  const data = (body as { data?: unknown })?.data
  if (!Array.isArray(data)) return null
  const listing = new Map<string, ListedModel>()
  for (const entry of data) {
    const { id, shutdown_date: date } = (entry ?? {}) as { id?: unknown; shutdown_date?: unknown }
    if (typeof id !== 'string') continue
    const shutdownDate = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null
    listing.set(id, { shutdownDate })
  }
  return listing.size > 0 ? listing : null
}

/** Where `model` stands today on this connection: its list if it has one, else the catalog. */
export async function lifeOn(
  listings: ModelListings,
  connection: ListedConnection,
  model: string,
  today: string
): Promise<ModelLife> {
  return modelLife(model, today, await listings.listing(connection))
}
