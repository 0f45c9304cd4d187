// The budget numbers its slots from the epoch, so where a test starts within a slot decides how far
// away the next one is. A test that needs the next slot to be far (a wait longer than maxWaitMs, a
// wait still pending after 100 ms) starts early in one: it waits, at most `needMs`, for a new slot
// when less than `needMs` of the current one is left.
export async function startEarlyInSlot(slotMs: number, needMs: number): Promise<void> {
  const left = slotMs - (Date.now() % slotMs);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
