// The independent hard-rule checker: judges a plan against the raw facts (weekdays, leave,
// holidays, hours, reach, counts) through the rule modules, without the model's candidate
// lists. Tests use it on every plan; visits:check and visits:move use it on one visit.
import { monthOf } from '../domain/dates';
import type { ProblemIndex } from './context';
import type { PlannedVisit } from './problem';
import { HARD_RULES } from './rules/index';
import type { MonthPlan, Violation } from './rules/index';

export interface CheckOptions {
  /** Leave out coverage (a single edit is judged without it; an infeasible district reports it as uncovered). */
  skipCoverage?: boolean;
}

/** Violations of every hard rule by a plan of the problem's months. */
export function checkPlan(index: ProblemIndex, visits: PlannedVisit[], options: CheckOptions = {}): Violation[] {
  const violations: Violation[] = [];
  for (const visit of visits) violations.push(...checkOneVisit(index, visit));
  const fixed = index.problem.existingVisits
    .filter((v) => v.fixed)
    .map((v) => ({ ...v, endTime: v.startTime, fixed: true, existingId: v.id, uid: v.uid }));
  for (const month of index.problem.months) {
    const plan: MonthPlan = { month, visits: visits.filter((v) => monthOf(v.date) === month), currentPlan: [], previous: new Map() };
    for (const rule of HARD_RULES) {
      if (!rule.checkMonth || (options.skipCoverage && rule.id === 'coverage')) continue;
      violations.push(...rule.checkMonth(index, plan, fixed.filter((v) => monthOf(v.date) === month)));
    }
  }
  return violations;
}

/** Violations of the per-visit rules (availability, holidays, hours, reach) by one visit. */
export function checkOneVisit(index: ProblemIndex, visit: PlannedVisit): Violation[] {
  const violations: Violation[] = [];
  for (const rule of HARD_RULES) {
    const found = rule.checkVisit?.(index, visit);
    if (found) violations.push({ rule: rule.id, visit, ...found });
  }
  return violations;
}
