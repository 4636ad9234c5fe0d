/** Error codes that cross process boundaries (IPC results, CLI exit reasons). */
export const ErrorCodes = {
  invalidInput: 'invalid_input',
  untrustedSender: 'untrusted_sender',
  unknownChannel: 'unknown_channel',
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
