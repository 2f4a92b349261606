/** The message of a reference that does not resolve, naming the reference. */
import { atPointer, isObject } from '../json.js';

/**
 * Redocly's bare "Can't resolve $ref" with the reference it could not resolve, read at the pointer
 * of the problem in the document that holds it: `Can't resolve $ref "#/components/schemas/Nope"`.
 * Any other message is returned as it is.
 */
export function unresolvedRefMessage(document: unknown, pointer: string, message: string): string {
  if (message !== "Can't resolve $ref") return message;
  let node: unknown;
  try {
    node = atPointer(document, pointer);
  } catch {
    return message;
  }
  return isObject(node) && typeof node.$ref === 'string' ? `${message} ${JSON.stringify(node.$ref)}: nothing is there` : message;
}
