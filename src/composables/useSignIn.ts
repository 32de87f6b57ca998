import { ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import {
  inviteCodeFromLink,
  isEmail,
  normaliseEmailCode,
  normaliseInviteCode,
} from '@/domain/invite';
import type { FieldError } from '@/domain/validation';
import { useSessionStore } from '@/stores/session';

/** Reason codes of the auth gateway, shown as `account.errors.<code>`. */
function reasonOf(error: unknown): string {
  const reason = (error as { reason?: unknown })?.reason;
  return typeof reason === 'string' ? reason : 'unknown';
}

/** The two ways in: an adult's e-mail one-time code, a student's invite code. */
export function useSignIn() {
  const session = useSessionStore();
  const router = useRouter();
  const route = useRoute();
  const email = ref('');
  const emailCode = ref('');
  // Opened from an invite QR code (/join?code=…): the student is one tap from joining.
  const inviteCode = ref(inviteCodeFromLink(route.query.code));
  const isInviteFromLink = inviteCode.value !== '';
  const codeSent = ref(false);
  const isBusy = ref(false);
  const error = ref<FieldError | null>(null);

  async function attempt(field: string, work: () => Promise<void>): Promise<void> {
    isBusy.value = true;
    error.value = null;
    try {
      await work();
    } catch (e) {
      error.value = { field, key: reasonOf(e) };
    } finally {
      isBusy.value = false;
    }
  }

  async function sendCode(): Promise<void> {
    if (!isEmail(email.value)) {
      error.value = { field: 'email', key: 'invalid_email' };
      return;
    }
    await attempt('email', async () => {
      await session.sendEmailCode(email.value.trim());
      codeSent.value = true;
    });
  }

  async function verifyCode(): Promise<void> {
    const code = normaliseEmailCode(emailCode.value);
    if (!code) {
      error.value = { field: 'emailCode', key: 'invalid_code' };
      return;
    }
    await attempt('emailCode', async () => {
      await session.verifyEmailCode(email.value.trim(), code);
      await router.push({ name: 'home' });
    });
  }

  async function joinWithInvite(): Promise<void> {
    const code = normaliseInviteCode(inviteCode.value);
    if (!code) {
      error.value = { field: 'inviteCode', key: 'invite_format' };
      return;
    }
    await attempt('inviteCode', async () => {
      await session.joinWithInvite(code);
      await router.push({ name: 'home' });
    });
  }

  return {
    email,
    emailCode,
    inviteCode,
    isInviteFromLink,
    codeSent,
    isBusy,
    error,
    sendCode,
    verifyCode,
    joinWithInvite,
  };
}
