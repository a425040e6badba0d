// The demo account an embedded (PGlite) install creates on first start, so a new operator can open the console at once.
import { generatePassword, hashPassword } from './password.js';
import type { StaffStore } from './types.js';

export const DEMO_USERNAME = 'demo';

/** Creates an admin `demo` with a random password when there are no accounts yet; returns the login to print once. */
export async function ensureDemoAccount(store: StaffStore): Promise<{ username: string; password: string } | undefined> {
  if ((await store.countAccounts()) > 0) return undefined;
  const password = generatePassword();
  try {
    await store.createAccount({
      username: DEMO_USERNAME,
      displayName: '演示管理员',
      role: 'admin',
      regionCode: null,
      passwordHash: await hashPassword(password),
    });
  } catch {
    // Another process created it first (unique username); its password was printed there.
    return undefined;
  }
  return { username: DEMO_USERNAME, password };
}
