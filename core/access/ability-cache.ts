// The abilities of a principal, built once and shared by every request it makes. defineAbilitiesFor is a pure
// function of the principal's fields (id, role, organisation, jurisdiction, organisation kind), so the cache is
// keyed by exactly those: a role change, a move to another organisation or a changed organisation kind makes a
// new key and the next request gets freshly built abilities; nothing needs evicting for correctness. Building a
// CASL ability (AbilityBuilder, rule index) cost about a tenth of a signed-in request's CPU before.
import { defineAbilitiesFor, type AppAbility, type Principal } from './abilities.js';

const MAX_ENTRIES = 10_000;
const byPrincipal = new Map<string, AppAbility>();
let anonymous: AppAbility | undefined;

/** every field of the principal its abilities depend on, as one string (a read cache keys the reader by it) */
export function principalKey(p: Principal): string {
  return `${p.id}\u0000${p.role}\u0000${p.orgId}\u0000${p.jurisdiction}\u0000${p.orgKind ?? ''}`;
}

/** The same abilities as defineAbilitiesFor(principal), from a cache keyed by every field they depend on. */
export function abilityFor(principal: Principal | null): AppAbility {
  if (!principal) return (anonymous ??= defineAbilitiesFor(null));
  const key = principalKey(principal);
  let ability = byPrincipal.get(key);
  if (!ability) {
    ability = defineAbilitiesFor(principal);
    // oldest first out when full (a Map iterates in insertion order)
    if (byPrincipal.size >= MAX_ENTRIES) byPrincipal.delete(byPrincipal.keys().next().value!);
    byPrincipal.set(key, ability);
  }
  return ability;
}
