// The shape of case.json (documented in README.md).
export interface TrafficExpectation {
  method?: string;
  path?: string;
  status?: number;
  headers?: Record<string, unknown>;
  json?: unknown;
  text?: string;
  bytes?: number;
}

export interface InvocationExpectation {
  status?: 'success' | 'error' | 'timeout' | 'exit' | 'init-error';
  cold?: boolean;
  response?: unknown;
  /** The raw payload as UTF-8: exact text, or `{ "$match": regex }` (key order, exact bytes). */
  payloadText?: string | { $match: string };
  error?: unknown;
  errorTypeHeader?: unknown;
  xrayCause?: unknown;
  traffic?: TrafficExpectation[];
  logs?: string[];
  logsExactly?: number;
  noLogs?: string[];
}

export interface CaseInvocation {
  event?: unknown;
  eventText?: string;
  eventBase64?: string;
  options?: Record<string, unknown>;
  expect: InvocationExpectation;
}

export interface CaseFile {
  description: string;
  owner?: string;
  /** The Node.js majors the case applies to, when the platform's behaviour depends on the version (inclusive bounds). */
  node?: { min?: number; max?: number };
  /** Another case folder whose function files this case runs (cases that differ only in their setting or Node.js version). */
  functionFrom?: string;
  handler?: string;
  env?: Record<string, string>;
  unsetEnv?: string[];
  emulator?: Record<string, unknown>;
  parallel?: boolean;
  invocations: CaseInvocation[];
  initTraffic?: TrafficExpectation[];
}
