import { AppError, ErrorCodes } from '@shared/errors'
import { channels } from '@shared/ipc/channels'
import type { InputOf, OutputOf, RequestChannel } from '@shared/ipc/contract'
import { fail, ok, type IpcResult } from '@shared/ipc/result'
import { inputSchemas } from '@shared/ipc/schemas'

/** One handler per request channel: a missing one is a compile error. */
export type Handlers = {
  [C in RequestChannel]: (input: InputOf<C>) => Promise<OutputOf<C>> | OutputOf<C>
}

/** Validates sender and input, calls the handler, and returns a result instead of throwing. */
export interface Router {
  readonly channels: readonly RequestChannel[]
  handle(
    channel: string,
    senderUrl: string | undefined,
    input: unknown
  ): Promise<IpcResult<unknown>>
}

const known = new Set<string>(Object.values(channels))

/** Builds the router; `isTrustedSender` decides which frames may call main at all. */
export function createRouter(
  handlers: Handlers,
  isTrustedSender: (url: string | undefined) => boolean
): Router {
  return {
    channels: Object.values(channels),
    async handle(channel, senderUrl, input) {
      if (!known.has(channel))
        return fail({ code: ErrorCodes.unknownChannel, message: `Unknown channel ${channel}.` })
      if (!isTrustedSender(senderUrl)) {
        return fail({
          code: ErrorCodes.untrustedSender,
          message: 'This request did not come from the Photoscribe window.'
        })
      }
      const name = channel as RequestChannel
      const parsed = inputSchemas[name].safeParse(input)
      if (!parsed.success)
        return fail({ code: ErrorCodes.invalidInput, message: describeIssues(parsed.error.issues) })
      return call(handlers[name] as (input: unknown) => unknown, parsed.data)
    }
  }
}

async function call(
  handler: (input: unknown) => unknown,
  input: unknown
): Promise<IpcResult<unknown>> {
  try {
    return ok(await handler(input))
  } catch (error) {
    if (error instanceof AppError)
      return fail({ code: error.code, message: error.message, detail: error.detail })
    return fail({
      code: ErrorCodes.internal,
      message: 'Something went wrong in Photoscribe. The details are in the log.'
    })
  }
}

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .map((issue) =>
      issue.path.length > 0
        ? `${issue.path.map(String).join('.')}: ${issue.message}`
        : issue.message
    )
    .join('; ')
}
