// A parameter listed twice in one group warns, as PyTorch 1.13's add_param_group:
// "UserWarning: optimizer contains a parameter group with duplicate parameters; in future, this will cause an error".
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Adam, SGD } from '../src/index.js';
import { userWarning } from '../src/warn.js';
import { param } from './helpers.js';

const MESSAGE = 'optimizer contains a parameter group with duplicate parameters; in future, this will cause an error';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('duplicate parameters', () => {
  it('warn once per group (constructor and addParamGroup), as a UserWarning', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const w = param([1, 2]);
    new SGD([w, w], { lr: 0.1 });
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit.mock.calls[0][0]).toContain(`SGD: ${MESSAGE}`);
    expect(emit.mock.calls[0][1]).toBe('UserWarning');

    const opt = new Adam([param([1])]);
    const b = param([3]);
    opt.addParamGroup({ params: [b, param([4]), b] });
    expect(emit).toHaveBeenCalledTimes(2);
    expect(emit.mock.calls[1][0]).toContain(`Adam: ${MESSAGE}`);
  });

  it('distinct parameters do not warn', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    new SGD([param([1]), param([1])], { lr: 0.1 });
    new SGD([{ params: [param([1])] }, { params: [param([2])] }], { lr: 0.1 });
    expect(emit).not.toHaveBeenCalled();
  });

  it('without process.emitWarning (a browser) the warning goes to console.warn', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const saved = process.emitWarning;
    (process as { emitWarning?: unknown }).emitWarning = undefined;
    try {
      userWarning('something');
    } finally {
      process.emitWarning = saved;
    }
    expect(warn).toHaveBeenCalledWith('UserWarning: something');
  });
});
