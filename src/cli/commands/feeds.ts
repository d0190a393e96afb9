// `asuhan feeds`: private calendar subscription links (issue 15). The address is printed once,
// when the link is made; the database keeps only the token's hash, so a lost link is revoked and
// a new one made.
import type { CalendarFeed } from '../../contract/accounts';
import { createFeed, listFeeds, revokeFeed } from '../../server/feeds';
import type { CliCommand } from '../command';
import { formatTable, printJson, stringOption, usageError } from '../command';
import { withApi } from '../session';

const ACTIONS = ['add', 'list', 'revoke'] as const;

function positiveId(text: string | undefined, option: string): number {
  const value = Number(text);
  if (!text || !/^\d+$/.test(text) || !Number.isSafeInteger(value) || value <= 0) throw usageError(`${option} harus nomor ID.`, `${option} must be an ID number.`);
  return value;
}

function whose(feed: CalendarFeed): string {
  return feed.specialistId === null ? 'seluruh kabupaten' : `${feed.specialistName ?? ''} (#${feed.specialistId})`;
}

export const feedsCommand: CliCommand = {
  name: 'feeds',
  summary: 'Tautan kalender langganan (pribadi, bisa dicabut) untuk dokter spesialis atau seluruh kabupaten',
  usage: 'asuhan feeds add [--specialist ID] [--base-url URL]\n       asuhan feeds list [--all]\n       asuhan feeds revoke ID',
  details:
    'Google, Outlook dan Apple Calendar berlangganan alamat /feeds/<token>.ics yang disajikan "asuhan serve" dan mengikuti perubahan serta pembatalan.\n' +
    'Alamat hanya dicetak sekali; siapa pun yang memegangnya bisa melihat jadwalnya, jadi cabut tautan yang bocor lalu buat yang baru.\n' +
    '--base-url: alamat server seperti yang dilihat dari luar (bawaan http://127.0.0.1:5174).',
  options: { specialist: { type: 'string' }, 'base-url': { type: 'string' }, all: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals }, flags, io) {
    const [action, ...rest] = positionals;
    if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) {
      throw usageError(`Sebutkan tindakan: ${ACTIONS.join(', ')}. Contoh: asuhan feeds add --specialist 3`, `Name an action: ${ACTIONS.join(', ')}. Example: asuhan feeds add --specialist 3`);
    }
    return withApi(flags, io, async (_api, ctx) => {
      const db = ctx.db.kysely;
      if (action === 'add') {
        const specialistText = stringOption(values, 'specialist');
        const feed = await createFeed(db, specialistText === undefined ? null : positiveId(specialistText, '--specialist'), ctx.now());
        const base = (stringOption(values, 'base-url') ?? 'http://127.0.0.1:5174').replace(/\/+$/, '');
        const url = `${base}${feed.path}`;
        if (flags.json) printJson(io, { ...feed, url });
        else {
          io.out(`Tautan kalender #${feed.id} untuk ${whose(feed)}:`);
          io.out(url);
          io.out('Alamat ini hanya ditampilkan sekarang; simpan atau kirimkan ke pemiliknya. Cabut dengan: asuhan feeds revoke ' + feed.id);
        }
        return 0;
      }
      if (action === 'list') {
        const feeds = await listFeeds(db, { includeRevoked: values.all === true });
        if (flags.json) printJson(io, feeds);
        else if (feeds.length === 0) io.out('Belum ada tautan kalender.');
        else io.out(formatTable(['ID', 'Untuk', 'Dibuat (UTC)', 'Status'], feeds.map((f) => [f.id, whose(f), f.createdAt, f.revokedAt ? `dicabut ${f.revokedAt}` : 'aktif'])));
        return 0;
      }
      if (rest.length !== 1) throw usageError('Sebutkan satu ID: asuhan feeds revoke ID', 'Name one ID: asuhan feeds revoke ID');
      const feed = await revokeFeed(db, positiveId(rest[0], 'ID'), ctx.now());
      if (flags.json) printJson(io, feed);
      else io.out(`Tautan kalender #${feed.id} (${whose(feed)}) dicabut; kalender yang berlangganan tidak lagi menerima jadwal.`);
      return 0;
    });
  },
};
