import { benchPreprocess } from './preprocess'
import { benchScheduler } from './scheduler'

const benches: Record<string, (args: string[], print: (line: string) => void) => Promise<unknown>> =
  {
    scheduler: benchScheduler,
    preprocess: benchPreprocess
  }

const [name, ...args] = process.argv.slice(2)
const bench = benches[name ?? '']
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [options]`)
  process.exitCode = 2
} else {
  void bench(args, (line) => console.log(line))
}
