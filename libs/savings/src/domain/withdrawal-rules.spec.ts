import { requireOpen, requireWithdrawable } from './withdrawal-rules';

describe('withdrawal rules', () => {
  it('lets only voluntary savings be withdrawn over the counter', () => {
    expect(() => requireWithdrawable('sukarela', 'A1')).not.toThrow();
    for (const kind of ['pokok', 'wajib', 'berjangka'] as const) {
      expect(() => requireWithdrawable(kind, 'A1')).toThrow(
        expect.objectContaining({ slug: 'withdrawal-not-allowed', status: 422 }),
      );
    }
  });

  it('moves money only on open accounts', () => {
    expect(() => requireOpen('open', 'A1')).not.toThrow();
    expect(() => requireOpen('dormant', 'A1')).toThrow(
      expect.objectContaining({ slug: 'account-dormant' }),
    );
    expect(() => requireOpen('closed', 'A1')).toThrow(
      expect.objectContaining({ slug: 'account-closed' }),
    );
  });
});
