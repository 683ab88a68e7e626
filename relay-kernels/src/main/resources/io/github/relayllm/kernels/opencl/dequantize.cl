// Dequantization of weight units (to be written).
