// Password hashing (argon2id, @node-rs/argon2) and the password policy.
import { hash, verify, Algorithm } from '@node-rs/argon2';
import { InvalidInputError } from '../core/errors.js';

const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal which usernames exist. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-Zy1!');
  return dummyHash;
}

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** The message key of the reason the password is refused, or null. 等保 level 3: ≥ 10 characters, three of four classes. */
export function passwordPolicyProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'policy.length';
  if (password.length > PASSWORD_MAX_LENGTH) return 'policy.maxLength';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return 'policy.classes';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'policy.username';
  return null;
}

export function assertPasswordPolicy(password: string, username: string, field = 'password'): void {
  const reason = passwordPolicyProblem(password, username);
  if (reason) {
    const params = { reason, min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH };
    throw new InvalidInputError([{ path: field, code: 'field.weak_password', params }], 'WEAK_PASSWORD', 422, params);
  }
}
