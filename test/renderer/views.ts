import type { QueueRow } from '@shared/domain/queue'
import type { RunView } from '@shared/domain/run-view'
import type { OpenView } from '@shared/domain/workspace'

export function runView(
  over: Partial<RunView> = {},
  totals: Partial<RunView['totals']> = {}
): RunView {
  return {
    status: 'idle',
    keys: [],
    elapsedMs: 0,
    ...over,
    totals: {
      total: 0,
      done: 0,
      failed: 0,
      inFlight: 0,
      retrying: 0,
      tokensIn: 0,
      tokensOut: 0,
      costUsd: 0,
      possiblyPaidTwice: 0,
      throughputPerMin: 0,
      ...totals
    }
  }
}

export function draftView(rows: QueueRow[], over: Partial<OpenView> = {}): OpenView {
  return {
    id: 'draft-1',
    kind: 'draft',
    name: 'Spring catalog',
    walking: false,
    demo: false,
    rows,
    options: {
      templateId: 'seo-meta',
      language: 'English',
      model: 'gpt-4.1-mini',
      detail: 'low',
      maxConcurrency: 500,
      imageAdmission: 800,
      jpegQuality: 85,
      structuredMode: 'json_schema'
    },
    run: runView(),
    ...over
  }
}
