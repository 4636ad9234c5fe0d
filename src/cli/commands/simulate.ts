import { InvalidArgumentError, type Command } from 'commander'
import { startSimulator } from '../../simulator/server'
import type { RemainingScale, SimulatorOverrides } from '../../simulator/options'
import { burstSeconds, imageCharge, numberIn, probability } from '../options'

/** Flags of `photoscribe simulate`, as commander parses them. */
export interface SimulateFlags {
  port: number
  rpm: number
  tpm: number
  burst: number
  imageCharge: 'formula' | number
  latency: number
  jitter: number
  quotaAfter?: number
  rpd?: number
  projectTpm?: number
  ipm?: number
  imageTpm?: number
  refusedCount: boolean
  bare429: boolean
  billAbandoned: boolean
  outageAfter?: number
  outageMs: number
  headers: boolean
  remaining: RemainingScale
  seed: number
  log?: string
  batchStep: number
  batchFail: number
  batchExpire: boolean
  json: boolean
  /** The fault probabilities, by option name (see FAULT_FLAGS). */
  [fault: string]: unknown
}

/** Probability flags: `--<flag> <p>` sets the simulator fault or answer fault named. */
const FAULT_FLAGS: [flag: string, kind: 'faults' | 'answerFaults', name: string, what: string][] = [
  ['fail-500', 'faults', 'fail500', 'HTTP 500'],
  ['fail-502', 'faults', 'fail502', 'HTTP 502'],
  ['fail-503', 'faults', 'fail503', 'HTTP 503'],
  ['reset', 'faults', 'reset', 'a connection reset'],
  ['hang', 'faults', 'hang', 'never answering'],
  ['slow-body', 'faults', 'slowBody', 'a slowly trickled body'],
  ['stall-body', 'faults', 'stallBody', 'headers, half a body, then nothing'],
  ['malformed', 'faults', 'malformedJson', 'malformed JSON'],
  ['truncate-body', 'faults', 'truncateBody', 'headers, half a body, then the connection closes'],
  ['refusal', 'answerFaults', 'refusal', 'a refusal (message.refusal)'],
  ['content-filter', 'answerFaults', 'contentFilter', 'finish_reason content_filter'],
  ['code-fence', 'answerFaults', 'codeFence', 'an answer in a Markdown code fence'],
  ['overlong', 'answerFaults', 'overlong', 'an answer ten times too long for any rule'],
  ['no-prompt-tokens', 'answerFaults', 'noPromptTokens', 'usage without prompt_tokens'],
  ['empty-choices', 'answerFaults', 'emptyChoices', 'a 200 with no choices'],
  [
    'formula-answers',
    'answerFaults',
    'formulaTrigger',
    'answers that start like spreadsheet formulas'
  ],
  [
    'control-chars',
    'answerFaults',
    'controlChars',
    'answers with NUL, escape and bidi control characters'
  ],
  ['huge-answers', 'answerFaults', 'huge', 'answers of about 100 KB'],
  ['invalid-json', 'answerFaults', 'invalidJson', 'JSON answers cut off mid-object']
]

function remainingScale(value: string): RemainingScale {
  if (value === 'minute' || value === 'window') return value
  throw new InvalidArgumentError('expected minute or window')
}

const camel = (flag: string): string => flag.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase())

function faultsOf(flags: SimulateFlags, kind: 'faults' | 'answerFaults'): Record<string, number> {
  const picked = FAULT_FLAGS.filter(([, k]) => k === kind)
  return Object.fromEntries(picked.map(([flag, , name]) => [name, Number(flags[camel(flag)] ?? 0)]))
}

/** Maps CLI flags to simulator options. */
export function simulatorOverrides(flags: SimulateFlags): SimulatorOverrides {
  return {
    port: flags.port,
    defaultKey: {
      rpm: flags.rpm,
      tpm: flags.tpm,
      burstSeconds: flags.burst,
      quotaAfter: flags.quotaAfter,
      rpd: flags.rpd,
      projectTpm: flags.projectTpm,
      ...(flags.ipm !== undefined ? { ipm: flags.ipm } : {}),
      ...(flags.imageTpm !== undefined ? { imageTpm: flags.imageTpm } : {}),
      refusedCount: flags.refusedCount
    },
    imageCharge: flags.imageCharge,
    latencyMs: flags.latency,
    latencyJitterMs: flags.jitter,
    faults: faultsOf(flags, 'faults'),
    answerFaults: faultsOf(flags, 'answerFaults'),
    rateLimitHeaders: flags.headers,
    remainingScale: flags.remaining,
    bare429: flags.bare429,
    billAbandoned: flags.billAbandoned,
    outage:
      flags.outageAfter === undefined
        ? undefined
        : { afterRequests: flags.outageAfter, durationMs: flags.outageMs },
    seed: flags.seed,
    logPath: flags.log,
    batch: { stepMs: flags.batchStep, failRate: flags.batchFail, expire: flags.batchExpire }
  }
}

