// The school roll import page's state: a file read through the import gateway (loaded on
// demand with its spreadsheet readers), the column mapping the curator may correct, the plan
// it gives against the people already there, the import in one step, and its undo.
import { computed, onScopeDispose, ref, shallowRef, toRaw } from 'vue';
import { appDataContext } from '@/data/context';
import {
  applyRollPlan,
  observeRollUndo,
  readRollPeople,
  undoRollImport,
  type RollImportResult,
  type RollUndoResult,
} from '@/data/rollImport';
import { localIsoDate } from '@/domain/dates';
import {
  hasNameColumns,
  type RollDefaultKind,
  type RollField,
  type RollMapping,
  type RollPlanSummary,
} from '@/domain/roll';
import type { RollColumn, RollFile } from '@/import';
import { useLiveQuery } from './useLiveQuery';

export type RollStep = 'choose' | 'reading' | 'preview' | 'importing' | 'done';

function failureOf(error: unknown): string {
  const reason = (error as { reason?: unknown })?.reason;
  return typeof reason === 'string' ? reason : 'unreadable';
}

export function useRollImport() {
  const step = ref<RollStep>('choose');
  const fileName = ref('');
  const fileError = ref<string | null>(null);
  const sheet = shallowRef<RollFile | null>(null);
  const columns = shallowRef<RollColumn[]>([]);
  const mapping = ref<RollMapping>([]);
  const defaultKind = ref<RollDefaultKind>('student');
  const plan = shallowRef<RollPlanSummary | null>(null);
  const result = shallowRef<RollImportResult | null>(null);
  const undone = shallowRef<RollUndoResult | null>(null);
  const failed = ref(false);
  const isUndoing = ref(false);
  const { data: lastImport } = useLiveQuery(observeRollUndo);
  let generation = 0;

  const hasNames = computed(() => hasNameColumns(mapping.value));

  /** Plans the file for the current mapping (made in the import worker); the latest wins. */
  async function replan(): Promise<void> {
    const mine = ++generation;
    const opened = sheet.value;
    if (!opened || !hasNames.value) {
      plan.value = null;
      return;
    }
    const next = await opened.plan(toRaw(mapping.value).slice(), defaultKind.value);
    if (mine === generation) plan.value = Object.freeze(next);
  }

  /** The curator's choice for a column; a field moves there from any other column. */
  function setField(index: number, field: RollField | null): Promise<void> {
    mapping.value = mapping.value.map((current, i) =>
      i === index ? field : field !== null && current === field ? null : current,
    );
    return replan();
  }

  function setDefaultKind(kind: RollDefaultKind): Promise<void> {
    defaultKind.value = kind;
    return replan();
  }

  function close(): void {
    generation++;
    sheet.value?.close();
    sheet.value = null;
    columns.value = [];
    plan.value = null;
  }

  async function choose(file: File): Promise<void> {
    close();
    step.value = 'reading';
    fileName.value = file.name;
    fileError.value = null;
    result.value = null;
    undone.value = null;
    try {
      const [{ openRollFile }, ctx] = await Promise.all([import('@/import'), appDataContext()]);
      const existing = await readRollPeople(ctx);
      const opened = await openRollFile(file, existing, localIsoDate(new Date()));
      sheet.value = opened;
      columns.value = opened.info.columns;
      mapping.value = opened.info.mapping;
      defaultKind.value = opened.info.defaultKind;
      await replan();
      step.value = 'preview';
    } catch (e) {
      if (!(e as { reason?: unknown })?.reason) console.error(e);
      fileError.value = failureOf(e);
      close();
      step.value = 'choose';
    }
  }

  async function runImport(): Promise<void> {
    if (!plan.value || !sheet.value || step.value !== 'preview') return;
    step.value = 'importing';
    failed.value = false;
    try {
      const whole = await sheet.value!.fullPlan();
      result.value = await applyRollPlan(await appDataContext(), whole);
      close();
      step.value = 'done';
    } catch (e) {
      console.error(e);
      failed.value = true;
      step.value = 'preview';
    }
  }

  async function undo(): Promise<void> {
    if (isUndoing.value) return;
    isUndoing.value = true;
    failed.value = false;
    try {
      undone.value = await undoRollImport(await appDataContext());
    } catch (e) {
      console.error(e);
      failed.value = true;
    } finally {
      isUndoing.value = false;
    }
  }

  function restart(): void {
    close();
    step.value = 'choose';
    result.value = null;
    undone.value = null;
  }

  onScopeDispose(close);

  return {
    step,
    fileName,
    fileError,
    mapping,
    defaultKind,
    columns,
    hasNames,
    plan,
    result,
    undone,
    failed,
    isUndoing,
    lastImport,
    choose,
    setField,
    setDefaultKind,
    runImport,
    undo,
    restart,
  };
}
