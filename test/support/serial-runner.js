/**
 * Jest's own runner, one test file at a time (DESIGN.md section 8): the fault suites stop and
 * restart servers and load both cores, so they never run beside each other. Jest runs a serial
 * runner's files in its own process, and runs each runner after the other, so they do not run
 * beside the integration suites either.
 */
const TestRunner = require('jest-runner').default;

class SerialRunner extends TestRunner {
  get isSerial() {
    return true;
  }
}

module.exports = SerialRunner;
