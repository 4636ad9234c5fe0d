// Runs npm scripts side by side (`node scripts/run-parallel.mjs lint typecheck`): each one's
// output is printed whole when it ends, and the exit code is the first failure's (else 0).
// lint and typecheck read the same files and share no state; side by side they take the time of
// the slower one rather than the sum.
import { spawn } from 'node:child_process'

const names = process.argv.slice(2)
const runs = names.map(
  (name) =>
    new Promise((resolve) => {
      const started = Date.now()
      const child = spawn('npm', ['run', '--silent', name], {
        shell: process.platform === 'win32',
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let output = ''
      child.stdout.on('data', (chunk) => (output += chunk))
      child.stderr.on('data', (chunk) => (output += chunk))
      child.on('close', (code) => {
        const seconds = ((Date.now() - started) / 1000).toFixed(1)
        process.stdout.write(`\n> ${name}: ${code === 0 ? 'passed' : `failed (${code})`} in ${seconds} s\n`)
        if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`)
        resolve(code ?? 1)
      })
    })
)
const codes = await Promise.all(runs)
process.exit(codes.find((code) => code !== 0) ?? 0)
