// A master-data table: search, show inactive, add, edit (click or Enter), deactivate or delete.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../../api';
import { useI18n, type Translate } from '../../i18n';
import { useRefData, type RefData } from '../../ref-data';
import { EmptyRow, ErrorBanner, Modal, Spinner, useToast } from '../../ui/components';
import { isStale } from '../../ui/stale';
import { useLoad } from '../../ui/hooks';
import { useConfirm } from '../../ui/confirm';
import { useOfferUndo } from '../../ui/undo';
import { Icon } from '../../ui/icons';
import type { ImportKind } from '../../../../src/contract/imports';
import { EntityForm, type FieldSpec, type FormValues } from './entity-form';
import { ImportDialog } from './import-dialog';
import { useCanWrite } from '../../session';
import { MoreRows, usePaged } from '../../ui/long-list';

export interface Column<T> {
  header: [string, string];
  cell: (row: T) => ReactNode;
  className?: string;
}

export interface EntityConfig<T extends { id: number }> {
  title: [string, string];
  singular: [string, string];
  load: (includeInactive: boolean) => Promise<T[]>;
  columns: (ref: RefData, t: Translate) => Column<T>[];
  searchText: (row: T, ref: RefData) => string;
  fields: (ref: RefData) => FieldSpec[];
  blank: (ref: RefData) => FormValues;
  toForm: (row: T) => FormValues;
  create: (values: FormValues) => Promise<unknown>;
  /** `row` as the table read it: its version goes with the change, so an edit made meanwhile is not overwritten. */
  update: (row: T, values: FormValues) => Promise<unknown>;
  /** Records that can be switched off keep their history; others are deleted. */
  isActive?: (row: T) => boolean;
  deactivate?: (row: T) => Promise<unknown>;
  remove?: (row: T) => Promise<unknown>;
  /** Reload the shared names after a change (specialists, puskesmas, hospitals). */
  sharesNames?: boolean;
  wideForm?: boolean;
  /** Rows can also come from a spreadsheet (imports:*). */
  importKind?: ImportKind;
}

async function attempt(run: () => Promise<unknown>): Promise<ApiError | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return error instanceof ApiError ? error : new ApiError({ code: 'INTERNAL', message: String(error), messageEn: String(error) });
  }
}

