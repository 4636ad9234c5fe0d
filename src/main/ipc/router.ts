import { AppError, ErrorCodes, type ErrorCode } from '@shared/errors'
import { redactSecrets } from '@shared/redact'
import { fail, ok, type IpcResult } from '@shared/ipc/result'
import { englishProblem, problemLine } from '@shared/i18n/problems'
import { issueProblem, type Problem } from '@shared/problem'
import type { Route } from '@shared/ipc/route'
import { routes, type Handlers } from '@shared/ipc/routes'

/** Validates sender and input, calls the handler, and returns a result instead of throwing. */
export interface Router {
  readonly channels: readonly string[]
  handle(
    channel: string,
    senderUrl: string | undefined,
    input: unknown
  ): Promise<IpcResult<unknown>>
}

interface Bound {
  route: Route
  handler: (input: unknown) => unknown
}

export interface RouterOptions {
  /** Checks every output against its route's schema too (tests and the e2e harness). */
  checkOutputs?: boolean
}

/** Builds the router; `isTrustedSender` decides which frames may call main at all. */
export function createRouter(
  handlers: Handlers,
  isTrustedSender: (url: string | undefined) => boolean,
  options: RouterOptions = {}
): Router {
  const table = bindRoutes(handlers)
  return {
    channels: [...table.keys()],
    async handle(channel, senderUrl, input) {
      const bound = table.get(channel)
      if (!bound)
        return failed(ErrorCodes.unknownChannel, { code: 'unknownChannel', params: { n: channel } })
      if (!isTrustedSender(senderUrl))
        return failed(ErrorCodes.untrustedSender, { code: 'untrustedSender' })
      const parsed = bound.route.input.safeParse(input)
      if (!parsed.success) return failed(ErrorCodes.invalidInput, issueProblem(parsed.error.issues))
      const result = await call(bound.handler, parsed.data)
      return options.checkOutputs ? checked(bound.route, result) : result
    }
  }
}

function bindRoutes(handlers: Handlers): Map<string, Bound> {
  const table = new Map<string, Bound>()
  for (const [domain, domainRoutes] of Object.entries(routes)) {
    const domainHandlers = handlers[domain as keyof Handlers] as Record<string, Bound['handler']>
    for (const [method, route] of Object.entries(domainRoutes as Record<string, Route>))
      table.set(route.channel, { route, handler: domainHandlers[method].bind(domainHandlers) })
  }
  return table
}

function checked(route: Route, result: IpcResult<unknown>): IpcResult<unknown> {
  if (!result.ok) return result
  const parsed = route.output.safeParse(result.data)
  if (parsed.success) return result
  const problem = issueProblem(parsed.error.issues)
  return failed(ErrorCodes.internal, {
    code: 'outsideSchema',
    params: { n: route.channel, field: problem.field ?? '', problem: englishProblem(problem) }
  })
}

/** A failed result: the problem as data, and in English for logs. */
function failed(code: ErrorCode, problem: Problem): IpcResult<never> {
  return fail({ code, problem, message: problemLine(problem) })
}

async function call(
  handler: (input: unknown) => unknown,
  input: unknown
): Promise<IpcResult<unknown>> {
  try {
    return ok(await handler(input))
  } catch (error) {
    if (error instanceof AppError) return failed(error.code, error.problem)
    console.error(
      '[ipc]',
      redactSecrets(error instanceof Error ? (error.stack ?? error.message) : String(error))
    )
    return failed(ErrorCodes.internal, { code: 'internal' })
  }
}
