import { describe, expect, it } from 'vitest';
import { hashPassword, passwordPolicyProblem, verifyPassword } from './passwords.js';

describe('password hashing', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const h = await hashPassword('Correct-Horse-9');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'Correct-Horse-9')).toBe(true);
    expect(await verifyPassword(h, 'correct-horse-9')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});

describe('password policy', () => {
  it.each([
    ['Short1!', 'too short'],
    ['alllowercaseletters', 'one class'],
    ['lowercase123456', 'two classes'],
    ['Zhangsan-2026!', 'contains username'],
  ])('refuses %s (%s)', (pw) => {
    expect(passwordPolicyProblem(pw, 'zhangsan')).not.toBeNull();
  });

  it.each(['Zhengyun@2026', 'correct-Horse-battery', 'ABCdef123456'])('accepts %s', (pw) => {
    expect(passwordPolicyProblem(pw, 'zhangsan')).toBeNull();
  });
});
