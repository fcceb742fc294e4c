import { DomainError, notFound } from '../errors/domain-error.js';

// Octavia's errors shared by flavors, availability zones and their profiles.

/** Octavia answers 404 for the nil UUID before any lookup (and spells this one resource differently). */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** 400 `None is not a valid option for <option>` (Octavia's InvalidOption for a PUT of null). */
export function nullNotAllowed(option: string): DomainError {
  return new DomainError('invalid', `None is not a valid option for ${option}`);
}

/** 409 `<Object> <id> is in use and cannot be modified.` */
export function objectInUse(object: string, id: string): DomainError {
  return new DomainError('conflict', `${object} ${id} is in use and cannot be modified.`);
}

/** 409 `A <field> of <name> already exists.` */
export function recordAlreadyExists(field: string, name: string): DomainError {
  return new DomainError('conflict', `A ${field} of ${name} already exists.`);
}

/** 404 for the nil UUID, with the resource name Octavia's controller uses for that case. */
export function rejectNilId(resource: string, id: string): void {
  if (id === NIL_UUID) throw notFound(resource, id);
}

/** 400 `The selected <option> is not allowed in this deployment: <value>` (Octavia's DisabledOption). */
export function disabledOption(option: string, value: string): DomainError {
  return new DomainError('invalid', `The selected ${option} is not allowed in this deployment: ${value}`);
}
