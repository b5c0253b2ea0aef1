// An onEvent for driver tests that keeps what the driver reports: each line as sent, and as an English reader reads
// it (its text, then the engine's words after a colon).
import type { EventLevel } from '../../provisioners/drivers/driver.js';
import type { LogLine } from '../../provisioners/job-log.js';
import { logLineText } from '../../provisioners/job-log-view.js';

export type Seen = { level: EventLevel; message: string; line: LogLine; data?: Record<string, unknown> };

export const englishOf = (line: LogLine) => `${logLineText(line, 'en')}${line.detail ? `: ${line.detail}` : ''}`;

export function recorder() {
  const seen: Seen[] = [];
  return { seen, onEvent: (level: EventLevel, line: LogLine) => void seen.push({ level, message: englishOf(line), line, data: line.data }) };
}
