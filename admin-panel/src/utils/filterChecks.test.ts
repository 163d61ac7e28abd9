import { describe, expect, it } from 'vitest';
import { checkOrderFilters, ORDER_FILTERS } from '@/services/orders';
import { checkTransactionFilters, TRANSACTION_FILTERS } from '@/services/transactions';
import { toCents } from './money';

const blank = <F extends string>(names: readonly F[]) =>
  Object.fromEntries(names.map((name) => [name, ''])) as Record<F, string>;

describe('list filters the API would refuse are caught first', () => {
  it('orders: a one-letter search, a malformed amount, a range that ends below its start', () => {
    const filters = blank(ORDER_FILTERS);
    expect(checkOrderFilters(filters)).toEqual({});
    expect(checkOrderFilters({ ...filters, search: 'a', amount_min: '1.999' })).toEqual({
      search: 'A search needs at least 2 characters.',
      amount_min: 'The minimum is an amount like 19.90.',
    });
    // Compared in cents: 9.5 is below 10, whatever the string order says.
    expect(checkOrderFilters({ ...filters, amount_min: '10', amount_max: '9.5' })).toEqual({
      amount_max: 'The amount range ends below where it starts.',
    });
    expect(checkOrderFilters({ ...filters, amount_min: '9.5', amount_max: '10' })).toEqual({});
  });

  it('transactions: searches of 3 characters or more, numeric order ids', () => {
    const filters = blank(TRANSACTION_FILTERS);
    expect(checkTransactionFilters({ ...filters, search: 'TX', order_id: '4a' })).toEqual({
      search: 'A search needs at least 3 characters.',
      order_id: 'The order id is a number.',
    });
    expect(checkTransactionFilters({ ...filters, search: 'TXN', order_id: '42' })).toEqual({});
  });

  it('money in whole cents', () => {
    expect(['19.9', '19.90', '0.01', '5', '1.999', '-1', ''].map(toCents)).toEqual([1990, 1990, 1, 500, null, null, null]);
  });
});
