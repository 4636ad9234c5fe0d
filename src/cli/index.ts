import { keepMemoryFlat, widenThreadPool } from '../core'
import { runCli } from './program'

widenThreadPool()
keepMemoryFlat()

const tty = process.stdout.isTTY === true
const io = {
  out: (line: string) => process.stdout.write(`${tty ? '\r\x1b[2K' : ''}${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
  status: (line: string) => {
    if (tty) process.stdout.write(`\r\x1b[2K${line.slice(0, (process.stdout.columns || 120) - 1)}`)
  },
  isTTY: tty
}

void runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code
})
