//! Line-break opportunities: UAX #14 tailored for Chinese (W3C clreq, GB/T 15834-2011 §5.1).
