#!/usr/bin/env node
// The built CLI (npm run build writes out/main/cli.js); in development use `npm run cli -- …`.
require('../out/main/cli.js')
