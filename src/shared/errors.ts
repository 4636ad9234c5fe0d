/** Error codes that cross process boundaries (IPC results, CLI exit reasons). */
export const ErrorCodes = {
  invalidInput: 'invalid_input',
  untrustedSender: 'untrusted_sender',
  unknownChannel: 'unknown_channel',
  /** A setting or request the engine refused; `detail` names the field. */
  refused: 'refused',
  notFound: 'not_found',
  busy: 'busy',
  noKey: 'no_key',
  internal: 'internal'
} as const

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes]

/** An error a handler throws on purpose; the IPC router turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: string
  ) {
    super(message)
    this.name = 'AppError'
  }
}
