/** The calibration file format version this code reads and writes (apart, so that reading it loads no schema). */
export const CALIBRATION_FORMAT = 1;
