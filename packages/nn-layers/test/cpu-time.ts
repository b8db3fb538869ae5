// Time bounds in the tests count this process's CPU time, not the wall clock: under a parallel test
// run (other packages, the GPU tests' software driver on every core) the wall clock stretches while
// the work this process does stays the same.

/** A stopwatch of this process's CPU time (user + system), in milliseconds. */
export function cpuStopwatch(): () => number {
  const start = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
}
