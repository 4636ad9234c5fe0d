/** The Batch API's limits on one input file (OpenAI's Batch guide). */
export interface PartLimits {
  maxLines: number
  maxBytes: number
  /** The enqueued-token limit: a file larger than it could never be queued. */
  maxTokens: number
}

export const BATCH_FILE_LIMITS: PartLimits = {
  maxLines: 50_000,
  maxBytes: 200_000_000,
  maxTokens: Number.POSITIVE_INFINITY
}
