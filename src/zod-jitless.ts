// Loaded first whenever the bundle loads the zod schema (scripts/build.mjs, LAZY_MODULES), before any schema is
// built: zod's object schemas read this setting when they are created. A function process parses at most one
// config with zod, so zod's JIT (which compiles a parser with `new Function` on first use) costs more than it
// saves; the interpreted path gives the same results.
import { config } from 'zod';

config({ jitless: true });
