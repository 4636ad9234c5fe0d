import type { Command } from 'commander'
import { DEFAULT_MODEL } from '@shared/models/catalog'
import { imageCharge, numberIn } from '../options'
import type { CliIo } from '../io'
import { executeRun } from '../run/execute'
import type { RunFlags } from '../run/settings'
import { addExportOptions } from '../run/export-flags'

/** Registers `run`; the action's exit code goes to `setExit`. */
export function registerRun(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const run = program
    .command('run')
    .description('describe photos (files or folders) with a vision model and write the results')
    .argument('[inputs...]', 'photos and folders (searched recursively)')
  addWhatOptions(run)
  addLimitOptions(run)
  addJobOptions(run)
  run.action(async (inputs: string[], flags: RunFlags) =>
    setExit(await executeRun(inputs, flags, io))
  )
}

/** What to write and with which model. */
function addWhatOptions(run: Command): void {
  run
    .option(
      '--out <file>',
      'where to write the results: .xlsx, .csv, .json or .jsonl, or a shop file with --format'
    )
    .option(
      '--template <id|file.json>',
      'what to write: seo-meta, alt-text, product-title, tags, attributes, listing-pack, a saved template, or a template file',
      'seo-meta'
    )
    .option(
      '--products <sheet>',
      'a CSV/XLSX mapping file name or SKU to brand, keywords and more (template variables)'
    )
    .option(
      '--products-encoding <encoding>',
      'the encoding of a CSV --products sheet when detection gets it wrong (utf-8, gb18030, shift_jis, windows-1252, utf-16le, …)'
    )
    .option(
      '--json-mode',
      'ask for JSON mode instead of strict schemas (endpoints without json_schema)',
      false
    )
    .option(
      '--sku-pattern <regex>',
      'a regular expression whose first group is the SKU in a file name (default: the name without extension)'
    )
  addBrandOptions(run)
  addExportOptions(run)
  addShardOption(run)
  run
    .option('--model <id>', 'the vision model (photoscribe models lists them)', DEFAULT_MODEL)
    .option('--detail <low|high|auto>', 'image detail: low is cheapest', 'low')
    .option(
      '--lang <language>',
      'output language (en, es, de, fr, pt, ja, zh, or any name); several, comma-separated, answer in one request per photo',
      'en'
    )
}

/** Several machines on one folder: each takes its own slice. */
function addShardOption(run: Command): void {
  run.option(
    '--shard <i/n>',
    "this machine's slice of the photos (1/3, 2/3, 3/3 on three machines): each product, else each photo, goes to one"
  )
}

/** The brand's voice and words, asked for in each prompt and checked in each answer. */
function addBrandOptions(run: Command): void {
  run
    .option('--brand-voice <text>', 'how the brand speaks, e.g. "warm, plain, no hype"')
    .option('--use-words <words>', 'comma-separated words the brand prefers')
    .option(
      '--avoid-words <words>',
      'comma-separated words never to use: an answer with one is kept for review'
    )
}

/** Rate limits, money and how images are charged. */
function addLimitOptions(run: Command): void {
  run
    .option(
      '--rpm <n>',
      'requests per minute of your key (default: the model’s tier-1 limit)',
      numberIn('--rpm', 1)
    )
    .option(
      '--tpm <n>',
      'tokens per minute of your key (default: the model’s tier-1 limit)',
      numberIn('--tpm', 1)
    )
    .option(
      '--concurrency <n>',
      'most requests in flight at once',
      numberIn('--concurrency', 1, 2000),
      500
    )
    .option(
      '--budget <usd>',
      'stop (resumably) before spending more than this',
      numberIn('--budget', 0)
    )
    .option(
      '--price-input <usd>',
      'price of input tokens in USD per 1M, for a model the catalog has no price for',
      numberIn('--price-input', 0)
    )
    .option(
      '--price-output <usd>',
      'price of output tokens in USD per 1M, for a model the catalog has no price for',
      numberIn('--price-output', 0)
    )
    .option(
      '--image-charge <formula|n>',
      'how the endpoint charges an image against tokens/min (OpenAI: ~800)',
      imageCharge,
      800
    )
}

/** How the requests go: live, Flex or through the Batch API. */
function addModeOptions(run: Command): void {
  run
    .option(
      '--batch',
      'send through the OpenAI Batch API: half the price, results within 24 h (on --resume: re-run what is left in a new batch)',
      false
    )
    .option(
      '--batch-size <n>',
      'requests per batch file (default and most: 50,000; smaller files finish sooner)',
      numberIn('--batch-size', 1, 50_000)
    )
    .option(
      '--flex',
      'OpenAI Flex processing: Batch prices with answers now, slower; waits when Flex has no capacity',
      false
    )
    .option(
      '--flex-fallback',
      'with --flex: send a photo at the standard price when Flex has no capacity instead of waiting',
      false
    )
    .option('--live', 'on --resume: re-run what is left (failed or expired lines) live', false)
}

/** Which job, where it lives, and how it reports. */
function addJobOptions(run: Command): void {
  addModeOptions(run)
  run
    .option('--dry-run', 'show what it would cost and how long it would take; send nothing', false)
    .option(
      '--cancel-batches',
      'on --resume: cancel the job’s open batches, keep what finished, write the results',
      false
    )
    .option('--resume <job>', 'continue a job that stopped or was interrupted')
    .option(
      '--move-endpoint',
      'on --resume: move the job to the endpoint set now (OPENAI_BASE_URL); what is left is billed there and answers cached for the old endpoint are not reused',
      false
    )
    .option(
      '--photo-root <dir>',
      'on --resume: the folder the job’s photos are under on this machine (a job folder copied from another machine)'
    )
    .option(
      '--switch-model <id>',
      'on --resume: ask the photos left with another model (the one replacing a model that shuts down); answers already kept stay as they are'
    )
    .option('--demo', 'use the built-in simulator and sample photos (no key needed)', false)
    .option('--json', 'print JSON lines instead of text', false)
    .option(
      '--data-dir <dir>',
      'where jobs and caches live (default: the desktop app’s folder, or PHOTOSCRIBE_DATA_DIR)'
    )
}
