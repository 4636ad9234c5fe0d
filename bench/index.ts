// All benches are imported up front on purpose: the app's main process holds the o200k tokenizer
// (~40 MB of heap) too, which makes every full garbage collection dearer, and the preprocess bench
// must pay that as the app does.
import { benchBatch } from './batch'
import { benchExport } from './export'
import { benchImages } from './images'
import { benchJob } from './job'
import { benchLanguages } from './languages'
import { benchModels } from './models'
import { benchPreprocess } from './preprocess'
import { benchReliability } from './reliability'
import { benchScale } from './scale'
import { benchScheduler } from './scheduler'
import { benchSettings } from './settings'
import { benchSharedKey } from './shared-key'
import { benchUi } from './ui'
import { widenThreadPool } from '../src/core'

// As the app's and the CLI's entry points do, before the thread pool's first use.
widenThreadPool()

const benches: Record<string, (args: string[], print: (line: string) => void) => Promise<unknown>> =
  {
    scheduler: benchScheduler,
    'shared-key': benchSharedKey,
    scale: benchScale,
    preprocess: benchPreprocess,
    job: benchJob,
    ui: benchUi,
    settings: benchSettings,
    batch: benchBatch,
    reliability: benchReliability,
    models: benchModels,
    languages: benchLanguages,
    export: benchExport,
    images: benchImages
  }

const [name, ...args] = process.argv.slice(2)
const bench = benches[name ?? '']
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [options]`)
  process.exitCode = 2
} else {
  void bench(args, (line) => console.log(line))
}
