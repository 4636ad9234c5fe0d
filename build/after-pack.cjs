/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads its hooks as CommonJS */
// electron-builder afterPack hook: flips Electron's fuses on the packaged executable, before signing.
const { join } = require('node:path')
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses')

/** The fuses every Photoscribe build ships with (docs/release.md says why each). */
const FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false
}

/** Where the Electron executable is inside the packed app, per platform. */
function executableOf(context) {
  const name = context.packager.appInfo.productFilename
  if (context.electronPlatformName === 'darwin') return join(context.appOutDir, `${name}.app`)
  if (context.electronPlatformName === 'win32') return join(context.appOutDir, `${name}.exe`)
  return join(context.appOutDir, context.packager.executableName)
}

module.exports = async function afterPack(context) {
  await flipFuses(executableOf(context), {
    ...FUSES,
    // macOS arm64 builds must be re-signed after their fuses change.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3
  })
}

module.exports.FUSES = FUSES
