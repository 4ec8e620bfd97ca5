// Runs the suite's files in name order (01-soak ... 99-secrets-scan): the secrets scan must
// come last, after every other file captured its output.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export class NameOrderSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }

  override async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    return files;
  }
}
