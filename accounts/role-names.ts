// The roles by name as server messages (role.<ROLE>), for what the server writes for people (the audit export).
import { registerMessages } from '../core/i18n.js';
import { ROLE_NAMES } from './vocabulary.js';

registerMessages(Object.fromEntries(Object.entries(ROLE_NAMES).map(([role, name]) => [`role.${role}`, name])));
