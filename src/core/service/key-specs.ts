import type { EndpointConfig } from '../openai/transport'
import { keyShareId } from '../scheduler/key-lease'
import type { KeySpec } from '../scheduler/types'
import type { StoredJob } from '../jobs/job-store'
import type { Connection, ConnectionKey } from './connection'

/**
 * The scheduler's view of a connection's keys: Settings' limits, else the job's. With `endpoint`,
 * each key also gets the id its lease goes by on this machine (a hash, never the key).
 */
export function keySpecs(
  job: StoredJob,
  keys: readonly ConnectionKey[],
  endpoint?: Pick<Connection, 'baseURL'>
): KeySpec[] {
  return keys.map(({ id, label, apiKey, rpm, tpm, batchQueueTokens }) => ({
    id,
    label,
    ...(endpoint ? { shareId: keyShareId(endpoint.baseURL, apiKey) } : {}),
    rpm: rpm ?? job.settings.rpm,
    tpm: tpm ?? job.settings.tpm,
    batchQueueTokens
  }))
}

/** Where requests go and how, without the keys. */
export function endpointOf(connection: Connection): EndpointConfig {
  const { baseURL, fetch, defaultHeaders, azure } = connection
  return { baseURL, fetch, defaultHeaders, azure }
}
