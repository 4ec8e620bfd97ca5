import { expectTypeOf, test } from 'vitest';
import { lambda } from '../engine/index.js';
import { decryptEnv } from '../kms/decrypt-env.js';
import { defineEnv } from './define-env.js';
import { envVar } from './kinds.js';
import { parseEnv } from './parse-env.js';

test('value types are inferred from the declaration', () => {
  const values = parseEnv({
    S: envVar.string(),
    N: envVar.number({ default: 1 }),
    B: envVar.boolean({ optional: true }),
    J: envVar.json<{ a: number }>(),
    U: envVar.url(),
    E: envVar.enum(['x', 'y']),
    O: envVar.enum(['x', 'y'], { optional: true }),
  });
  expectTypeOf(values.S).toEqualTypeOf<string>();
  expectTypeOf(values.N).toEqualTypeOf<number>();
  expectTypeOf(values.B).toEqualTypeOf<boolean | undefined>();
  expectTypeOf(values.J).toEqualTypeOf<{ a: number }>();
  expectTypeOf(values.U).toEqualTypeOf<URL>();
  expectTypeOf(values.E).toEqualTypeOf<'x' | 'y'>();
  expectTypeOf(values.O).toEqualTypeOf<'x' | 'y' | undefined>();
  const config = defineEnv({ P: envVar.string({ encrypted: true }) });
  expectTypeOf(config.get('P')).toEqualTypeOf<string>();
  // @ts-expect-error: undeclared names are refused
  config.get('NOPE');
});

test('middleware values reach the handler context typed', () => {
  const config = defineEnv({ PORT: envVar.number() });
  const secrets = decryptEnv({ names: ['TOKEN', 'OTHER'] });
  lambda<unknown, number>()
    .use(config.middleware())
    .use(secrets.middleware({ contextKey: 'vault' }))
    .handler(async (_event, context) => {
      expectTypeOf(context.env.PORT).toEqualTypeOf<number>();
      expectTypeOf(context.vault.TOKEN).toEqualTypeOf<string>();
      // @ts-expect-error: only the declared names exist
      void context.vault.NOPE;
      return context.env.PORT;
    });
});