/** Registers `simulate` on the program. */
export function registerSimulate(program: Command, print: (line: string) => void): void {
  const command = program
    .command('simulate')
    .description('start the built-in OpenAI simulator on 127.0.0.1 and print its URL')
  for (const [flag, , , what] of FAULT_FLAGS)
    command.option(`--${flag} <p>`, `probability of ${what}`, probability(`--${flag}`), 0)
  addLimitOptions(command)
  addImageOptions(command)
  addServerOptions(command)
  command.action((flags: SimulateFlags) => serve(flags, print))
}

/** The key's limits and how the server charges and refuses. */
function addLimitOptions(command: Command): void {
  command
    .option('--rpm <n>', 'requests per minute per key', numberIn('--rpm', 1), 500)
    .option('--tpm <n>', 'tokens per minute per key', numberIn('--tpm', 1), 200_000)
    .option(
      '--burst <second|minute|s>',
      'how much a bucket holds: one second, a whole minute, or N seconds',
      burstSeconds,
      60
    )
    .option(
      '--image-charge <formula|n>',
      'admission charge per image: billed tokens, or a flat number (real API: ~800)',
      imageCharge,
      'formula'
    )
    .option(
      '--quota-after <n>',
      'answer insufficient_quota after N admitted requests per key',
      numberIn('--quota-after', 0)
    )
    .option('--rpd <n>', 'requests per day per key (then a 429 naming RPD)', numberIn('--rpd', 1))
    .option(
      '--project-tpm <n>',
      'a project token limit, sent as x-ratelimit-*-project-tokens',
      numberIn('--project-tpm', 1)
    )
    .option('--refused-count', 'refused requests count toward RPM, as OpenAI’s do', false)
    .option('--bare-429', '429s without retry-after or rate-limit headers', false)
    .option('--no-bill-abandoned', 'do not bill requests whose client went away')
    .option('--no-headers', 'omit x-ratelimit-* headers, like local servers')
    .option(
      '--remaining <minute|window>',
      'x-ratelimit-remaining-* scaled to the minute, or counted against the short window enforced',
      remainingScale,
      'minute'
    )
}

/** The image endpoints' own limits per key. */
function addImageOptions(command: Command): void {
  command
    .option(
      '--ipm <n>',
      'images per minute per key on /v1/images/* (default 50; 0: no access, "Limit: 0/1min")',
      numberIn('--ipm', 0)
    )
    .option(
      '--image-tpm <n>',
      'tokens per minute per key on /v1/images/* (none by default)',
      numberIn('--image-tpm', 1)
    )
}

/** Where it listens, how it answers, and the Batch API's pace. */
function addServerOptions(command: Command): void {
  command
    .option('--port <n>', 'port to listen on (0 = any free port)', numberIn('--port', 0, 65535), 0)
    .option('--latency <ms>', 'mean answer latency', numberIn('--latency', 0), 300)
    .option('--jitter <ms>', 'latency spread (±)', numberIn('--jitter', 0), 100)
    .option(
      '--outage-after <n>',
      'after N requests, drop every connection for --outage-ms',
      numberIn('--outage-after', 0)
    )
    .option('--outage-ms <ms>', 'how long the outage lasts', numberIn('--outage-ms', 0), 60_000)
    .option('--seed <n>', 'random seed for faults and latency', numberIn('--seed', 0), 1)
    .option('--log <file>', 'append one JSON line per request to this file')
    .option(
      '--batch-step <ms>',
      'how long each batch status lasts',
      numberIn('--batch-step', 0),
      2000
    )
    .option('--batch-fail <p>', 'share of batch lines that fail', probability('--batch-fail'), 0)
    .option('--batch-expire', 'let batches expire with partial results', false)
    .option('--json', 'print JSON lines instead of text', false)
}

async function serve(flags: SimulateFlags, print: (line: string) => void): Promise<void> {
  const sim = await startSimulator(simulatorOverrides(flags))
  const limits = `${flags.rpm} RPM, ${flags.tpm} TPM per key, burst ${flags.burst} s`
  if (flags.json)
    print(JSON.stringify({ event: 'listening', url: sim.url, rpm: flags.rpm, tpm: flags.tpm }))
  else {
    print(`Photoscribe OpenAI simulator listening on ${sim.url}`)
    print(`  limits: ${limits}; image charge: ${flags.imageCharge}; any API key is accepted`)
    print(`  point a client at it: OPENAI_BASE_URL=${sim.url} OPENAI_API_KEY=sk-sim`)
    print('Press Ctrl+C to stop.')
  }
  await untilSignal()
  await sim.close()
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
}
