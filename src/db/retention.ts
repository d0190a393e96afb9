// Which backups are kept: every one of the last 14 days, the newest of each week for two months,
// the newest of each month for a year, so a mistake found weeks later can still be undone.
// Ages come from the time each backup was made; weeks start on Monday, UTC.

export const RETENTION = { allDays: 14, weeklyDays: 61, monthlyDays: 366 } as const;

const DAY_MS = 24 * 60 * 60 * 1000;

function weekOf(at: number): string {
  const date = new Date(at);
  const monday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - ((date.getUTCDay() + 6) % 7) * DAY_MS;
  return `w${new Date(monday).toISOString().slice(0, 10)}`;
}

function monthOf(at: number): string {
  return `m${new Date(at).toISOString().slice(0, 7)}`;
}

/** The ids of `items` the retention keeps at time `now` (items made later than now are kept). */
export function keptBackups(items: { id: string; at: number }[], now: number): string[] {
  const kept: string[] = [];
  const buckets = new Set<string>();
  for (const item of [...items].sort((a, b) => b.at - a.at)) {
    const age = now - item.at;
    if (age <= RETENTION.allDays * DAY_MS) {
      kept.push(item.id);
      continue;
    }
    const bucket = age <= RETENTION.weeklyDays * DAY_MS ? weekOf(item.at) : age <= RETENTION.monthlyDays * DAY_MS ? monthOf(item.at) : null;
    if (bucket === null || buckets.has(bucket)) continue;
    buckets.add(bucket); // newest first: the first one seen in a week or month is its newest
    kept.push(item.id);
  }
  return kept;
}
