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

/** Words a license's name may hold beside its identifier's own: "The MIT License", "Apache License, Version 2.0". */
const FILLER = new Set(['the', 'license', 'licence', 'version', 'v']);

/** The words of a name, lower-cased, versions without a trailing `.0` or a leading `v` ("v2.0" → "2"). */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .map((w) =>
      w
        .replace(/^v(?=\d)/, '')
        .replace(/(\.0)+$/, '')
        .replace(/^\.+|\.+$/g, ''),
    )
    .filter((w) => w !== '');
}

/**
 * The SPDX identifier a license name plainly names, or undefined. spdx-correct guesses freely
 * ("Proprietary - Example Limited" and "Permit" are MIT to it, "BSD-like 2019" BSD-2-Clause): its
 * answer is taken only when the name holds every word of the identifier and nothing else but filler.
 */
function fromName(name: string): string | undefined {
  if (isLicenseExpression(name)) return name;
  const id = correct(name);
  if (id === null) return undefined;
  const own = new Set(words(id));
  const said = words(name);
  const plain = [...own].every((w) => said.includes(w)) && said.every((w) => own.has(w) || FILLER.has(w));
  return plain ? id : undefined;
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
