import { InvalidArgumentError } from 'commander'

/** Parses a flag value as a number within [min, max], naming the flag when it is not one. */
export function numberIn(
  flag: string,
  min: number,
  max = Number.POSITIVE_INFINITY
): (value: string) => number {
  return (value) => {
    const parsed = Number(value)
    if (value.trim() === '' || !Number.isFinite(parsed) || parsed < min || parsed > max) {
      const range =
        max === Number.POSITIVE_INFINITY ? `a number ≥ ${min}` : `a number from ${min} to ${max}`
      throw new InvalidArgumentError(`${flag} takes ${range}; got "${value}".`)
    }
    return parsed
  }
}

/** `--burst`: `second`, `minute`, or a number of seconds of refill a bucket may hold. */
export function burstSeconds(value: string): number {
  if (value === 'second') return 1
  if (value === 'minute') return 60
  return numberIn('--burst', 0.001, 60)(value)
}

/** `--image-charge`: `formula`, or a flat number of tokens per image. */
export function imageCharge(value: string): 'formula' | number {
  return value === 'formula' ? value : numberIn('--image-charge', 0)(value)
}

export const probability = (flag: string): ((value: string) => number) => numberIn(flag, 0, 1)