export function EntityTable<T extends { id: number }>({ config }: { config: EntityConfig<T> }) {
  const { t, lang } = useI18n();
  const canWrite = useCanWrite();
  const ref = useRefData();
  const toast = useToast();
  const [search, setSearch] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<{ row: T | null } | null>(null);
  const [rowError, setRowError] = useState<ApiError>();
  const [importing, setImporting] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  // "/" jumps to the search field from anywhere on the screen, except while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      if (document.querySelector('[role="dialog"]')) return;
      e.preventDefault();
      searchRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const loaded = useLoad(() => config.load(includeInactive), [config, includeInactive]);
  const columns = config.columns(ref, t);
  const singular = lang === 'id' ? config.singular[0] : config.singular[1];
  const confirm = useConfirm();
  const offerUndo = useOfferUndo();

  const rows = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase('id');
    const all = loaded.data ?? [];
    return needle ? all.filter((row) => config.searchText(row, ref).toLocaleLowerCase('id').includes(needle)) : all;
  }, [loaded.data, search, config, ref]);

  const paged = usePaged(rows);

  const afterChange = (message: string) => {
    toast(message);
    loaded.reload();
    if (config.sharesNames) ref.reload();
  };

  const save = async (values: FormValues) => {
    const row = editing?.row ?? null;
    const failure = await attempt(() => (row ? config.update(row, values) : config.create(values)));
    if (isStale(failure)) {
      // Someone changed it meanwhile: ui/stale.tsx says who, the table reloads; edit the fresh record.
      setEditing(null);
      if (config.sharesNames) ref.reload();
      return undefined;
    }
    if (!failure) {
      setEditing(null);
      afterChange(row ? t(`${singular} disimpan.`, `${singular} saved.`) : t(`${singular} ditambahkan.`, `${singular} added.`));
    }
    return failure;
  };

  const switchOff = async (row: T) => {
    const action = config.deactivate ?? config.remove;
    if (!action) return;
    const name = String((row as { name?: unknown }).name ?? '');
    const subject = `${singular.toLowerCase()}${name ? ` ${name}` : ''}`;
    const ok = await confirm(
      config.deactivate
        ? { title: t('Nonaktifkan', 'Deactivate'), question: t(`Nonaktifkan ${subject}? Data lamanya tetap tersimpan dan bisa diaktifkan lagi.`, `Deactivate ${subject}? Its history is kept and it can be activated again.`), confirmLabel: t('Nonaktifkan', 'Deactivate'), danger: true }
        : { title: t('Hapus', 'Delete'), question: t(`Hapus ${subject}?`, `Delete ${subject}?`), confirmLabel: t('Hapus', 'Delete'), danger: true },
    );
    if (!ok) return;
    const failure = await attempt(() => action(row));
    setRowError(isStale(failure) ? undefined : failure);
    if (failure) return;
    loaded.reload();
    if (config.sharesNames) ref.reload();
    if (config.deactivate) {
      void offerUndo(t(`${singular} ${name} dinonaktifkan.`, `${singular} ${name} deactivated.`), () => {
        loaded.reload();
        if (config.sharesNames) ref.reload();
      });
    } else toast(t('Dihapus.', 'Deleted.'));
  };

  return (
    <div>
      <div className="screen-head">
        <input
          ref={searchRef}
          type="search"
          placeholder={t('Cari… (tekan /)', 'Search… (press /)')}
          aria-label={t('Cari', 'Search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setSearch('');
          }}
          style={{ width: 280 }}
        />
        {config.isActive ? (
          <label className="check">
            <input type="checkbox" checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} />
            {t('Tampilkan yang nonaktif', 'Show inactive')}
          </label>
        ) : null}
        {loaded.loading ? <Spinner /> : null}
        <span className="muted small">
          {rows.length} {t('baris', 'rows')}
        </span>
        <span className="spacer" />
        {config.importKind && canWrite ? (
          <button type="button" onClick={() => setImporting(true)}>
            {t('Impor dari Excel/CSV', 'Import from Excel/CSV')}
          </button>
        ) : null}
        {canWrite ? (
          <button type="button" className="primary" onClick={() => setEditing({ row: null })}>
            <Icon name="plus" size={16} />
            {t(`Tambah ${singular.toLowerCase()}`, `Add ${singular.toLowerCase()}`)}
          </button>
        ) : null}
      </div>
      <ErrorBanner error={loaded.error ?? rowError} onClose={() => setRowError(undefined)} />
      <div className="table-wrap" tabIndex={0}>
        <table className="data">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header[0]} className={c.className}>
                  {lang === 'id' ? c.header[0] : c.header[1]}
                </th>
              ))}
              <th aria-label={t('Tindakan', 'Actions')} />
            </tr>
          </thead>
          <tbody>
            {paged.shown.map((row) => {
              const active = config.isActive ? config.isActive(row) : true;
              return (
                <tr
                  key={row.id}
                  className={active ? undefined : 'inactive'}
                  tabIndex={0}
                  onDoubleClick={() => canWrite && setEditing({ row })}
                  onKeyDown={(e) => {
                    if (canWrite && e.key === 'Enter' && e.target === e.currentTarget) setEditing({ row });
                  }}
                >
                  {columns.map((c) => (
                    <td key={c.header[0]} className={c.className}>
                      {c.cell(row)}
                    </td>
                  ))}
                  <td className="num" style={{ whiteSpace: 'nowrap' }}>
                    {canWrite ? (
                      <button type="button" onClick={() => setEditing({ row })}>
                        {t('Ubah', 'Edit')}
                      </button>
                    ) : null}{' '}
                    {canWrite && active && (config.deactivate || config.remove) ? (
                      <button type="button" className="danger" onClick={() => switchOff(row)}>
                        {config.deactivate ? t('Nonaktifkan', 'Deactivate') : t('Hapus', 'Delete')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
            {rows.length === 0 && !loaded.loading ? (
              <EmptyRow colSpan={columns.length + 1}>
                {t('Tidak ada data.', 'Nothing here.')}
              </EmptyRow>
            ) : null}
          </tbody>
        </table>
        <MoreRows paged={paged} noun={['baris', 'rows']} />
      </div>
      {importing && config.importKind ? (
        <ImportDialog
          kind={config.importKind}
          title={lang === 'id' ? config.title[0] : config.title[1]}
          onClose={() => setImporting(false)}
          onImported={() => {
            setImporting(false);
            loaded.reload();
            if (config.sharesNames) ref.reload();
          }}
        />
      ) : null}
      {editing ? (
        <Modal title={editing.row ? t(`Ubah ${singular.toLowerCase()}`, `Edit ${singular.toLowerCase()}`) : t(`Tambah ${singular.toLowerCase()}`, `Add ${singular.toLowerCase()}`)} onClose={() => setEditing(null)} wide={config.wideForm ?? false}>
          <EntityForm fields={config.fields(ref)} initial={editing.row ? config.toForm(editing.row) : config.blank(ref)} onSubmit={save} onCancel={() => setEditing(null)} />
        </Modal>
      ) : null}
    </div>
  );
}
