import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The SAM template cannot be deployed here (no AWS account), so its structure is checked:
// each function sits on the runtime it claims, with the layer built for that runtime, and
// the artifacts it points at are the ones its header tells you to build.
const path = join(import.meta.dirname, '..', '..', 'examples', 'deploy', 'template.yaml');
const text = readFileSync(path, 'utf8');
const template = parse(text) as {
  Transform: string;
  Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
};
const resources = template.Resources;

function layerOf(fn: { Properties: Record<string, any> }) {
  const refs = (fn.Properties.Layers as Array<{ Ref: string }>).map((l) => l.Ref);
  expect(refs).toHaveLength(1);
  const layer = resources[refs[0]!];
  expect(layer?.Type).toBe('AWS::Serverless::LayerVersion');
  return layer!;
}

describe('examples/deploy/template.yaml', () => {
  it('is a SAM template', () => {
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31');
  });

  it('runs one function on provided.al2023 with the thaw runtime layer', () => {
    const fns = Object.values(resources).filter((r) => r.Type === 'AWS::Serverless::Function' && r.Properties.Runtime === 'provided.al2023');
    expect(fns).toHaveLength(1);
    const layer = layerOf(fns[0]!);
    expect(layer.Properties.CompatibleRuntimes).toEqual(['provided.al2023']);
    expect(layer.Properties.ContentUri).toBe('../../.build/thaw-runtime.zip');
    expect(text).toContain('thaw layer runtime --node 22 --arch x86_64 --out .build/thaw-runtime.zip');
  });

  it('runs one function on nodejs22.x with the thaw node layer', () => {
    const fns = Object.values(resources).filter((r) => r.Type === 'AWS::Serverless::Function' && r.Properties.Runtime === 'nodejs22.x');
    expect(fns).toHaveLength(1);
    const layer = layerOf(fns[0]!);
    expect(layer.Properties.CompatibleRuntimes).toContain('nodejs22.x');
    expect(layer.Properties.ContentUri).toBe('../../.build/thaw-node.zip');
    expect(text).toContain('thaw layer node --out .build/thaw-node.zip');
  });

  it('points every function at the bundle the header builds, with a well-formed handler', () => {
    for (const fn of Object.values(resources).filter((r) => r.Type === 'AWS::Serverless::Function')) {
      expect(fn.Properties.CodeUri).toBe('../../.build/hello.zip');
      expect(fn.Properties.Handler).toMatch(/^[\w/-]+\.[\w$.]+$/);
    }
    expect(text).toContain('thaw build examples/hello/index.mjs --out .build/hello --zip .build/hello.zip');
  });
});
