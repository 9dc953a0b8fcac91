/** True for a file under test folders or named as a test: credentials there are usually fixtures (findings get low confidence). */
export function isTestPath(file: string): boolean {
  return /(^|\/)(__tests__|__mocks__|__fixtures__|tests?|specs?|fixtures?|e2e|cypress|playwright|mocks?|testdata|test-data)\//i.test(file) || /\.(test|spec|e2e|stories)\.[a-z]+$/i.test(file);
}
