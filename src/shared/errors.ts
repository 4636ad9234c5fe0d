import { problemLine } from './i18n/problems'
import type { Problem } from './problem'

/** Error codes that cross process boundaries (IPC results, CLI exit reasons). */
export const ErrorCodes = {
  invalidInput: 'invalid_input',
  untrustedSender: 'untrusted_sender',
  unknownChannel: 'unknown_channel',
  /** A setting or request the engine refused; the problem names the field. */
  refused: 'refused',
  notFound: 'not_found',
  busy: 'busy',
  noKey: 'no_key',
  internal: 'internal'
} as const

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes]

/**
 * An error a handler throws on purpose: a kind (`code`) and the problem as data. The IPC router
 * turns it into `{ ok: false, error }`; its message is the problem in English, for logs.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly problem: Problem
  ) {
    super(problemLine(problem))
    this.name = 'AppError'
  }
}
