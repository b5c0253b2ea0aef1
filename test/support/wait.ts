// Waiting for something a test cannot be told about (a job to end, a process to act): poll until `probe` gives
// a value, or fail naming what was awaited.
export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 60_000, everyMs = 200): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
