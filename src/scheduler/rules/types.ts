// What every rule module declares: its id, hard or soft, its names, and either a check
// (hard) or a cost with a sentence per cost (soft). Soft weights come from settings.weights.
import type { ProblemIndex, Sentence } from '../context';
import type { LpBuilder } from '../lp';
import type { PlannedVisit, RuleWeightsInput } from '../problem';

export interface Violation extends Sentence {
  rule: string;
  visit?: PlannedVisit;
}

export interface SoftCost extends Sentence {
  rule: string;
  /** Weighted cost added to the objective. */
  cost: number;
  puskesmasId?: number;
  specialistId?: number;
  date?: string;
}

/** One month's plan as the rules see it. */
export interface MonthPlan {
  month: string;
  visits: PlannedVisit[];
  /** Existing planned (not fixed) visits of the month before re-planning. */
  currentPlan: PlannedVisit[];
  /** Last visit date before this month per `puskesmasId:specialtyId`. */
  previous: Map<string, string>;
}

interface RuleBase {
  id: string;
  label: string;
  labelEn: string;
}

export interface HardRule extends RuleBase {
  kind: 'hard';
  /** Checks one visit on its own (availability, hours, reach); null when it holds. */
  checkVisit?(index: ProblemIndex, visit: PlannedVisit): Sentence | null;
  /** Checks what only the whole month shows (counts, coverage, fixed visits). */
  checkMonth?(index: ProblemIndex, plan: MonthPlan, fixed: PlannedVisit[]): Violation[];
}

/** What a rule needs to add its own terms to a month's model (see model.ts). */
export interface ModelTermsInput {
  index: ProblemIndex;
  month: string;
  builder: LpBuilder;
  /** Fixed visits of the month. */
  known: PlannedVisit[];
  /** Candidate columns (binary x[s,c,d]) per date. */
  colsByDate: Map<string, number[]>;
  weight: number;
  /**
   * Declares that every candidate of `date` has `coef` in `row`, a candidate left out of this
   * model too: solve.ts prices left-out candidates against the duals of this model's rows.
   */
  dateRow(date: string, row: number, coef: number): void;
}

export interface SoftRule extends RuleBase {
  kind: 'soft';
  weightKey: keyof RuleWeightsInput;
  evaluate(index: ProblemIndex, plan: MonthPlan): SoftCost[];
  /**
   * The rule's own terms in the month's model, matching evaluate() exactly; rules without it are
   * modelled in model.ts. The terms may only add cost: columns of their own at a cost >= 0, and
   * rows that every plan meets with some values of those columns. The model without them is then
   * a relaxation, so solve.ts prices left-out pairs and picks the MIP's core on that model (its
   * bound and reduced costs hold for the whole problem) and adds the terms for the MIP. Every row
   * a candidate enters is declared with dateRow, so the model with the terms can be priced too
   * (solve.ts does when the terms raise the LP bound).
   */
  addModelTerms?(input: ModelTermsInput): void;
}

export type Rule = HardRule | SoftRule;

export function weightOf(index: ProblemIndex, rule: SoftRule): number {
  return index.settings.weights[rule.weightKey];
}
