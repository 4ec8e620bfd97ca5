import { kmsErrors, type KmsServiceError } from './errors.js';

/**
 * Fault injection for the stand-in. Counters are consumed one per call (before the signature
 * check, as a real front end throttles before authenticating), so "throttle the next 2 calls"
 * means exactly the next two requests fail, whatever they are.
 */
export class Faults {
  #throttle = 0;
  #failures = 0;
  #failureStatus = 500;
  #expiredSignatures = 0;
  #latencyMs = 0;

  /** The next `count` calls answer 400 ThrottlingException. */
  throttle(count: number): void {
    this.#throttle = count;
  }

  /** The next `count` calls answer `status` (5xx) KMSInternalException. */
  fail(count: number, status = 500): void {
    if (status < 500 || status > 599) throw new RangeError(`faults.fail: status must be 5xx, got ${status}`);
    this.#failures = count;
    this.#failureStatus = status;
  }

  /** The next `count` calls are refused as if signed before a long freeze (signature expired). */
  expireSignatures(count: number): void {
    this.#expiredSignatures = count;
  }

  /** Every call waits this long before answering (0 to stop). */
  latency(ms: number): void {
    this.#latencyMs = Math.max(0, ms);
  }

  clear(): void {
    this.#throttle = 0;
    this.#failures = 0;
    this.#expiredSignatures = 0;
    this.#latencyMs = 0;
  }

  get latencyMs(): number {
    return this.#latencyMs;
  }

  /** The injected error for this call, if any. */
  takeError(): KmsServiceError | undefined {
    if (this.#throttle > 0) {
      this.#throttle--;
      return kmsErrors.throttling();
    }
    if (this.#failures > 0) {
      this.#failures--;
      return kmsErrors.internal(this.#failureStatus);
    }
    return undefined;
  }

  takeExpiredSignature(): boolean {
    if (this.#expiredSignatures <= 0) return false;
    this.#expiredSignatures--;
    return true;
  }
}

/** The control surface handed to users: the methods, without the consuming ones. */
export interface KmsFaults {
  /** The next `count` calls answer 400 ThrottlingException. */
  throttle(count: number): void;
  /** The next `count` calls answer `status` (5xx, default 500) KMSInternalException. */
  fail(count: number, status?: number): void;
  /** The next `count` calls are refused as signed too long ago (a request signed before a freeze). */
  expireSignatures(count: number): void;
  /** Every call waits `ms` before answering (0 to stop). */
  latency(ms: number): void;
  /** Removes every pending fault and the latency. */
  clear(): void;
}
