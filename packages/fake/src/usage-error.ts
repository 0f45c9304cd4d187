// The error of a mistake in how a test uses the fake (an option, a simulated message, a delivery
// that does not exist), as opposed to an API answer, which is always a Response.

export class FakeUsageError extends Error {
  override name = "FakeUsageError";
}
