import { describe, expect, it } from 'vitest';
import { seatWording } from './count-label';

describe('seatWording', () => {
  it('says full when no seat is left, and never a negative count', () => {
    expect(seatWording(0, 12)).toEqual({ key: 'seatsFull', count: 12, left: 0 });
    expect(seatWording(-2, 10)).toEqual({ key: 'seatsFull', count: 10, left: 0 });
  });

  it('otherwise counts the seats left out of the capacity', () => {
    expect(seatWording(3, 12)).toEqual({ key: 'seatsLeft', count: 12, left: 3 });
    expect(seatWording(1, 1)).toEqual({ key: 'seatsLeft', count: 1, left: 1 });
  });
});
