/** Shown instead of a secret: its kind and last four characters (`sk-…abcd`). */
export function maskSecret(secret: string): string {
  const trimmed = secret.trim()
  const prefix = trimmed.startsWith('sk-') ? 'sk-' : ''
  return `${prefix}…${trimmed.slice(-4)}`
}

// API-key shapes (OpenAI sk-…, Azure's 32-hex keys, bearer tokens) and query-string keys.
const KEY_SHAPES: readonly RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  /\b(Bearer\s+)([A-Za-z0-9._~+/=-]{12,})/gi,
  /\b(api[-_]?key["'=:\s]+)([A-Za-z0-9._-]{12,})/gi
]

/**
 * Masks anything key-shaped in text that will be stored or shown (failure reasons, server
 * messages, logs), and every known secret itself, line by line (two keys pasted as one).
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets)
    for (const part of secret.split(/\s+/))
      if (part.length >= 8) out = out.split(part).join(maskSecret(part))
  out = out.replace(KEY_SHAPES[0], (key) => maskSecret(key))
  out = out.replace(
    KEY_SHAPES[1],
    (_m, lead: string, token: string) => `${lead}${maskSecret(token)}`
  )
  return out.replace(
    KEY_SHAPES[2],
    (_m, lead: string, token: string) => `${lead}${maskSecret(token)}`
  )
}

// Terminal escapes: OSC (ESC ] … BEL or ESC \), CSI (ESC [ …), then any other C0/C1 control.
/* eslint-disable no-control-regex -- matching control characters is the point here */
const OSC = /\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)?/g
const CSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g
/* eslint-enable no-control-regex */

/** Strips terminal control characters (ANSI/OSC escapes, bells, carriage returns, bidi overrides) from untrusted text. */
export function printable(text: string): string {
  return text.replace(OSC, '').replace(CSI, '').replace(CONTROL, '')
}
