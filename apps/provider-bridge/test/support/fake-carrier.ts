// A carrier for the tests: records what it was asked to send, answers from a script (an outage, a
// refusal, a hang), and posts inbound texts to the bridge's carrier webhook over HTTP, as a real
// carrier's webhook would.
import type { Carrier, IncomingText, OutgoingText, SendOutcome } from "../../src/index.js";

/** What the next call to send() does: reject (unreachable), hang until the bridge stops, or answer. */
export type CarrierStep = "unreachable" | "hang" | SendOutcome;

export class FakeCarrier implements Carrier {
  /** Texts the carrier took, in order. */
  readonly sent: OutgoingText[] = [];
  /** Every call to send(), taken or not. */
  calls = 0;
  /** The next calls' answers; then every text is delivered. */
  readonly script: CarrierStep[] = [];
  /** Resolves when a call starts hanging. */
  hanging: Promise<void>;
  #hung!: () => void;

  constructor() {
    this.hanging = new Promise((resolve) => (this.#hung = resolve));
  }

  async send(text: OutgoingText, signal: AbortSignal): Promise<SendOutcome> {
    this.calls += 1;
    const step = this.script.shift();
    if (step === "unreachable") throw new Error("connect ECONNREFUSED carrier.example.net:443");
    if (step === "hang") {
      this.#hung();
      return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));
    }
    this.sent.push(text);
    return step ?? { status: "delivered", carrierMessageId: `carrier-${this.sent.length}` };
  }

  /** The carrier's inbound webhook: POSTs `text` to the bridge with its secret. */
  static deliverInbound(url: string, secret: string, text: IncomingText | object): Promise<Response> {
    return fetch(url, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: JSON.stringify(text) });
  }
}
