/** Given a package's directory name and API title, its npm keywords. */
import { expect, it } from 'vitest';
import { packageKeywords } from '../../generator/model/build-api.js';

it.each([
  ['launchdarkly', 'LaunchDarkly REST API', ['api-client', 'openapi', 'typescript', 'launchdarkly']],
  ['quay', 'Red Hat Quay API', ['api-client', 'openapi', 'typescript', 'quay', 'red-hat-quay']],
  ['github', 'GitHub v3 REST API', ['api-client', 'openapi', 'typescript', 'github', 'github-v3']],
  ['petstore', 'Swagger Petstore', ['api-client', 'openapi', 'typescript', 'petstore', 'swagger-petstore']],
  ['x', '<img src=x>', ['api-client', 'openapi', 'typescript', 'x', 'img-src-x']],
  // Each keyword once, whichever source names it.
  ['openapi', 'OpenAPI', ['api-client', 'openapi', 'typescript']],
  ['TypeScript', 'typescript API', ['api-client', 'openapi', 'typescript']],
])('%s, %s → %j', (name, title, keywords) => {
  expect(packageKeywords(name, title)).toEqual(keywords);
});
