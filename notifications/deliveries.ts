// The e-mails and webhook calls a notification causes, by the recipient's preferences (./preferences.ts): written
// in the transaction that writes the notifications, sent afterwards by the durable delivery job.
import type { Tx } from '../core/db/database.js';
import type { Notification } from '../core/db/generated/client.js';

/** Writes the deliveries of notifications just written (in their transaction) and enqueues their sending. */
export async function planDeliveries(_tx: Tx, _created: Notification[]): Promise<void> {
  // (channels: issue 17, item 4)
}
