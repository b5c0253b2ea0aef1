// Forms of irreversible actions are sent by their button only: Enter in a text field or a date picker does not
// submit them (a reviewer pressing Enter in the notice's start date must not publish it).
import type { KeyboardEvent } from 'react';

export function noEnterSubmit(e: KeyboardEvent<HTMLFormElement>): void {
  if (e.key === 'Enter' && e.target instanceof HTMLInputElement) e.preventDefault();
}
