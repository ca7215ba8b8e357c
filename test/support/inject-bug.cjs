// Preloaded (node -r) into the bundle by test/hostile.test.ts to stand in for an internal bug: sorting the names
// of a config that has a pool called "injected-bug" throws, deep inside config loading or rendering.
'use strict';
const sort = Array.prototype.sort;
Array.prototype.sort = function (...args) {
  if (this.includes('injected-bug')) throw new TypeError('injected bug: cannot read the pools');
  return sort.apply(this, args);
};
