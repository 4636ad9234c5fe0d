import type { EndpointRef } from '../openai/endpoint'
import type { AzureEndpoint } from '../openai/transport'

/** One key of a connection: its secret, and the limits Settings give it for the job's model. */
export interface ConnectionKey {
  id: string
  label: string
  apiKey: string
  rpm?: number
  tpm?: number
  /** The Batch API's enqueued-token limit for the job's model. */
  batchQueueTokens?: number
  /** `reported`: rpm/tpm are what the server said for this key (a key test or a run). */
  from?: 'reported'
}

/** Where requests go and with which keys. Secrets go to the transport and nowhere else. */
export interface Connection {
  endpoint: EndpointRef
  /** The base URL to send to (OpenAI's when absent); never taken from a job's files. */
  baseURL?: string
  keys: ConnectionKey[]
  /** The most requests in flight Settings allow (else the job's own setting). */
  maxConcurrency?: number
  fetch?: typeof fetch
  /** OpenAI's organization and project headers. */
  defaultHeaders?: Record<string, string>
  azure?: AzureEndpoint
}
