import { oneProductProblem } from '@shared/domain/sku'
import type { Problem } from '@shared/problem'
import type { ModelLife } from '@shared/models/lifecycle'
import { budgetProblem } from '../jobs/job-request'
import { flexProblem } from '../jobs/flex'
import type { JobSettings } from '../jobs/job-store'
import { deadModelProblem } from './model-check'

type FieldProblem = Problem & { field: string }

/** What refuses a new job before its photos are listed: a budget without a price, a dead model, Flex where there is none. */
export function settingsProblem(settings: JobSettings, life: ModelLife): FieldProblem | null {
  const dead = deadModelProblem(settings.model, life)
  const problem =
    budgetProblem(settings) ??
    (dead && { ...dead, field: 'model' }) ??
    (settings.mode === 'flex' ? flexProblem(settings) : null)
  return problem && { field: 'mode', ...problem }
}

/** What refuses the photos found: a SKU pattern that makes one product of them all. */
export function photosProblem(
  settings: JobSettings,
  paths: readonly string[]
): FieldProblem | null {
  const names = paths.map((path) => path.split(/[\\/]/).at(-1) ?? path)
  const problem = oneProductProblem(names, settings.skuPattern)
  return problem && { ...problem, field: 'skuPattern' }
}
