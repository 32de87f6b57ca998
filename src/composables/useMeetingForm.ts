// The meeting form: defaults that make logging three taps, a draft kept on the device on
// every change (data/drafts.ts, the same mechanism as the questionnaires: it survives reloads,
// updates and a dead battery), and saving through the named write commands.
import { reactive, ref, watch, type Ref } from 'vue';
import { readAttendeeIds } from '@/data/attendanceQueries';
import { appDataContext } from '@/data/context';
import { draftKeeper, draftKeys, readDraft } from '@/data/drafts';
import type { PairDetail } from '@/data/queries';
import {
  deleteMeeting,
  logMeeting,
  logPaperMeeting,
  updateMeeting,
  updatePaperMeeting,
} from '@/data/repos/meetings';
import { localIsoDate } from '@/domain/dates';
import {
  defaultAttendees,
  inferMeetingType,
  isGroupMeeting,
  usualDuration,
  usualFormat,
  type MeetingInput,
} from '@/domain/meetings';
import { useCommand } from './useCommand';

export interface MeetingFormState {
  type: MeetingInput['type'];
  held_on: string;
  duration_min: number;
  format: MeetingInput['format'];
  topic: string;
  notes: string;
  agreements: string;
  private_note: string;
  /**
   * A group's attendance (its mentee members who came, saved as meeting_attendances rows);
   * null for a one-to-one pair.
   */
  attendee_ids: string[] | null;
}

const DRAFT_DELAY_MS = 250;

function defaults(detail: PairDetail, today: string): MeetingFormState {
  return {
    type: inferMeetingType(detail.meetings, { today }),
    held_on: today,
    duration_min: usualDuration(detail.meetings),
    format: usualFormat(detail.meetings),
    topic: '',
    notes: '',
    agreements: '',
    private_note: '',
    attendee_ids: defaultAttendees(detail.mentees.map((m) => m.id)),
  };
}

function fromMeeting(
  detail: PairDetail,
  meetingId: string,
  attendeeIds: string[] | null,
): MeetingFormState | null {
  const meeting = detail.meetings.find((m) => m.id === meetingId);
  if (!meeting) return null;
  return {
    type: meeting.type,
    held_on: meeting.held_on,
    duration_min: meeting.duration_min,
    format: meeting.format,
    topic: meeting.topic ?? '',
    notes: meeting.notes ?? '',
    agreements: meeting.agreements ?? '',
    private_note: detail.privateNotes[meetingId]?.body ?? '',
    // An older group meeting without attendance: everyone counted, so everyone ticked.
    attendee_ids: isGroupMeeting(detail.mentees.map((m) => m.id))
      ? (attendeeIds ?? defaultAttendees(detail.mentees.map((m) => m.id)))
      : null,
  };
}

/**
 * `paper`: staff enter the meeting from the pair's paper log (marked so, no private note; an
 * existing meeting must be a paper one). Otherwise the pair's mentor logs or edits it.
 */
export function useMeetingForm(pairId: string, meetingId: string | undefined, paper = false) {
  const draftKey = meetingId ? draftKeys.meeting(meetingId) : draftKeys.newMeeting(pairId);
  const draft = draftKeeper(draftKey, { delayMs: DRAFT_DELAY_MS });
  const form = reactive<MeetingFormState>({
    type: 'regular',
    held_on: localIsoDate(new Date()),
    duration_min: 45,
    format: 'in_person',
    topic: '',
    notes: '',
    agreements: '',
    private_note: '',
    attendee_ids: null,
  });
  const isReady = ref(false);
  const isMissing = ref(false);
  const restoredAt: Ref<string | null> = ref(null);
  let pristine: MeetingFormState | null = null;
  /** Set once the meeting is saved or deleted: from then on there is no draft to keep. */
  let isDone = false;

  /** Fills the form once the pair has loaded: a saved draft wins over the defaults. */
  async function initialise(detail: PairDetail): Promise<void> {
    if (isReady.value) return;
    const today = localIsoDate(new Date());
    const ctx = await appDataContext();
    const base = meetingId
      ? fromMeeting(detail, meetingId, await readAttendeeIds(ctx, meetingId))
      : defaults(detail, today);
    // Staff change only what they entered from paper; the mentor's own meetings are hers.
    const isForeign =
      paper && !!meetingId && !detail.meetings.find((m) => m.id === meetingId)?.entered_by_staff;
    if (!base || isForeign) {
      isMissing.value = true;
      isReady.value = true;
      return;
    }
    pristine = { ...base, attendee_ids: base.attendee_ids ? [...base.attendee_ids] : null };
    const kept = await readDraft(ctx, draftKey);
    Object.assign(form, base, kept?.value ?? {});
    // A draft kept before someone left the group names only those still in it.
    const menteeIds = new Set(detail.mentees.map((m) => m.id));
    if (form.attendee_ids) form.attendee_ids = form.attendee_ids.filter((id) => menteeIds.has(id));
    restoredAt.value = kept ? kept.savedAt : null;
    isReady.value = true;
  }

  /** A plain copy for the draft store (IndexedDB cannot clone Vue's reactive arrays). */
  const snapshot = () => ({
    ...form,
    attendee_ids: form.attendee_ids ? [...form.attendee_ids] : null,
  });
  const isPristine = () =>
    isDone || (!!pristine && JSON.stringify({ ...form }) === JSON.stringify(pristine));

  watch(
    form,
    () => {
      // Only what the user changed is a draft; the defaults are not.
      if (!isReady.value || isPristine()) return;
      draft.keep(snapshot());
    },
    { deep: true },
  );

  async function discardDraft(): Promise<void> {
    await draft.clear();
    if (pristine) Object.assign(form, pristine);
    restoredAt.value = null;
  }

  const save = useCommand(async (ctx) => {
    // What was typed is on the device first: if the save is refused, the draft has it.
    await draft.flush();
    const today = localIsoDate(new Date());
    const input: MeetingInput = { ...form, duration_min: Number(form.duration_min) };
    let savedId: string | undefined;
    if (paper) {
      if (meetingId) await updatePaperMeeting(ctx, meetingId, input, today);
      else savedId = (await logPaperMeeting(ctx, pairId, input, today)).id;
    } else if (meetingId) await updateMeeting(ctx, meetingId, input, today);
    else savedId = (await logMeeting(ctx, pairId, input, today)).id;
    isDone = true;
    draft.stop();
    await draft.clear();
    return savedId ?? (meetingId as string);
  });

  const remove = useCommand(async (ctx) => {
    if (!meetingId) return false;
    await deleteMeeting(ctx, meetingId);
    isDone = true;
    draft.stop();
    await draft.clear();
    return true;
  });

  // Flush a pending draft write at once when the page is hidden (app switch, battery).
  function flushDraft(): void {
    if (!isReady.value || isPristine()) return;
    draft.keep(snapshot());
    void draft.flush();
  }

  return {
    form,
    isReady,
    isMissing,
    restoredAt,
    initialise,
    discardDraft,
    save,
    remove,
    flushDraft,
  };
}
