/**
 * The `license` of a generated package. The client is made from the spec, so the spec's license is
 * the default: `info.license.identifier` (OpenAPI 3.1's SPDX field), or `info.license.name` when it
 * names one license plainly enough to correct to an SPDX identifier ("Apache 2.0" is Apache-2.0; a
 * bare "BSD" or "GPL" names no version, and is not guessed). `x-tokenkit.license` states the
 * package's own, any SPDX expression or `UNLICENSED`. With none of these the field is left out: a
 * license is the package owner's to choose, never one tokenkit makes up.
 */
import correct from 'spdx-correct';
import parse from 'spdx-expression-parse';
import { isObject, str, type OpenApiDocument } from '../json.js';

/** Whether `value` is an SPDX license expression npm accepts, or `UNLICENSED`. */
export function isLicenseExpression(value: string): boolean {
  if (value === 'UNLICENSED') return true;
  try {
    parse(value);
    return true;
  } catch {
    return false;
  }
}

/** Letters and digits only, lower-cased: how names are compared. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The SPDX identifier a license name plainly names, or undefined. */
function fromName(name: string): string | undefined {
  if (isLicenseExpression(name)) return name;
  const id = correct(name);
  if (id === null) return undefined;
  // Corrected to a versioned license: the name must say that version ("Apache 2.0" → Apache-2.0,
  // not "BSD" → BSD-2-Clause); to an unversioned one, the name must hold it ("MIT License").
  const version = /\d+(?:\.\d+)?/.exec(id)?.[0];
  if (version === undefined) return squash(name).includes(squash(id)) ? id : undefined;
  return name.includes(version) || name.includes(version.replace(/\.0$/, '')) ? id : undefined;
}

/** The package's license (see the module's comment), undefined when there is none to give. */
export function packageLicense(document: OpenApiDocument): string | undefined {
  const own = isObject(document['x-tokenkit']) ? str(document['x-tokenkit'].license) : undefined;
  if (own !== undefined) return own;
  const license = isObject(document.info) && isObject(document.info.license) ? document.info.license : undefined;
  const identifier = str(license?.identifier);
  if (identifier !== undefined && isLicenseExpression(identifier)) return identifier;
  const name = str(license?.name);
  return name === undefined ? undefined : fromName(name.trim());
}
