import { formatBytes } from './bytes.js';
import { LambdaLimitError } from './errors.js';

// Lambda quotas (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html):
// stated in MB, enforced in MiB.
export const ZIPPED_DIRECT_UPLOAD_LIMIT = 50 * 1024 * 1024;
export const UNZIPPED_TOTAL_LIMIT = 250 * 1024 * 1024;

export interface LimitInput {
  /** What is checked, for the message: "function zip", "runtime layer". */
  what: string;
  zippedBytes?: number;
  unzippedBytes: number;
  /** The zip goes through S3, where the 50 MB direct-upload limit does not apply. */
  viaS3?: boolean;
}

export interface LimitReport {
  zippedBytes?: number;
  unzippedBytes: number;
  /** How much of the 250 MB (function + all its layers) is left for the rest. */
  unzippedRemaining: number;
}

/** Throws a LambdaLimitError naming the limit and what to do; otherwise reports the headroom. */
export function checkLimits(input: LimitInput): LimitReport {
  if (input.unzippedBytes > UNZIPPED_TOTAL_LIMIT) {
    throw new LambdaLimitError(
      `${input.what} is ${formatBytes(input.unzippedBytes)} unzipped, over Lambda's ${formatBytes(UNZIPPED_TOTAL_LIMIT)} limit ` +
        '(function and all its layers together): leave out what the runtime already has (e.g. --external-aws-sdk), ' +
        'minify, or move large assets to S3 or a container image',
      'unzipped-total',
    );
  }
  if (input.zippedBytes !== undefined && !input.viaS3 && input.zippedBytes > ZIPPED_DIRECT_UPLOAD_LIMIT) {
    throw new LambdaLimitError(
      `${input.what} is ${formatBytes(input.zippedBytes)} zipped, over Lambda's ${formatBytes(ZIPPED_DIRECT_UPLOAD_LIMIT)} ` +
        'limit for a direct upload: upload it through S3 instead and pass --s3 to acknowledge that',
      'zipped-direct-upload',
    );
  }
  return {
    ...(input.zippedBytes !== undefined ? { zippedBytes: input.zippedBytes } : {}),
    unzippedBytes: input.unzippedBytes,
    unzippedRemaining: UNZIPPED_TOTAL_LIMIT - input.unzippedBytes,
  };
}
