// The sentence a reader refuses bad input with: the message of the InputError it throws, and a failed test otherwise.
import { expect } from 'vitest';
import { InputError } from '../../src/io/resource-list.js';

export function refusal(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}
