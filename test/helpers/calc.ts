import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { basename, join } from 'node:path'

const SOFFICE = '/usr/bin/soffice'

/** Whether LibreOffice Calc is here to open exports as a user's would. */
export const hasCalc = existsSync(SOFFICE)
if (!hasCalc)
  console.log(
    'Skipping the LibreOffice checks: no /usr/bin/soffice (apt-get install libreoffice-calc-nogui).'
  )

/**
 * Opens `file` the way a user's LibreOffice Calc would (a CSV read with `separator`, UTF-8) and
 * saves it as `to`; returns the converted file's path.
 */
export function convert(file: string, to: 'xlsx' | 'csv', separator?: string): string {
  const dir = join(file, '..')
  const filter = separator ? [`--infilter=CSV:${separator.charCodeAt(0)},34,76,1`] : []
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${dir}/lo-profile`,
      '--headless',
      '--convert-to',
      to,
      ...filter,
      '--outdir',
      join(dir, 'out'),
      file
    ],
    { stdio: 'ignore', timeout: 60_000 }
  )
  return join(dir, 'out', basename(file).replace(/\.\w+$/, `.${to}`))
}
