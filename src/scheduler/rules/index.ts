// Every scheduling rule, hard first, then soft. The checker runs the hard ones; the score
// breaks the objective down by the soft ones.
import { balance } from './balance';
import { continuity } from './continuity';
import { coverage } from './coverage';
import { fairness } from './fairness';
import { fixedVisits } from './fixed-visits';
import { holiday } from './holiday';
import { monthlyMaximum } from './monthly-maximum';
import { oneVisitPerDay } from './one-visit-per-day';
import { openingHours } from './opening-hours';
import { pastDays } from './past-days';
import { preference } from './preference';
import { reach } from './reach';
import { spread } from './spread';
import { stability } from './stability';
import { travel } from './travel';
import type { HardRule, Rule, SoftRule } from './types';
import { unavailability } from './unavailability';
import { usualWeekday } from './usual-weekday';

export const HARD_RULES: HardRule[] = [coverage, usualWeekday, unavailability, holiday, openingHours, oneVisitPerDay, monthlyMaximum, fixedVisits, reach, pastDays];

export const SOFT_RULES: SoftRule[] = [continuity, travel, fairness, spread, stability, preference, balance];

export const RULES: Rule[] = [...HARD_RULES, ...SOFT_RULES];

export type { HardRule, MonthPlan, Rule, SoftCost, SoftRule, Violation } from './types';
