import type { Command } from 'commander'
import { startSimulator } from '../../simulator/server'
import type { SimulatorOverrides } from '../../simulator/options'
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
  fail500: number
  fail502: number
  fail503: number
  reset: number
  hang: number
  slowBody: number
  malformed: number
  headers: boolean
  seed: number
  log?: string
  batchStep: number
  batchFail: number
  batchExpire: boolean
  json: boolean
}

/** Maps CLI flags to simulator options. */
export function simulatorOverrides(flags: SimulateFlags): SimulatorOverrides {
  return {
    port: flags.port,
    defaultKey: {
      rpm: flags.rpm,
      tpm: flags.tpm,
      burstSeconds: flags.burst,
      quotaAfter: flags.quotaAfter
    },
    imageCharge: flags.imageCharge,
    latencyMs: flags.latency,
    latencyJitterMs: flags.jitter,
    faults: {
      fail500: flags.fail500,
      fail502: flags.fail502,
      fail503: flags.fail503,
      reset: flags.reset,
      hang: flags.hang,
      slowBody: flags.slowBody,
      malformedJson: flags.malformed
    },
    rateLimitHeaders: flags.headers,
    seed: flags.seed,
    logPath: flags.log,
    batch: { stepMs: flags.batchStep, failRate: flags.batchFail, expire: flags.batchExpire }
  }
}

/** Registers `simulate` on the program. */
export function registerSimulate(program: Command, print: (line: string) => void): void {
  program
    .command('simulate')
    .description('start the built-in OpenAI simulator on 127.0.0.1 and print its URL')
    .option('--port <n>', 'port to listen on (0 = any free port)', numberIn('--port', 0, 65535), 0)
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
    .option('--latency <ms>', 'mean answer latency', numberIn('--latency', 0), 300)
    .option('--jitter <ms>', 'latency spread (±)', numberIn('--jitter', 0), 100)
    .option(
      '--quota-after <n>',
      'answer insufficient_quota after N admitted requests per key',
      numberIn('--quota-after', 0)
    )
    .option('--fail-500 <p>', 'probability of HTTP 500', probability('--fail-500'), 0)
    .option('--fail-502 <p>', 'probability of HTTP 502', probability('--fail-502'), 0)
    .option('--fail-503 <p>', 'probability of HTTP 503', probability('--fail-503'), 0)
    .option('--reset <p>', 'probability of a connection reset', probability('--reset'), 0)
    .option('--hang <p>', 'probability of never answering', probability('--hang'), 0)
    .option(
      '--slow-body <p>',
      'probability of a slowly trickled body',
      probability('--slow-body'),
      0
    )
    .option('--malformed <p>', 'probability of malformed JSON', probability('--malformed'), 0)
    .option('--no-headers', 'omit x-ratelimit-* headers, like local servers')
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
    .action(async (flags: SimulateFlags) => {
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
    })
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
}
