// The Barcode Detection API (Chrome on Android, among others) is not in TypeScript's DOM
// library yet: just the part the door's camera scanner uses.
interface DetectedBarcode {
  rawValue: string;
}
export interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;

/** The browser's BarcodeDetector, when it has one and a camera API to feed it. */
export function detectorClass(): BarcodeDetectorClass | null {
  if (typeof window === 'undefined' || !('BarcodeDetector' in window)) return null;
  const media = (navigator as Partial<Navigator>).mediaDevices;
  if (!media) return null;
  return (window as unknown as { BarcodeDetector: BarcodeDetectorClass }).BarcodeDetector;
}

export const cameraScanSupported = () => detectorClass() !== null;
