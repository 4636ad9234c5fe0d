import type { JournalEvent, Verdict } from '../../src/core/jobs/journal-events'

/**
 * The journal of one photo found and answered (with `fields`), and judged when a verdict is
 * given: what a finished job holds, for tests of what is made from its answers.
 */
export function answeredEvents(
  id: string,
  path: string,
  fields: Record<string, unknown>,
  verdict?: Verdict
): JournalEvent[] {
  return [
    { e: 'added', id, sha256: `sha-${id}`, bytes: 1, paths: [path] },
    {
      e: 'done',
      id,
      at: 1,
      result: {
        text: '',
        fields,
        model: 'gpt-4o',
        costUsd: 0,
        promptTokens: 1,
        completionTokens: 1,
        latencyMs: 1,
        finishReason: 'stop',
        fromCache: false
      }
    },
    ...(verdict ? [{ e: 'verdict' as const, id, at: 2, verdict }] : [])
  ]
}
