/** Exit codes shared by every command. */
export const ExitCodes = { ok: 0, someFailed: 1, usage: 2, stopped: 3, interrupted: 130 } as const
