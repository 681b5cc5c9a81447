// The words of a count: how an event's seats are put (the catalogue holds the sentences).

/**
 * Which seat wording an event gets: "Full · 12 seats" when none is left (or fewer than none,
 * after the capacity was lowered), else "3 of 12 seats left". The plural follows the capacity
 * ("1 of 1 seat left", "Noch 1 von 1 Platz"), so `count` is the capacity.
 */
export function seatWording(
  seatsLeft: number,
  capacity: number,
): { key: 'seatsFull' | 'seatsLeft'; count: number; left: number } {
  const left = Math.max(0, seatsLeft);
  return { key: left === 0 ? 'seatsFull' : 'seatsLeft', count: capacity, left };
}
