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

/** Returns the reason the password is refused, or null. 等保 level 3: length ≥ 10, three of four character classes. */
export function passwordPolicyProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `长度至少 ${PASSWORD_MIN_LENGTH} 位 / at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > 128) return '长度不超过 128 位 / at most 128 characters';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '需包含大写字母、小写字母、数字、符号中的至少三类 / use three of: upper case, lower case, digits, symbols';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '不能包含用户名 / must not contain the username';
  return null;
}

export function assertPasswordPolicy(password: string, username: string, field = 'password'): void {
  const problem = passwordPolicyProblem(password, username);
  if (problem) {
    throw new InvalidInputError([{ path: field, code: 'WEAK_PASSWORD', params: { reason: problem } }], 'WEAK_PASSWORD', 422, {
      reason: problem,
    });
  }
}
