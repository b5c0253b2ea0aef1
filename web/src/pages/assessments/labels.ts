// The message keys of an assessment's state and grade.
import type { MessageKey } from '../../i18n';

export const stateLabel = (s: string) => `assess.state.${s}` as MessageKey;
export const gradeLabel = (g: string) => `assess.grade.${g}` as MessageKey;
export const STATE_COLOURS: Record<string, string> = { DRAFT: 'default', CONFIRMED: 'success' };
