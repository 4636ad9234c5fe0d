import { readFile } from 'node:fs/promises'
import { exportJob, type ExportChoice } from '../../src/core/export/export-job'
import { loadJob } from '../../src/core/jobs/job-store'
import { SHOP_FORMATS } from '@shared/domain/export-choice'

/** One export of the bench, alone in its process: prints its time and the process's peak RSS. */
async function main(): Promise<void> {
  const [dataDir, jobId, format, out, limit] = process.argv.slice(2)
  const job = await loadJob(dataDir, jobId)
  if (Number(limit) > 0)
    for (const id of [...job.state.items.keys()].slice(Number(limit))) job.state.items.delete(id)
  const choice: ExportChoice = (SHOP_FORMATS as readonly string[]).includes(format)
    ? {
        approvedOnly: true,
        shop: { format: format as never, imageUrlBase: 'https://cdn.example.com/p/' }
      }
    : format === 'photos'
      ? { approvedOnly: true, photos: {} }
      : { approvedOnly: true }
  const started = performance.now()
  if (format !== 'none') await exportJob(job, out, dataDir, choice)
  const exportMs = performance.now() - started
  const status = await readFile('/proc/self/status', 'utf8')
  const peakMb = Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024
  console.log(JSON.stringify({ exportMs, peakMb }))
}

void main()
