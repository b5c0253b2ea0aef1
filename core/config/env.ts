// What every area's settings share: how a yes/no setting is read from the environment.
import { z } from 'zod';

/** true/false, 1/0, yes/no */
export const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** a cron setting: the expression, or null for "off" */
export const cronOrOff = (v: string): string | null => (v === 'off' ? null : v);
