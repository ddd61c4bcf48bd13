// Prints one plain closing line ("N passed, N failed") per layer and in all, so CI logs read at a glance.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const layers = new Map();
    for (const file of results.testResults) {
      const name = file.displayName?.name ?? file.displayName ?? 'tests';
      const l = layers.get(name) ?? { passed: 0, failed: 0 };
      for (const t of file.testResults) {
        if (t.status === 'passed') l.passed++;
        else if (t.status === 'failed') l.failed++;
      }
      if (file.testExecError) l.failed++;
      layers.set(name, l);
    }
    for (const [name, l] of layers) console.log(`  ${name}: ${l.passed} passed, ${l.failed} failed`);
    console.log(`${results.numPassedTests} passed, ${results.numFailedTests + results.numRuntimeErrorTestSuites} failed`);
  }
}
module.exports = SummaryReporter;
