import type { ErrorCode } from '../errors'
import type { Problem } from '../problem'

/** What every IPC request resolves to: data, or an error a person can read. */
export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError }

/**
 * A failed IPC request: its kind, the problem as data (the window words it in the app's
 * language), and the problem in English for logs.
 */
export interface IpcError {
  code: ErrorCode
  problem: Problem
  message: string
}

/** Wraps data in a successful result. */
export function ok<T>(data: T): IpcResult<T> {
  return { ok: true, data }
}

/** Wraps an error in a failed result. */
export function fail<T = never>(error: IpcError): IpcResult<T> {
  return { ok: false, error }
}
