import type { ErrorCode } from '../errors'

/** What every IPC request resolves to: data, or an error a person can read. */
export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError }

/** A failed IPC request: a stable code, a message for people, optional technical detail. */
export interface IpcError {
  code: ErrorCode
  message: string
  detail?: string
}

/** Wraps data in a successful result. */
export function ok<T>(data: T): IpcResult<T> {
  return { ok: true, data }
}

/** Wraps an error in a failed result. */
export function fail<T = never>(error: IpcError): IpcResult<T> {
  return { ok: false, error }
}
