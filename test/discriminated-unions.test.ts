/**
 * A discriminated parent that lists its children in `oneOf`/`anyOf` while each child `allOf`s back
 * to it (test/fixtures/specs/discriminated-one-of.yaml). Typed as written, each model would contain
 * the other and TypeScript refuses the package. The package must compile under `strict`, with and
 * without `exactOptionalPropertyTypes`; a caller's use of the models (building each variant,
 * narrowing on the discriminator, a value that fits no variant refused) compiles with it; and the
 * parent's model doc names its variants and the discriminator.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { consumerProject, strictConsumerOptions } from './helpers/consumer-project.js';
import { typecheck } from './helpers/tsc.js';

const USAGE = `import { PetsClient, type Cat, type Pet, type Shape, type Vehicle } from './pets/src/index.js';

export const cat: Cat = { petType: 'cat', name: 'Tom', lives: 9 };
export const dog: Pet = { petType: 'dog', name: 'Rex', bark: true };
// @ts-expect-error a dog must say whether it barks
export const mute: Pet = { petType: 'dog', name: 'Rex' };
// @ts-expect-error no variant is a fish
export const fish: Pet = { petType: 'fish', name: 'Nemo' };
export const circle: Shape = { kind: 'Circle', radius: 1 };
export const car: Vehicle = { kind: 'Car', engine: 'v8', doors: 4 };
// @ts-expect-error Motor is abstract: a vehicle is a Car or a Bike
export const motor: Vehicle = { kind: 'Motor', engine: 'v8' };

export function fittings(vehicle: Vehicle): number {
  return vehicle.kind === 'Car' ? (vehicle.doors ?? 4) : (vehicle.gears ?? 1);
}

export function describe(pet: Pet): string {
  return pet.petType === 'dog' ? \`\${pet.name} barks: \${pet.bark}\` : \`\${pet.name} has \${pet.lives ?? 0} lives\`;
}

export async function adopt(client: PetsClient): Promise<string> {
  const created: Pet = await client.pets.createPet({ body: cat });
  const all: Pet[] = await client.pets.listPets();
  const shape: Shape = await client.shapes.getShape({ id: 's1' });
  const vehicle: Vehicle = await client.vehicles.getVehicle({ id: 'v1' });
  return [describe(created), all.length, shape.kind, fittings(vehicle)].join();
}
`;

let dir: string;

beforeAll(async () => {
  dir = await consumerProject(['discriminated-one-of.yaml', 'pets']);
  await writeFile(path.join(dir, 'usage.ts'), USAGE);
  const compilerOptions = strictConsumerOptions();
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['usage.ts', 'pets/src'] }));
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('compiles, with a caller, under strict and exactOptionalPropertyTypes', async () => {
  expect(await typecheck(path.join(dir, 'tsconfig.json'))).toBe('');
}, 60_000);

it('compiles under strict without exactOptionalPropertyTypes', async () => {
  expect(await typecheck(path.join(dir, 'tsconfig.json'), ['--exactOptionalPropertyTypes', 'false'])).toBe('');
}, 60_000);

it('keeps the parent a union of its variants, each child its own parent part', async () => {
  const models = await readFile(path.join(dir, 'pets/src/models.ts'), 'utf8');
  expect(models).toMatch(/export type Pet = \{[^}]*\} & \(Cat \| Dog\);/);
  expect(models).toMatch(/export type Shape = \{[^}]*\} \| Circle \| Square;/);
  // An abstract variant is replaced by its own variants.
  expect(models).toMatch(/export type Vehicle = \{[^}]*\} & \(Car \| Bike\);/);
  expect(models).not.toMatch(/Omit<(Pet|Shape|Vehicle|Motor),/);
});

it('names the variants and the discriminator in the parent’s model doc', async () => {
  const pet = await readFile(path.join(dir, 'pets/docs/models/Pet.md'), 'utf8');
  expect(pet).toContain('Exactly one of: [Cat](Cat.md), [Dog](Dog.md), told apart by `petType` (`cat` → [Cat](Cat.md), `dog` → [Dog](Dog.md)).');
  const shape = await readFile(path.join(dir, 'pets/docs/models/Shape.md'), 'utf8');
  expect(shape).toContain('One or more of: [Circle](Circle.md), [Square](Square.md), told apart by `kind`, each by its schema name.');
  // A child's doc lists what it inherits from the parent beside its own properties.
  const dog = await readFile(path.join(dir, 'pets/docs/models/Dog.md'), 'utf8');
  for (const name of ['petType', 'name', 'bark']) expect(dog).toContain(`| \`${name}\` |`);
});
